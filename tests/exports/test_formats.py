"""The Excel-safe formats: BOM, semicolons, formula neutralising, å ä ö, and what import refuses."""

import csv
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aleforetag.exports.formats import (
    _PLAIN_NUMBER,
    BOM,
    ImportFileError,
    csv_to_dataset,
    neutralise,
    restore,
    rows_to_csv,
    rows_to_xlsx,
    xlsx_to_dataset,
)

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","klicka")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]
ORDINARY = ["0303-33 00 00", "-5", "+3", "-3,5", "1.5e3", "Åsa Öberg", "", "e-post: a@b.se", "'quoted'"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_like_text_gets_an_apostrophe(value):
    """A cell starting with = + - @ tab or CR (after spaces) is prefixed with an apostrophe."""
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ORDINARY)
def test_ordinary_values_keep_their_meaning(value):
    """Phone numbers, plain (signed) numbers and ordinary text are written unchanged."""
    assert neutralise(value) == value


@given(st.text())
def test_restore_undoes_neutralise_for_every_string(value):
    """Import reads back exactly what was exported, whatever the text."""
    assert restore(neutralise(value)) == value


@given(st.text())
def test_no_neutralised_value_starts_like_a_formula(value):
    """After neutralising, a cell starts with a trigger character only when it is a plain number."""
    safe = neutralise(value).lstrip(" ")
    assert not safe or safe[0] not in "=+-@\t\r" or _PLAIN_NUMBER.match(safe)


def test_csv_has_bom_semicolons_and_reads_back_with_the_csv_module():
    """The CSV starts with a UTF-8 BOM, separates cells with semicolons, and Python's csv module
    reads å, ä, ö and the neutralised formula intact."""
    data = rows_to_csv(["namn", "text"], [["Åsa Öberg", "=1+1"], ["Ärlig Ängel", "höst; vinter"]])
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [["namn", "text"], ["Åsa Öberg", "'=1+1"], ["Ärlig Ängel", "höst; vinter"]]


def test_xlsx_keeps_text_and_stores_formula_like_cells_as_quote_prefixed_text():
    """openpyxl reads å, ä, ö intact; a formula-looking cell is a text cell with Excel's quote
    prefix, never a formula, and keeps its text."""
    data = rows_to_xlsx(["namn", "text"], [["Åsa Öberg", "=1+1"], ["Ärlig", "-5"]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[2]] == ["Åsa Öberg", "=1+1"]
    assert sheet["B2"].data_type == "s" and sheet["B2"].quotePrefix
    assert not sheet["A2"].quotePrefix and sheet["B3"].value == "-5" and not sheet["B3"].quotePrefix


def test_csv_import_accepts_commas_and_no_bom():
    """A comma-separated file without BOM (as some programs save it) is read too."""
    dataset = csv_to_dataset("slug,title\r\nett,Första\r\n".encode())
    assert dataset.headers == ["slug", "title"] and list(dataset) == [("ett", "Första")]


def test_xlsx_import_reads_the_first_sheet():
    dataset = xlsx_to_dataset(rows_to_xlsx(["a", "b"], [["å", "'x"], ["", ""]]))
    assert dataset.headers == ["a", "b"] and list(dataset) == [("å", "'x")]


SWEDISH_ROWS = [
    ["Namn", "E-post", "Företag", "Organisationsnummer", "Roll", "Bord"],
    ["Åsa Öberg", "asa@example.se", "Älvängens Bageri AB", "556016-0680", "Företagare", "Bord 1"],
    ["Örjan Ärlig", "orjan@example.se", "Nödinge Måleri, HB", "", "Tjänsteperson", ""],
]
ENCODINGS = {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp1252": "Windows-1252"}


def write_csv(rows, *, encoding, delimiter, newline):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_every_encoding_delimiter_and_line_ending_reads_with_swedish_letters_intact(
    encoding, delimiter, newline
):
    """UTF-8 with or without BOM and Windows-1252, semicolons, commas or tabs, CRLF or LF: the
    same table comes out, å ä ö intact, and the dataset says how it was read."""
    dataset = csv_to_dataset(write_csv(SWEDISH_ROWS, encoding=encoding, delimiter=delimiter, newline=newline))
    assert dataset.headers == SWEDISH_ROWS[0]
    assert [list(row) for row in dataset] == SWEDISH_ROWS[1:]
    assert (dataset.source_encoding, dataset.source_delimiter) == (ENCODINGS[encoding], delimiter)


def test_excel_sep_line_and_padding_cells_are_understood():
    """Excel's "sep=;" first line names the separator; empty cells past the header are padding."""
    data = "sep=,\r\nNamn,E-post\r\nÅsa,asa@example.se,,\r\n".encode("cp1252")
    dataset = csv_to_dataset(data)
    assert dataset.headers == ["Namn", "E-post"] and list(dataset) == [("Åsa", "asa@example.se")]


def test_xlsx_reads_as_xlsx():
    dataset = xlsx_to_dataset(rows_to_xlsx(SWEDISH_ROWS[0], SWEDISH_ROWS[1:]))
    assert [list(row) for row in dataset] == SWEDISH_ROWS[1:] and dataset.source_encoding == "XLSX"


def test_a_file_no_codec_reads_names_the_row_and_column():
    """Bytes that neither UTF-8 nor Windows-1252 reads (0x81 is undefined in both) are refused
    with the row and column of each bad cell."""
    data = b"slug;title\r\nett;F\x81rsta\r\ntv\x8d;Andra\r\n"
    with pytest.raises(ImportFileError) as caught:
        csv_to_dataset(data)
    assert [(row, column) for row, column, _reason in caught.value.problems] == [(1, "title"), (2, "slug")]
    assert "UTF-8" in caught.value.problems[0][2]


def test_a_row_with_too_many_cells_is_named():
    with pytest.raises(ImportFileError) as caught:
        csv_to_dataset(b"a;b\r\n1;2\r\n1;2;3\r\n")
    assert caught.value.problems[0][0] == 2


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ImportFileError):
        xlsx_to_dataset(b"not a zip file")
