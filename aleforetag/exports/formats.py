"""Spreadsheet formats that are safe to open in Excel.

Formula injection
    A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
    some programs, a tab or a carriage return) as a formula, so a note that reads
    ``=HYPERLINK("http://evil", "click")`` would become a live link or worse. Every export
    neutralises such cells:

    * CSV: the cell gets a leading apostrophe (``'=HYPERLINK(...)``), the OWASP advice.
      The apostrophe shows in Excel, which is the point: the text is read, not run.
    * XLSX: the cell is written as a text cell with Excel's own "quote prefix" flag, the
      same thing Excel does when a person types an apostrophe first. Excel shows the
      text unchanged and never evaluates it, not even after editing the cell.

    Ordinary values keep their meaning: a plain number such as ``-5`` or ``+3,5`` cannot
    carry a formula and is left alone, so Excel still reads it as a number, and a phone
    number such as ``0303-33 00 00`` does not start with a trigger character at all.
    Leading spaces are looked through, since some programs skip them before deciding.

    Import undoes the CSV escape exactly (``restore(neutralise(v)) == v`` for every
    string), so export, import and export again gives the same file. A value that
    itself starts with an apostrophe followed by something escapable gets a second
    apostrophe, which keeps the mapping reversible.

CSV dialect
    UTF-8 with a byte order mark (so Excel shows å, ä and ö), semicolons between cells
    (Swedish Excel uses the semicolon as list separator, so a double-click opens the
    file in columns) and CRLF line ends. Import accepts semicolons or commas, and
    refuses a file that is not UTF-8 with the rows and columns of the bad bytes.
"""

import csv
import io
import re

import tablib
from django.utils.translation import gettext as _
from import_export.formats.base_formats import Format

BOM = "\ufeff"
CSV_DELIMITER = ";"
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$")
# Control characters that XML (and so XLSX) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_REPORTED_ENCODING_PROBLEMS = 20


