"""A database that accepts connections but never answers (issue 19, finding 7): the settings
give PostgreSQL a connect and a statement timeout from the environment, and a page answers
with the 503 page within the connect timeout instead of hanging until gunicorn kills it."""

import runpy
import socket
import threading
import time
from pathlib import Path

import pytest
from django.db import connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.urls import reverse

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "aleforetag" / "settings" / "base.py"


def _postgres_settings(monkeypatch, **environment) -> dict:
    """The default database as the base settings build it for a PostgreSQL DATABASE_URL."""
    monkeypatch.setenv("DATABASE_URL", "postgres://portal@db.example:5432/portal")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))["DATABASES"]["default"]


def test_postgresql_gets_a_connect_and_a_statement_timeout_from_the_environment(monkeypatch):
    """A few seconds to connect and about 15 s per statement by default; both from the
    environment (DJANGO_DB_CONNECT_TIMEOUT, DJANGO_DB_STATEMENT_TIMEOUT in seconds)."""
    default = _postgres_settings(monkeypatch)
    assert default["OPTIONS"]["connect_timeout"] == 3
    assert "-c statement_timeout=15000" in default["OPTIONS"]["options"]
    assert "-c jit=off" in default["OPTIONS"]["options"]
    chosen = _postgres_settings(monkeypatch, DJANGO_DB_CONNECT_TIMEOUT="2", DJANGO_DB_STATEMENT_TIMEOUT="7.5")
    assert chosen["OPTIONS"]["connect_timeout"] == 2
    assert "-c statement_timeout=7500" in chosen["OPTIONS"]["options"]


class HungServer:
    """A socket that accepts every connection and never answers."""

    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                peer, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(peer)  # held open, never read from or written to

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        for peer in self.accepted:
            peer.close()
        self.listener.close()


@pytest.fixture
def hung_database(monkeypatch):
    """The default connection replaced, for the test's thread, by a PostgreSQL connection to a
    hung server, configured as the settings configure PostgreSQL (connect timeout 2 s here)."""
    server = HungServer()
    configured = _postgres_settings(monkeypatch, DJANGO_DB_CONNECT_TIMEOUT="2")
    settings_dict = {
        **connections["default"].settings_dict,
        **configured,
        "HOST": "127.0.0.1",
        "PORT": str(server.port),
        "NAME": "portal",
        "USER": "portal",
        "PASSWORD": "",
    }
    saved = connections["default"]
    hung = DatabaseWrapper(settings_dict, alias="default")
    connections["default"] = hung
    try:
        yield server
    finally:
        connections["default"] = saved
        hung.close()
        server.close()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "workshops:workshop-list"])
def test_a_hung_database_gives_the_503_page_within_the_connect_timeout(client, hung_database, path):
    """A page whose database accepts the connection and then says nothing answers 503 in the
    site's frame within the connect timeout (2 s here, plus the page's own time), not after
    30 s; the server did see the connection attempt."""
    url = path if path.startswith("/") else reverse(path)
    started = time.monotonic()
    response = client.get(url)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "Tjänsten är tillfälligt otillgänglig" in response.content.decode()
    assert hung_database.accepted, "the page never tried the hung database"
    assert elapsed < 2 * 2 + 1.5, f"took {elapsed:.1f} s"
