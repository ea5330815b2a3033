"""Writes of the exports app: the export log, whole-table exports and imports, streaming."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from import_export.results import Result

from .formats import (
    BOM,
    ExcelSafeCSV,
    ExcelSafeXLSX,
    ImportFileError,
    csv_line,
    csv_line_writer,
    rows_to_csv,
    rows_to_xlsx,
)
from .models import ExportLog
from .resources import PortalResource, import_problems

FORMATS_BY_NAME = {"csv": ExcelSafeCSV, "xlsx": ExcelSafeXLSX}
STREAM_CHUNK_SIZE = 2000
STREAM_LINES_PER_WRITE = 500


def export_log_record(
    *,
    user,
    direction: str,
    channel: str,
    table: str,
    file_format: str,
    row_count: int,
    personal_data: bool,
    filters: str = "",
) -> ExportLog:
    """Record one export or import: who, which table, how many rows, with personal data or not."""
    entry = ExportLog(
        user=user if user is not None and user.is_authenticated else None,
        user_email=getattr(user, "email", "") or "",
        direction=direction,
        channel=channel,
        table=table,
        file_format=file_format,
        row_count=row_count,
        personal_data=personal_data,
        filters=filters[:500],
    )
    entry.full_clean()
    entry.save()
    return entry


def table_export(
    *,
    resource: PortalResource,
    file_format: str = "csv",
    queryset=None,
    user=None,
    channel: str = ExportLog.Channel.COMMAND,
    filters: str = "",
) -> bytes:
    """The whole table (or ``queryset``) as a CSV or XLSX file, logged in the export log. Rows
    are read from value queries (``PortalResource.export_rows``), not one object per row."""
    rows = list(resource.export_rows(queryset))
    data = export_file(resource=resource, rows=rows, file_format=file_format)
    export_log_record(
        user=user,
        direction=ExportLog.Direction.EXPORT,
        channel=channel,
        table=resource._meta.model._meta.label_lower,
        file_format=file_format,
        row_count=len(rows),
        personal_data=resource.include_personal,
        filters=filters,
    )
    return data


def export_file(*, resource: PortalResource, rows, file_format: str = "csv") -> bytes:
    """Rows of ``export_rows`` as a whole CSV or XLSX file with the resource's headers."""
    headers = resource.get_export_headers()
    if file_format == "xlsx":
        return rows_to_xlsx(headers, rows, title=resource.table_name or "data")
    return rows_to_csv(headers, rows)


@dataclass
class ImportOutcome:
    """What an import did, or, when ``problems`` is not empty, why it changed nothing."""

    result: Result | None
    problems: list = field(default_factory=list)
    totals: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def table_import(
    *, resource: PortalResource, data: bytes, file_format: str = "csv", user=None, dry_run: bool = False
) -> ImportOutcome:
    """Import a CSV or XLSX file into one table: every row or none.

    A file that cannot be read, a missing or unknown column, or any bad row leaves the
    database as it was; the outcome lists each problem as (row, column, reason).
    """
    try:
        dataset = FORMATS_BY_NAME[file_format]().create_dataset(data)
    except ImportFileError as error:
        return ImportOutcome(result=None, problems=error.problems or [(0, "", str(error))])
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False, user=user)
        problems = import_problems(result)
        if problems:
            transaction.set_rollback(True)
            return ImportOutcome(result=result, problems=problems)
        if not dry_run:
            export_log_record(
                user=user,
                direction=ExportLog.Direction.IMPORT,
                channel=ExportLog.Channel.COMMAND,
                table=resource._meta.model._meta.label_lower,
                file_format=file_format,
                row_count=len(dataset),
                personal_data=resource.include_personal,
            )
    return ImportOutcome(result=result, totals=dict(result.totals))


def stream_csv(
    *, resource: PortalResource, queryset=None, chunk_size: int = STREAM_CHUNK_SIZE
) -> Iterator[str]:
    """Yield a CSV file piece by piece, reading the rows ``chunk_size`` at a time.

    Memory stays bounded by the chunk size, not the table size: rows come from value
    queries (``PortalResource.export_rows``: one query per chunk, one per chunk and
    many-to-many column), and lines are handed on in small batches.
    """
    writer = csv_line_writer()
    yield BOM + csv_line(writer, resource.get_export_headers())
    batch = []
    for row in resource.export_rows(queryset, chunk_size=chunk_size):
        batch.append(csv_line(writer, row))
        if len(batch) >= STREAM_LINES_PER_WRITE:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def stream_csv_logged(
    *, resource: PortalResource, queryset, user, channel: str = ExportLog.Channel.STREAM, filters: str = ""
) -> Iterator[str]:
    """``stream_csv`` after recording the export (its row count from one COUNT query)."""
    export_log_record(
        user=user,
        direction=ExportLog.Direction.EXPORT,
        channel=channel,
        table=resource._meta.model._meta.label_lower,
        file_format="csv",
        row_count=queryset.count(),
        personal_data=resource.include_personal,
        filters=filters,
    )
    return stream_csv(resource=resource, queryset=queryset)
