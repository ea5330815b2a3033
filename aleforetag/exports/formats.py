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
    file in columns) and CRLF line ends. Import reads what people have: UTF-8 with or
    without BOM, Windows-1252 (Swedish Excel's "CSV (semikolonavgränsad)") and UTF-16,
    semicolons, commas or tabs (found from the header line), CRLF or LF; a file no codec
    reads is refused with the rows and columns of the bad bytes.
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


_RISKY_START = frozenset(FORMULA_TRIGGERS | {"'", " "})


def neutralise(value):
    """The value as it is safe to write to a CSV cell: formula-like text gets an apostrophe."""
    if isinstance(value, str) and value[:1] in _RISKY_START and needs_neutralising(value):
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


DELIMITERS = (";", ",", "\t")
ENCODING_LABELS = {
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16",
}


def _guess_delimiter(first_line: str) -> str:
    """The separator of the header line: the one of ``;``, ``,`` and tab found most often
    outside quotes (a semicolon on a tie, as Swedish Excel writes)."""
    outside, quoted = [], False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    counts = {delimiter: outside.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else CSV_DELIMITER


def decode_text(raw: bytes) -> tuple[str | None, str]:
    """The text of a CSV file and the codec that read it: UTF-8 with or without a byte order
    mark, UTF-16 with one (Excel's "Unicode text"), else Windows-1252 (what Swedish Excel
    saves as "CSV (semikolonavgränsad)"). ``(None, "")`` when no codec reads every byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, ""
    for codec in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            codec = "utf-8"
        return text, codec
    return None, ""


def _encoding_problems(data: bytes, delimiter: str, headers: list[str]):
    """(row, column, reason) for each line with bytes neither UTF-8 nor Windows-1252 reads."""
    problems = []
    for number, raw_line in enumerate(data.splitlines(), start=1):
        try:
            raw_line.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        try:
            raw_line.decode("cp1252")
            continue
        except UnicodeDecodeError:
            pass
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
                        "The file is neither UTF-8 nor Windows-1252 encoded. In Excel, save it as "
                        "“CSV UTF-8 (comma delimited)” and try again."
                    ),
                )
            )
        if len(problems) >= MAX_REPORTED_ENCODING_PROBLEMS:
            break
    return problems


_SEP_HINT = re.compile(r"^sep=(.)$", re.IGNORECASE)


def csv_to_dataset(data) -> tablib.Dataset:
    """Read a CSV file (UTF-8 with or without BOM, Windows-1252 or UTF-16; ``;``, ``,`` or tab;
    CRLF or LF) into a dataset of restored values.

    The dataset says what was found in ``source_encoding`` and ``source_delimiter``, which
    the import preview shows.
    """
    if isinstance(data, str):
        text, codec = data.removeprefix(BOM), "utf-8"
        raw = None
    else:
        raw = bytes(data)
        text, codec = decode_text(raw)
    if text is None:
        sample = raw.decode("utf-8", errors="replace").removeprefix(BOM)
        first_line = sample.split("\n", 1)[0]
        delimiter = _guess_delimiter(first_line)
        headers = [h.strip() for h in next(csv.reader([first_line], delimiter=delimiter), [])]
        problems = _encoding_problems(raw, delimiter, headers)
        raise ImportFileError(_("The file's encoding is not known."), problems)
    text = text.removeprefix(BOM)
    first_line, _newline, rest = text.partition("\n")
    hint = _SEP_HINT.match(first_line.strip())
    if hint:
        # Excel's "sep=;" line names the separator and is not part of the table.
        delimiter, text = hint.group(1), rest
    else:
        delimiter = _guess_delimiter(first_line)

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_row = next(reader)
    except StopIteration:
        raise ImportFileError(_("The file is empty."), [(0, "", _("The file is empty."))]) from None
    headers = [restore(h).strip() for h in header_row]
    while headers and headers[-1] == "":
        headers.pop()
    dataset = tablib.Dataset(headers=headers)
    problems = []
    width = len(headers)
    for number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            # Excel pads every row with empty cells up to the widest row.
            cells = cells[:width]
        if len(cells) != width:
            problems.append(
                (
                    number,
                    "",
                    _("The row has %(cells)s cells but the header has %(columns)s columns.")
                    % {"cells": len(cells), "columns": width},
                )
            )
            continue
        dataset.append([restore(cell) for cell in cells])
    if problems:
        raise ImportFileError(_("Some rows do not match the header."), problems)
    dataset.source_encoding = ENCODING_LABELS.get(codec, codec)
    dataset.source_delimiter = delimiter
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
    dataset.source_encoding = "XLSX"
    dataset.source_delimiter = ""
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
