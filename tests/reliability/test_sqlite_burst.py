"""The SQLite default (the `make run` database) survives a room full of people: 20 business
owners submitting a note at the very same moment all succeed, each note stored exactly once,
because writers wait for each other (busy timeout, immediate transactions) instead of failing,
and readers never wait for them (WAL)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 20


def test_twenty_simultaneous_notes_on_sqlite_are_all_stored_once(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aleforetag.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'burst.sqlite3'}",
    }
    run = subprocess.run(
        [sys.executable, "-m", "tests.reliability.sqlite_burst", str(WRITERS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["journal_mode"] == "wal"
    assert result["errors"] == []
    assert result["stored"] == result["distinct"] == WRITERS
