"""A data version for discussion groups (their names show on the public notes page, which is
cached under the versions of the tables it reads). Same triggers as migrations 0001 and 0002."""

from django.db import migrations

TABLES = ["workshops_discussiongroup"]


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
    dependencies = [("dashboard", "0002_data_version_triage_links")]

    operations = [migrations.RunPython(create, drop)]
