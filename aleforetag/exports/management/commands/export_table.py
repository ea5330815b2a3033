"""Export one table to a file, streaming CSV in bounded memory, and report the peak memory.

python manage.py export_table notes --output notes.csv --stream
"""

import resource as rusage
import sys
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError

from aleforetag.exports.models import ExportLog
from aleforetag.exports.registry import resource_for_table
from aleforetag.exports.services import stream_csv_logged, table_export


class Command(BaseCommand):
    help = "Export one table (by table name, e.g. notes, or model label, e.g. feedback.note)."

    def add_arguments(self, parser):
        parser.add_argument("table")
        parser.add_argument("--output", "-o", help="File to write; standard output when left out.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--personal-data", action="store_true", help="Include names and e-mail addresses."
        )
        parser.add_argument(
            "--stream", action="store_true", help="Write CSV row by row in bounded memory (large tables)."
        )
        parser.add_argument(
            "--labels",
            action="store_true",
            help="Readable: the columns' labels and the codes' labels in the active language (sv).",
        )
        parser.add_argument(
            "--trace-memory", action="store_true", help="Measure peak Python memory (tracemalloc; slower)."
        )

    def handle(self, *args, table, output, format, personal_data, stream, trace_memory, labels, **options):
        try:
            resource_class = resource_for_table(table)
        except LookupError:
            raise CommandError(f"Unknown table: {table}") from None
        if resource_class.requires_personal_data and not personal_data:
            raise CommandError(f"The table {table} is personal data; add --personal-data.")
        if stream and format != "csv":
            raise CommandError("--stream writes CSV only.")
        resource = resource_class(include_personal=personal_data, labels=labels)

        if trace_memory:
            tracemalloc.start()
        started, cpu_started = time.monotonic(), time.process_time()
        target = open(output, "wb") if output else sys.stdout.buffer  # noqa: SIM115
        try:
            if stream:
                pieces = stream_csv_logged(
                    resource=resource,
                    queryset=resource.get_queryset(),
                    user=None,
                    channel=ExportLog.Channel.COMMAND,
                )
                for piece in pieces:
                    target.write(piece.encode("utf-8"))
            else:
                target.write(table_export(resource=resource, file_format=format))
        finally:
            if output:
                target.close()
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
        traced = ""
        if trace_memory:
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            traced = f"peak Python memory (tracemalloc) {peak / 1024 / 1024:.1f} MiB; "
        entry = ExportLog.objects.order_by("-pk").first()
        self.stderr.write(
            f"{entry.row_count if entry else '?'} rows of {resource_class.table_name} "
            f"in {elapsed:.1f} s ({cpu:.1f} s CPU); "
            f"{traced}process max RSS {rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
        )
