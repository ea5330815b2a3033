import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings_value(module, expression, **env):
    """Import a settings module in a fresh interpreter with the given environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(env)
    code = f"import importlib; s = importlib.import_module('{module}'); print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_sqlite_is_the_default_database():
    """Without DATABASE_URL the portal uses a SQLite file under var/."""
    result = _settings_value(
        "aleforetag.settings.dev", "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']"
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    assert str(ROOT / "var" / "db.sqlite3") in result.stdout


def test_database_url_selects_postgresql():
    """DATABASE_URL points the portal at PostgreSQL (development allows it only when asked)."""
    result = _settings_value(
        "aleforetag.settings.dev",
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.DATABASES['default']['HOST']",
        DATABASE_URL="postgres://ale:secret@db.example:5432/foretag",
        DJANGO_DEV_ALLOW_POSTGRESQL="1",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
    assert "foretag" in result.stdout
    assert "db.example" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    """Production settings fail fast, with a clear message, when DJANGO_SECRET_KEY is missing."""
    result = _settings_value(
        "aleforetag.settings.production", "'loaded'", DJANGO_ALLOWED_HOSTS="foretag.ale.se"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_reads_hosts_and_origins_from_the_environment():
    """Allowed hosts and trusted CSRF origins come from the environment."""
    result = _settings_value(
        "aleforetag.settings.production",
        "s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.DEBUG",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="foretag.ale.se,www.foretag.ale.se",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://foretag.ale.se",
    )
    assert result.returncode == 0, result.stderr
    assert "['foretag.ale.se', 'www.foretag.ale.se'] ['https://foretag.ale.se'] False" in result.stdout


def test_check_deploy_is_clean_in_production():
    """`manage.py check --deploy` with production settings and a realistic environment warns of nothing."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="aleforetag.settings.production",
        DJANGO_SECRET_KEY="k3#" + "v9Qx" * 15,
        DJANGO_ALLOWED_HOSTS="foretag.ale.se",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://foretag.ale.se",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_scheduled_command_with_development_settings_refuses_postgresql():
    """A cron line without the environment file gets development settings: with a PostgreSQL
    DATABASE_URL the command refuses, saying why, instead of printing e-mail nobody receives."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/test"
    result = subprocess.run(
        [sys.executable, "manage.py", "send_registration_reminders"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "refuse a PostgreSQL database" in result.stderr
    assert "DJANGO_SETTINGS_MODULE=aleforetag.settings.production" in result.stderr


def test_retention_and_outbox_timings_come_from_the_environment():
    """Operators set how long needs are kept and how the outbox retries without editing code."""
    result = _settings_value(
        "aleforetag.settings.dev",
        "s.REGISTRATION_NEEDS_RETENTION_DAYS, s.OUTBOX_RETRY_BASE_SECONDS, s.SECRET_KEY_FALLBACKS",
        DJANGO_REGISTRATION_NEEDS_RETENTION_DAYS="7",
        DJANGO_OUTBOX_RETRY_BASE_SECONDS="30",
        DJANGO_SECRET_KEY_FALLBACKS="k1,k2",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "7 30 ['k1', 'k2']"