class ImportFileError(ValueError):
    """A file that cannot be read as a table at all; ``problems`` lists (row, column, reason)."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


def _formula_like(value: str) -> bool:
    stripped = value.lstrip(" ")
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.match(stripped)


def needs_neutralising(value: str) -> bool:
    """True when a spreadsheet could read the text as a formula (or it looks like an escaped one)."""
    return _formula_like(value) or (value.startswith("'") and needs_neutralising(value[1:]))


def neutralise(value):
    """The value as it is safe to write to a CSV cell: formula-like text gets an apostrophe."""
    if isinstance(value, str) and needs_neutralising(value):
        return "'" + value
    return value


def restore(value):
    """Undo ``neutralise`` on a value read from a CSV cell."""
    if isinstance(value, str) and value.startswith("'") and needs_neutralising(value[1:]):
        return value[1:]
    return value


def _cell_text(value) -> str:
    return "" if value is None else str(value)


class _Echo:
    def write(self, value):
        return value


def csv_line_writer():
    """A ``csv.writer`` whose ``writerow`` returns the line instead of writing it."""
    return csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


def csv_line(writer, values) -> str:
    """One CSV line with every cell neutralised."""
    return writer.writerow([neutralise(_cell_text(value)) for value in values])


def rows_to_csv(headers, rows) -> bytes:
    """A whole CSV file (BOM, semicolons, neutralised cells) as UTF-8 bytes."""
    writer = csv_line_writer()
    out = io.StringIO()
    out.write(BOM)
    out.write(csv_line(writer, headers))
    for row in rows:
        out.write(csv_line(writer, row))
    return out.getvalue().encode("utf-8")


def _guess_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def _encoding_problems(data: bytes, delimiter: str, headers: list[str]):
    """(row, column, reason) for each line that is not valid UTF-8."""
    problems = []
    for number, raw_line in enumerate(data.splitlines(), start=1):
        try:
            raw_line.decode("utf-8")
        except UnicodeDecodeError:
            text = raw_line.decode("utf-8", errors="replace")
            cells = next(csv.reader([text], delimiter=delimiter), [])
            bad = [i for i, cell in enumerate(cells) if "\ufffd" in cell] or [0]
            for index in bad:
                column = headers[index] if index < len(headers) else str(index + 1)
                problems.append(
                    (
                        number - 1,
                        column,
                        _(
                            "The file is not UTF-8 encoded. In Excel, save it as “CSV UTF-8 "
                            "(comma delimited)” and try again."
                        ),
                    )
                )
            if len(problems) >= MAX_REPORTED_ENCODING_PROBLEMS:
                break
    return problems


def csv_to_dataset(data) -> tablib.Dataset:
    """Read CSV bytes (UTF-8, with or without BOM, ';' or ',') into a dataset of restored values."""
    if isinstance(data, str):
        text = data.removeprefix(BOM)
        raw = None
    else:
        raw = bytes(data)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
    sample = text if text is not None else raw.decode("utf-8", errors="replace").removeprefix(BOM)
    first_line = sample.split("\n", 1)[0]
    delimiter = _guess_delimiter(first_line)
    if text is None:
        headers = [h.strip() for h in next(csv.reader([first_line], delimiter=delimiter), [])]
        problems = _encoding_problems(raw, delimiter, headers)
        raise ImportFileError(_("The file is not UTF-8 encoded."), problems)

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_row = next(reader)
    except StopIteration:
        raise ImportFileError(_("The file is empty."), [(0, "", _("The file is empty."))]) from None
    headers = [restore(h).strip() for h in header_row]
    dataset = tablib.Dataset(headers=headers)
    problems = []
    for number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(headers):
            problems.append(
                (
                    number,
                    "",
                    _("The row has %(cells)s cells but the header has %(columns)s columns.")
                    % {"cells": len(cells), "columns": len(headers)},
                )
            )
            continue
        dataset.append([restore(cell) for cell in cells])
    if problems:
        raise ImportFileError(_("Some rows do not match the header."), problems)
    return dataset


class ExcelSafeCSV(Format):
    """CSV for Excel: UTF-8 with BOM, semicolons, formula-like cells neutralised."""

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return "csv"

    def create_dataset(self, in_stream):
        return csv_to_dataset(in_stream)

    def export_data(self, dataset, **kwargs):
        return rows_to_csv(dataset.headers, dataset)

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return "csv"

    def get_content_type(self):
        return "text/csv; charset=utf-8"

    def can_import(self):
        return True

    def can_export(self):
        return True


def xlsx_cell(sheet, value):
    """A write-only cell; text that could be read as a formula is a quote-prefixed text cell."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("\ufffd", value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and _formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def rows_to_xlsx(headers, rows, title="data") -> bytes:
    """A whole XLSX workbook with one sheet, written row by row."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([xlsx_cell(sheet, _cell_text(h)) for h in headers])
    for row in rows:
        sheet.append([xlsx_cell(sheet, _cell_text(value)) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_to_dataset(data) -> tablib.Dataset:
    """Read the first sheet of an XLSX workbook; empty cells become empty strings."""
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("The file is not an XLSX workbook."), [(0, "", _("The file is not an XLSX workbook."))]
        ) from error
    rows = workbook.active.iter_rows(values_only=True)
    try:
        header_row = next(rows)
    except StopIteration:
        raise ImportFileError(_("The file is empty."), [(0, "", _("The file is empty."))]) from None
    headers = [("" if h is None else str(h)).strip() for h in header_row]
    while headers and headers[-1] == "":
        headers.pop()
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        values = ["" if v is None else v for v in row[: len(headers)]]
        if not any(str(v).strip() for v in values):
            continue
        values += [""] * (len(headers) - len(values))
        dataset.append(values)
    workbook.close()
    return dataset


class ExcelSafeXLSX(Format):
    """XLSX with formula-like text stored as quote-prefixed text cells."""

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return "xlsx"

    def create_dataset(self, in_stream):
        return xlsx_to_dataset(in_stream)

    def export_data(self, dataset, **kwargs):
        return rows_to_xlsx(dataset.headers, dataset, title=dataset.title or "data")

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return "xlsx"

    def get_content_type(self):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def can_import(self):
        return True

    def can_export(self):
        return True


FORMATS = [ExcelSafeCSV, ExcelSafeXLSX]
