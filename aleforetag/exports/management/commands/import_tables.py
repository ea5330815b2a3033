"""Import a folder written by ``export_tables`` (or single files), every table or none.

python manage.py import_tables backup/ --dry-run
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aleforetag.exports.registry import resource_for_table
from aleforetag.exports.services import table_import


def table_of(path: Path) -> str:
    stem = path.stem
    prefix, _, rest = stem.partition("-")
    return rest if prefix.isdigit() else stem


class Command(BaseCommand):
    help = "Import NN-<table>.csv/.xlsx files in name order; any problem changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders of files.")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, paths, dry_run, **options):
        files = []
        for raw in paths:
            path = Path(raw)
            files += (
                sorted(p for p in path.iterdir() if p.suffix in (".csv", ".xlsx"))
                if path.is_dir()
                else [path]
            )
        with transaction.atomic():
            for path in files:
                try:
                    resource_class = resource_for_table(table_of(path))
                except LookupError:
                    raise CommandError(f"{path.name}: no table called {table_of(path)}") from None
                outcome = table_import(
                    resource=resource_class(include_personal=True),
                    data=path.read_bytes(),
                    file_format=path.suffix.lstrip("."),
                )
                if not outcome.ok:
                    lines = [
                        f"{path.name}: row {row}, column {column or '-'}: {reason}"
                        for row, column, reason in outcome.problems
                    ]
                    raise CommandError("Nothing was imported.\n" + "\n".join(lines))
                self.stdout.write(f"{path.name}: {outcome.totals}")
            if dry_run:
                # Later tables refer to earlier ones, so a dry run imports them all and
                # then rolls the whole transaction back.
                transaction.set_rollback(True)
