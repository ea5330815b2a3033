"""The benchmark's own databases, never the developer's working data.

SQLite (the default): ``var/bench-<size>.sqlite3``. PostgreSQL (when ``DATABASE_URL`` points
at one): ``<name>_bench_<size>`` on the same server, created and dropped here.
"""

import json
from pathlib import Path

from django.conf import settings

POSTGRES_ENGINE = "django.db.backends.postgresql"
SQLITE_ENGINE = "django.db.backends.sqlite3"


def bench_database(size_name: str, *, base: dict | None = None, var_dir: Path | None = None) -> dict:
    """The database configuration of the benchmark at ``size_name``, derived from ``base``
    (the default database of the current settings); SQLite files go in ``var_dir``."""
    base = base or settings.DATABASES["default"]
    keys = ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
    config = {key: base[key] for key in keys if key in base}
    if config["ENGINE"] == POSTGRES_ENGINE:
        config["NAME"] = f"{base['NAME']}_bench_{size_name}"
    elif config["ENGINE"] == SQLITE_ENGINE:
        config["NAME"] = str(Path(var_dir or settings.VAR_DIR) / f"bench-{size_name}.sqlite3")
        config.pop("OPTIONS", None)
    else:
        raise ValueError(f"The benchmark supports SQLite and PostgreSQL, not {config['ENGINE']}.")
    if config["NAME"] == base["NAME"]:
        raise ValueError("Refusing to benchmark in the working database.")
    return config


def sqlite_database(size_name: str, *, var_dir: Path | None = None) -> dict:
    """A SQLite benchmark database beside the others, whatever the working database is."""
    return {
        "ENGINE": SQLITE_ENGINE,
        "NAME": str(Path(var_dir or settings.VAR_DIR) / f"bench-{size_name}.sqlite3"),
    }


def as_env(config: dict) -> str:
    return json.dumps(config)


def describe(config: dict) -> str:
    if config["ENGINE"] == POSTGRES_ENGINE:
        return f"PostgreSQL {config.get('HOST') or 'localhost'}:{config.get('PORT') or 5432}/{config['NAME']}"
    return f"SQLite {config['NAME']}"


def exists(config: dict) -> bool:
    if config["ENGINE"] == SQLITE_ENGINE:
        return Path(config["NAME"]).exists()
    with _maintenance(config) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
            is not None
        )


def drop(config: dict) -> None:
    """Remove the benchmark database (nothing else)."""
    if config["ENGINE"] == SQLITE_ENGINE:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(config["NAME"] + suffix).unlink(missing_ok=True)
        return
    from psycopg import sql

    with _maintenance(config) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"]))
        )


def create(config: dict) -> None:
    """Create an empty benchmark database (SQLite creates its file on first use)."""
    if config["ENGINE"] == SQLITE_ENGINE:
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        return
    from psycopg import sql

    with _maintenance(config) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def _maintenance(config: dict):
    import psycopg

    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "autocommit": True,
    }
    return psycopg.connect(**{key: value for key, value in params.items() if value is not None})
