"""Data versions for the link tables that decide whether an input still waits in the triage
inbox (follow-up <-> note, disagreement and summary point, and summary point <-> cited note),
so the staff navigation's inbox badge can be cached under a fingerprint that any write to what
it counts changes. Same triggers as migration 0001 (per statement on PostgreSQL, per row on
SQLite)."""

from django.db import migrations

TABLES = [
    "followups_followup_notes",
    "followups_followup_disagreements",
    "followups_followup_summary_points",
    "feedback_summarypoint_notes",
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    execute = schema_editor.execute
    for table in TABLES:
        execute("INSERT INTO dashboard_data_version (table_name, version) VALUES (%s, 0)", [table])
        if connection.vendor == "postgresql":
            execute(
                f"CREATE TRIGGER dashboard_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION dashboard_bump_data_version()"
            )
        elif connection.vendor == "sqlite":
            for event in ("INSERT", "UPDATE", "DELETE"):
                execute(  # constant table names
                    f"CREATE TRIGGER dashboard_data_version_{table}_{event.lower()} AFTER {event} ON {table} "  # noqa: S608
                    f"BEGIN UPDATE dashboard_data_version SET version = version + 1 "
                    f"WHERE table_name = '{table}'; END"
                )
        else:
            raise NotImplementedError(f"No data version triggers for {connection.vendor}.")


def drop(apps, schema_editor):
    connection = schema_editor.connection
    execute = schema_editor.execute
    for table in TABLES:
        if connection.vendor == "postgresql":
            execute(f"DROP TRIGGER IF EXISTS dashboard_data_version ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                execute(f"DROP TRIGGER IF EXISTS dashboard_data_version_{table}_{event}")
        execute("DELETE FROM dashboard_data_version WHERE table_name = %s", [table])


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_data_version_triggers"),
        ("feedback", "0003_note_text_search_index"),
        ("followups", "0002_followup_status_invariants"),
    ]

    operations = [migrations.RunPython(create, drop)]
