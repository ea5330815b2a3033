"""Removes the data-version page cache of earlier releases: the triggers that bumped
``dashboard_data_version`` on every write, their PostgreSQL function and the table itself.
Pages are drawn from plain selectors now, and the dashboard's figures are kept in Django's
cache framework. On a database that never had them this does nothing."""

from django.db import migrations

TABLE = "dashboard_data_version"


def drop_data_version_triggers(apps, schema_editor):
    execute = schema_editor.execute
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s",
                [TABLE],
            )
            for (table,) in cursor.fetchall():
                execute(f"DROP TRIGGER IF EXISTS {TABLE} ON {schema_editor.quote_name(table)}")
            execute("DROP FUNCTION IF EXISTS dashboard_bump_data_version()")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{TABLE}%"],
            )
            for (trigger,) in cursor.fetchall():
                execute(f"DROP TRIGGER IF EXISTS {schema_editor.quote_name(trigger)}")
    execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = []

    # Nothing to put back: the cache it removes is rebuilt by no later code.
    operations = [migrations.RunPython(drop_data_version_triggers, migrations.RunPython.noop, elidable=True)]
