"""CSV downloads of the dashboard's tables, safe to open in Excel."""

import csv

from django.http import HttpResponse

# A cell starting with one of these could be run by a spreadsheet as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix formula-looking text with an apostrophe so spreadsheets show it as text."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def table_csv_response(table, *, filename: str) -> HttpResponse:
    """The table as a UTF-8 CSV download with a byte-order mark (which Excel needs to read
    UTF-8), headers first, semicolon-separated as Swedish Excel expects."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([neutralise(cell) for cell in table.text_headers])
    for row in table.text_rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response
