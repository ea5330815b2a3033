"""The triggers that keep ``dashboard_data_version`` (created in migration 0001): one row per
table, bumped on every write to it. PostgreSQL bumps once per statement; SQLite (no statement
triggers) once per row. ``columns`` limits updates that bump to those of the named columns
(a user's last login is no change to a page that shows their name)."""

NAME = "dashboard_data_version"


def add(schema_editor, table: str, *, columns: tuple[str, ...] = ()) -> None:
    execute = schema_editor.execute
    vendor = schema_editor.connection.vendor
    execute(f"INSERT INTO {NAME} (table_name, version) VALUES (%s, 0)", [table])  # noqa: S608
    update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
    if vendor == "postgresql":
        execute(
            f"CREATE TRIGGER {NAME} AFTER INSERT OR {update} OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION dashboard_bump_data_version()"
        )
    elif vendor == "sqlite":
        for event, clause in (("insert", "INSERT"), ("update", update), ("delete", "DELETE")):
            # Table names come from the migrations, never from input.
            sql = f"CREATE TRIGGER {NAME}_{table}_{event} AFTER {clause} ON {table} "
            sql += f"BEGIN UPDATE {NAME} SET version = version + 1 WHERE table_name = '{table}'; END"  # noqa: S608
            execute(sql)
    else:
        raise NotImplementedError(f"No data version triggers for {vendor}.")


def drop(schema_editor, table: str) -> None:
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        execute(f"DROP TRIGGER IF EXISTS {NAME} ON {table}")
    else:
        for event in ("insert", "update", "delete"):
            execute(f"DROP TRIGGER IF EXISTS {NAME}_{table}_{event}")
    execute(f"DELETE FROM {NAME} WHERE table_name = %s", [table])  # noqa: S608
