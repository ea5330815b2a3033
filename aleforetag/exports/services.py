"""Writes of the exports app: the export log, whole-table exports and imports, streaming."""

from collections.abc import Iterator
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from import_export.results import Result

from aleforetag.core.outbox import queue_email

from .formats import (
    BOM,
    ExcelSafeCSV,
    ExcelSafeXLSX,
    ImportFileError,
    csv_line,
    csv_line_writer,
    neutralise,
    rows_to_csv,
    rows_to_xlsx,
)
from .models import ExportLog, ImportJob
from .registry import resource_for_table
from .resources import PortalResource, import_problems

FORMATS_BY_NAME = {"csv": ExcelSafeCSV, "xlsx": ExcelSafeXLSX}
STREAM_CHUNK_SIZE = 2000
STREAM_LINES_PER_WRITE = 500
JOB_CHUNK_ROWS = 2000
MAX_JOB_PROBLEMS = 1000


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
    # Dates, numbers, yes/no and choices cannot hold a formula: only text columns are checked.
    text = [resource.may_hold_text(f) for f in resource.get_export_fields()]
    batch = []
    for row in resource.export_rows(queryset, chunk_size=chunk_size):
        batch.append(
            writer.writerow([neutralise(cell) if t else cell for cell, t in zip(row, text, strict=True)])
        )
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


def background_import_rows() -> int:
    """Files with more rows than this are imported by the background worker."""
    return getattr(settings, "EXPORTS_BACKGROUND_IMPORT_ROWS", 2000)


def background_preview_rows() -> int:
    """Files with more rows than this are also previewed (checked) by the background worker."""
    return getattr(settings, "EXPORTS_BACKGROUND_PREVIEW_ROWS", 20000)


def import_job_confirm(*, job_id: int) -> bool:
    """Confirm a checked job: the worker checks it again (the database may have changed since)
    and imports it. Only a job waiting for confirmation moves; True when it did."""
    moved = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.QUEUED, confirmed=True, processed_rows=0
    )
    if moved:
        from .tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.enqueue(job_id))
    return bool(moved)


def import_job_create(
    *,
    resource_class,
    data: bytes,
    file_name: str,
    file_format: str,
    user,
    column_defaults: dict | None = None,
    include_personal: bool = False,
    confirmed: bool = True,
) -> ImportJob:
    """Record a large import and hand it to the background worker once the caller commits.
    Unconfirmed, the worker only checks the file (the preview of a very large file) and waits
    for ``import_job_confirm``."""
    from .tasks import run_import_job

    job = ImportJob(
        user=user if user is not None and user.is_authenticated else None,
        table=resource_class.table_name or resource_class._meta.model._meta.label_lower,
        file_name=file_name[:255],
        file_format=file_format,
        data=data,
        column_defaults=column_defaults or {},
        include_personal=include_personal,
        confirmed=confirmed,
    )
    job.full_clean(exclude=["data"])
    job.save()
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def _chunks(dataset, size: int):
    """(offset, dataset) pieces of ``size`` rows with the same headers."""
    for start in range(0, len(dataset), size):
        yield start, tablib.Dataset(*dataset[start : start + size], headers=list(dataset.headers))


def _shifted(problems, offset: int, headers: dict):
    return [
        (row + offset if row else row, headers.get(column, column), reason)
        for row, column, reason in problems
    ]


def import_job_run(*, job_id: int, chunk_size: int = JOB_CHUNK_ROWS) -> str:
    """Run one background import: check every row, then import them, telling its page how far
    it got after each chunk, and e-mail the person who started it when it ends.

    Nothing is written unless every row of the whole file passes (the check imports each
    chunk and rolls it back; in-file conflicts are checked on the whole file). The import
    then commits chunk by chunk, so the page can show progress; should it stop half-way
    (the database went away), importing the same file again completes it without
    duplicates. A job is run once: a second run of the task finds it taken and does nothing.
    """
    taken = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.CHECKING
    )
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if not taken or job is None:
        return job.status if job else "missing"
    resource_class = resource_for_table(job.table)

    def fresh():
        return resource_class(include_personal=job.include_personal, column_defaults=job.column_defaults)

    try:
        dataset = FORMATS_BY_NAME[job.file_format]().create_dataset(bytes(job.data))
    except ImportFileError as error:
        return _job_end(job, ImportJob.Status.REFUSED, problems=error.problems or [(0, "", str(error))])
    resource = fresh()
    problems = resource.prepare(dataset) or resource.file_conflicts(dataset)
    headers = dict(resource.file_headers)
    ImportJob.objects.filter(pk=job.pk).update(total_rows=len(dataset))
    job.total_rows = len(dataset)
    if problems:
        return _job_end(job, ImportJob.Status.REFUSED, problems=_shifted(problems, 0, headers))

    checked = {}
    for offset, chunk in _chunks(dataset, chunk_size):
        result = fresh().import_data(chunk, dry_run=True, raise_errors=False, user=job.user)
        problems += _shifted(import_problems(result), offset, headers)
        for kind, count in result.totals.items():
            checked[kind] = checked.get(kind, 0) + count
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=offset + len(chunk))
    if problems:
        return _job_end(job, ImportJob.Status.REFUSED, problems=problems)
    if not job.confirmed:
        return _job_end(job, ImportJob.Status.CHECKED, totals=checked)

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING, processed_rows=0)
    totals = {}
    for offset, chunk in _chunks(dataset, chunk_size):
        try:
            with transaction.atomic():
                result = fresh().import_data(chunk, dry_run=False, raise_errors=False, user=job.user)
                problems = _shifted(import_problems(result), offset, headers)
                if problems:
                    transaction.set_rollback(True)
        except DatabaseError as error:
            problems = [(offset + 1, "", str(error))]
        if problems:
            return _job_end(job, ImportJob.Status.FAILED, problems=problems, totals=totals)
        for kind, count in result.totals.items():
            totals[kind] = totals.get(kind, 0) + count
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=offset + len(chunk), totals=totals)
    export_log_record(
        user=job.user,
        direction=ExportLog.Direction.IMPORT,
        channel=ExportLog.Channel.BACKGROUND,
        table=resource_class._meta.model._meta.label_lower,
        file_format=job.file_format,
        row_count=len(dataset),
        personal_data=job.include_personal,
    )
    return _job_end(job, ImportJob.Status.DONE, totals=totals)


def _job_end(job: ImportJob, status: str, *, problems=(), totals=None) -> str:
    """Record how the job ended (or that its check is done), drop the file unless it waits for
    confirmation, and tell the person who started it."""
    job.status = status
    job.problems = [list(problem) for problem in problems][:MAX_JOB_PROBLEMS]
    job.totals = totals if totals is not None else job.totals
    job.finished_at = timezone.now()
    finished = (ImportJob.Status.DONE, ImportJob.Status.CHECKED)
    job.processed_rows = job.total_rows if status in finished else job.processed_rows
    if status != ImportJob.Status.CHECKED:
        job.data = b""  # a checked file waits for its confirmation
    with transaction.atomic():
        job.save(update_fields=["status", "problems", "totals", "finished_at", "processed_rows", "data"])
        if job.user is not None:
            queue_email(
                to=job.user.email,
                template="exports/email/import_finished",
                context={
                    "job": job,
                    "problem_count": len(problems),
                    "path": reverse("admin:exports_importjob_change", args=[job.pk]),
                },
                language=getattr(job.user, "language", "sv") or "sv",
                key=f"exports:import-{status}:{job.pk}",
            )
    return status
