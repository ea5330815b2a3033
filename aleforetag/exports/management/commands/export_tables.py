"""Export every table to a folder, one CSV file per table, in restore order (a backup).

python manage.py export_tables backup/ --personal-data
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from aleforetag.exports.registry import resource_classes
from aleforetag.exports.services import table_export


class Command(BaseCommand):
    help = "Export every table to DIRECTORY as NN-<table>.csv (or .xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--personal-data", action="store_true", help="Include personal data and the users table."
        )

    def handle(self, *args, directory, format, personal_data, **options):
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        for number, resource_class in enumerate(resource_classes(), start=1):
            if resource_class.requires_personal_data and not personal_data:
                continue
            resource = resource_class(include_personal=personal_data)
            path = folder / f"{number:02d}-{resource_class.table_name}.{format}"
            path.write_bytes(table_export(resource=resource, file_format=format))
            self.stdout.write(f"{path}")
