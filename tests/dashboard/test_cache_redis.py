"""The production cache (Django's Redis backend, DJANGO_CACHE_URL): a write made through one
process drops the dashboard's figures that another process serves, so its next request shows
it. With each process's own memory cache, the development default, it would not."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from feedback.models import Note
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"
URL = reverse("dashboard:dashboard")
NOTES = "Publicerade anteckningar"
WRITE = (
    "import django, sys; django.setup(); from feedback.models import Note; "
    "Note.objects.filter(pk=int(sys.argv[1])).update(status=Note.Status.PUBLISHED)"
)


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not _redis_answers(),
        reason="No Redis answers on 127.0.0.1:6379, so the production cache cannot be tried here "
        "(CI's machine runs one).",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _database_url() -> str:
    if connection.vendor != "postgresql":
        pytest.skip(
            "The SQLite test database lives in this process's memory, where no second process can "
            "write; CI runs this test on PostgreSQL."
        )
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _write_in_another_process(note: Note, cache_url: str) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aleforetag.settings.test",
        "DATABASE_URL": _database_url(),
        "DJANGO_CACHE_URL": cache_url,
    }
    subprocess.run([sys.executable, "-c", WRITE, str(note.pk)], cwd=ROOT, env=env, check=True, timeout=120)


def _published_notes(client) -> int:
    return dict(client.get(URL, {"ar": "alla"}).context["dashboard"].key_figures)[NOTES]


@pytest.mark.parametrize(
    ("backend", "cache_url", "shown"),
    [
        ("django.core.cache.backends.redis.RedisCache", REDIS_URL, True),
        ("django.core.cache.backends.locmem.LocMemCache", "locmemcache://", False),
    ],
)
def test_a_write_through_another_process_shows_at_the_next_request(
    client_for, politician, workshop, backend, cache_url, shown
):
    _database_url()
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": REDIS_URL}}):
        cache.clear()
        note = factories.NoteFactory(workshop=workshop, status=Note.Status.PENDING)
        reader = client_for(politician)
        before = _published_notes(reader)
        assert _published_notes(reader) == before  # read back from the cache
        _write_in_another_process(note, cache_url)
        assert Note.objects.get(pk=note.pk).status == Note.Status.PUBLISHED
        assert _published_notes(reader) == (before + 1 if shown else before)
        cache.clear()
