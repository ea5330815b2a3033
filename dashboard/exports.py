"""CSV downloads of the dashboard's tables, in the site's Excel-safe CSV dialect."""

from django.http import HttpResponse

from aleforetag.exports.formats import rows_to_csv


def table_csv_response(table, *, filename: str) -> HttpResponse:
    """The table as a CSV attachment: headers first, then the rows exactly as the page shows
    them; UTF-8 with a byte-order mark, semicolons, formula-like cells neutralised
    (see ``aleforetag.exports.formats``)."""
    response = HttpResponse(
        rows_to_csv(table.text_headers, table.text_rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
