"""A data version for discussion groups (their names show on the public notes page, which is
cached under the versions of the tables it reads). The triggers of dashboard/triggers.py."""

from django.db import migrations

from dashboard import triggers

TABLES = ["workshops_discussiongroup"]


def create(apps, schema_editor):
    for table in TABLES:
        triggers.add(schema_editor, table)


def drop(apps, schema_editor):
    for table in TABLES:
        triggers.drop(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0002_data_version_triage_links")]

    operations = [migrations.RunPython(create, drop)]
