"""A data version for the dashboard's cache: database triggers bump a counter on every write
(insert, update, delete, truncate; ORM saves, queryset updates, m2m changes and raw SQL alike)
to the tables the dashboard counts, so a cache key that includes it changes with any write.

One row per table, so writers of different tables never wait for each other. PostgreSQL bumps
once per statement; SQLite (no statement triggers) once per row.
"""

from django.db import migrations

from dashboard import triggers

# The tables the dashboard's selectors read.
TABLES = [
    "workshops_workshop",
    "workshops_participation",
    "feedback_theme",
    "feedback_topic",
    "feedback_note",
    "feedback_note_themes",
    "feedback_note_topics",
    "feedback_summary",
    "feedback_summarypoint",
    "feedback_disagreement",
    "followups_conference",
    "followups_followup",
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    execute = schema_editor.execute
    execute(
        "CREATE TABLE dashboard_data_version (table_name varchar(63) PRIMARY KEY, version bigint NOT NULL)"
    )
    if connection.vendor == "postgresql":
        execute(
            "CREATE FUNCTION dashboard_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN UPDATE dashboard_data_version SET version = version + 1 "
            "WHERE table_name = TG_TABLE_NAME; RETURN NULL; END $$"
        )
    for table in TABLES:
        triggers.add(schema_editor, table)


def drop(apps, schema_editor):
    for table in TABLES:
        triggers.drop(schema_editor, table)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS dashboard_bump_data_version()")
    schema_editor.execute("DROP TABLE IF EXISTS dashboard_data_version")


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_note_text_search_index"),
        ("followups", "0002_followup_status_invariants"),
        ("workshops", "0002_registrations_with_waiting_list"),
    ]

    operations = [migrations.RunPython(create, drop)]
