"""Backup and restore with pg_dump / pg_restore, as docs/backup.md describes, loses no row."""

import os
import re
import shutil
import subprocess

import psycopg
import pytest
from django.db import connection

from aleforetag.core.services import audit_record
from feedback.models import Note
from followups.models import FeedbackNotice
from tests import factories

pytestmark = [
    pytest.mark.postgresql,
    # pg_dump reads through its own connection, so the data must really be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _skip_unless_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore back up PostgreSQL; this run uses SQLite (set DATABASE_URL).")
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian: apt-get install postgresql-client).")


def _client_environment():
    """libpq's environment variables for the test database's server."""
    settings = connection.settings_dict
    env = {**os.environ, "PGHOST": settings["HOST"] or "127.0.0.1", "PGPORT": str(settings["PORT"] or 5432)}
    if settings["USER"]:
        env["PGUSER"] = settings["USER"]
    if settings["PASSWORD"]:
        env["PGPASSWORD"] = settings["PASSWORD"]
    return env


def _fingerprint(cursor) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row's content, for every table in the public schema."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    result = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "  # noqa: S608
            f"FROM {quoted} AS t"
        )
        result[table] = cursor.fetchone()
    return result


def _run(args, env):
    completed = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, f"{' '.join(args)} failed:\n{completed.stderr}"
    return completed.stdout


def _portal_with_data():
    """A portal in use: people of every role, a workshop with notes, a summary with a
    disagreement, a conference with a follow-up and a notice, audit entries."""
    owner = factories.BusinessOwnerFactory(
        full_name="Åsa Öberg", organisation_name="Ölbryggeriet i Nödinge AB"
    )
    staff = factories.StaffFactory()
    factories.PoliticianFactory()
    factories.AdminFactory()
    workshop = factories.WorkshopFactory(title="Lunchworkshop – företagsklimatet")
    notes = factories.NoteFactory.create_batch(
        25, workshop=workshop, author=owner, themes=[factories.theme("samarbete")]
    )
    Note.objects.filter(pk=notes[0].pk).update(
        text="Citat \"med\" 'tecken', radbrytning\noch NUL-fri UTF-8: ✓"
    )
    point = factories.SummaryPointFactory(summary=factories.SummaryFactory(workshop=workshop))
    point.notes.set(notes[:3])
    disagreement = factories.DisagreementFactory(point=point, author=owner)
    followup = factories.FollowUpFactory(title="Snabbare bygglov")
    followup.notes.set(notes[:5])
    followup.disagreements.add(disagreement)
    FeedbackNotice.objects.create(user=owner, followup=followup)
    audit_record(actor=staff, action="followup.status", target=followup, to="decided")


def test_pg_dump_and_pg_restore_into_a_fresh_database_find_every_row(tmp_path):
    """Dump the database with pg_dump (custom format), restore it into a new, empty database
    with pg_restore, and find every table with the same rows, byte for byte."""
    _skip_unless_postgresql()
    env = _client_environment()
    server_major = connection.pg_version // 10000
    dump_major = int(re.search(r"\)\s+(\d+)", _run(["pg_dump", "--version"], env)).group(1))
    assert dump_major >= server_major, (
        f"pg_dump {dump_major} cannot dump a PostgreSQL {server_major} server: "
        f"install postgresql-client-{server_major}."
    )

    _portal_with_data()
    source = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        before = _fingerprint(cursor)
    assert before["feedback_note"][0] == 25
    assert sum(count for count, _checksum in before.values()) > 100

    dump = tmp_path / "aleforetag.dump"
    restored = f"{source}_restored"
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", source], env)
    _run(["psql", "--dbname=postgres", "--quiet", "--command", f'DROP DATABASE IF EXISTS "{restored}"'], env)
    _run(["psql", "--dbname=postgres", "--quiet", "--command", f'CREATE DATABASE "{restored}"'], env)
    try:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={restored}",
                str(dump),
            ],
            env,
        )
        settings = connection.settings_dict
        with (
            psycopg.connect(
                host=env["PGHOST"],
                port=env["PGPORT"],
                user=settings["USER"] or None,
                password=settings["PASSWORD"] or None,
                dbname=restored,
            ) as restored_connection,
            restored_connection.cursor() as cursor,
        ):
            after = _fingerprint(cursor)
            # Sequences continue where they were, so new rows get fresh ids after a restore.
            cursor.execute("SELECT nextval(pg_get_serial_sequence('feedback_note', 'id'))")
            next_note_id = cursor.fetchone()[0]
    finally:
        _run(
            ["psql", "--dbname=postgres", "--quiet", "--command", f'DROP DATABASE IF EXISTS "{restored}"'],
            env,
        )

    assert after.keys() == before.keys()
    differing = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    assert not differing, f"tables that differ after the restore: {differing}"
    assert next_note_id > max(note.pk for note in Note.objects.all())
