"""A production installation on loopback for the operations tests: its own database, the
environment from deploy/aleforetag.env.example, the real worker and gunicorn as processes, and a
local SMTP sink (aiosmtpd) standing in for the municipality's mail server."""

import asyncio
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from email import message_from_bytes
from pathlib import Path
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "aleforetag.env.example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Sink:
    """An SMTP server that keeps what it accepted. ``hold_rcpt`` makes it stop answering in the
    middle of a conversation (before the message is accepted); ``before_accept`` runs after the
    message's data arrived and before the server answers 250 (the message is then accepted)."""

    def __init__(self):
        self.accepted = []  # (Message-ID, recipient, subject, body)
        self.raw = []
        self.hold_rcpt = threading.Event()
        self.in_conversation = threading.Event()
        self.before_accept = None
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    @property
    def port(self):
        return self.controller.port

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.in_conversation.set()
        while self.hold_rcpt.is_set():
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.raw.append(envelope.content)
        message = message_from_bytes(envelope.content)
        if self.before_accept is not None:
            self.before_accept(message["Message-ID"])
        text = next(part for part in message.walk() if part.get_content_type() == "text/plain")
        body = text.get_payload(decode=True).decode(text.get_content_charset() or "utf-8")
        self.accepted.append((message["Message-ID"], envelope.rcpt_tos[0], str(message["Subject"]), body))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [entry for entry in self.accepted if entry[1] == address]


class SilentServer:
    """A mail server that accepts the connection and never says a word (a hung server)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connected = threading.Event()
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)
            self.connected.set()

    def close(self):
        for connection in self.connections:
            connection.close()
        self.socket.close()


class Site:
    """The installation: environment, database and processes."""

    def __init__(self, tmp: Path, sink: Sink):
        self.tmp = tmp
        self.sink = sink
        self.processes = []
        self.web_port = free_port()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
        self.env.update(self.read_template())
        self.database_url = self.create_database()
        self.env.update(
            {
                "DATABASE_URL": self.database_url,
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{self.web_port}",
                "DJANGO_SITE_BASE_URL": f"http://127.0.0.1:{self.web_port}",
                "DJANGO_CACHE_URL": "locmemcache://",
                "DJANGO_STATIC_ROOT": str(tmp / "static"),
                "DJANGO_EMAIL_HOST": "127.0.0.1",
                "DJANGO_EMAIL_PORT": str(sink.port),
                "DJANGO_EMAIL_USE_TLS": "false",
                # Loopback over plain HTTP: no redirect to HTTPS, cookies without Secure.
                "DJANGO_SECURE_SSL_REDIRECT": "false",
                "DJANGO_SECURE_COOKIES": "false",
                "DJANGO_SECURE_HSTS_SECONDS": "0",
                "DJANGO_TRUSTED_PROXY_COUNT": "0",
                # Fast enough for a test: a sweep twice a second, a cut-short sending taken up
                # after two seconds, a failed attempt retried after one.
                "DJANGO_WORKER_SWEEP_SECONDS": "0.5",
                "DJANGO_OUTBOX_STALE_SECONDS": "2",
                "DJANGO_OUTBOX_RETRY_BASE_SECONDS": "1",
                "DJANGO_LOG_LEVEL": "INFO",
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.manage("migrate", "--noinput")

    @staticmethod
    def read_template() -> dict:
        values = {}
        for line in TEMPLATE.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                key, _sep, value = line.partition("=")
                values[key] = value
        assert values["DJANGO_SETTINGS_MODULE"] == "aleforetag.settings.production"
        return values

    # --- database ---

    def create_database(self) -> str:
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith("postgres"):
            import psycopg

            self.pg_name = f"ale_ops_{os.getpid()}_{secrets.token_hex(3)}"
            self.pg_admin = url
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            parts = urlsplit(url)
            return parts._replace(path=f"/{self.pg_name}").geturl()
        self.pg_name = None
        return f"sqlite:///{self.tmp / 'db.sqlite3'}"

    def drop_database(self):
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.pg_admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')

    def query(self, sql: str, params=()):
        """Run one statement on the installation's database, autocommit; return the rows."""
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as conn:
                cursor = conn.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall() if cursor.description else []
        conn = sqlite3.connect(self.tmp / "db.sqlite3", timeout=20, isolation_level=None)
        try:
            cursor = conn.execute(sql, params)
            return cursor.fetchall()
        finally:
            conn.close()

    def lock(self, *, message_id: str):
        """Take a lock that makes the worker wait when it writes the outbox row (PostgreSQL:
        that row; SQLite: the whole database). Returns a function that releases it."""
        if self.pg_name:
            import psycopg

            conn = psycopg.connect(self.database_url)
            locked = conn.execute(
                "SELECT id FROM core_outboxemail WHERE message_id = %s FOR UPDATE", (str(message_id),)
            ).fetchall()
            assert locked, f"no outbox row with Message-ID {message_id}"
        else:
            conn = sqlite3.connect(
                self.tmp / "db.sqlite3", timeout=20, isolation_level=None, check_same_thread=False
            )
            conn.execute("BEGIN IMMEDIATE")

        def release():
            if self.pg_name:
                # A killed worker's statement still waiting on the lock would otherwise run
                # when it is released (PostgreSQL notices the client is gone only when it
                # answers): end those sessions, as the lost connection of a dead machine would.
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND wait_event_type = 'Lock'"
                )
                conn.rollback()
            else:
                conn.execute("ROLLBACK")
            conn.close()

        return release

    # --- processes ---

    def manage(self, *args, code: str | None = None) -> str:
        command = [sys.executable, "manage.py", *args]
        if code is not None:
            command = [sys.executable, "manage.py", "shell", "-c", code]
        result = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self, *args, log: str, **env) -> subprocess.Popen:
        with open(self.tmp / log, "ab") as out:
            process = subprocess.Popen(
                args,
                cwd=ROOT,
                env={**self.env, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def start_worker(self, **env) -> subprocess.Popen:
        return self.start(
            sys.executable,
            "manage.py",
            "worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            log="worker.log",
            **env,
        )

    def start_web(self) -> subprocess.Popen:
        self.manage("collectstatic", "--noinput", "-v", "0")
        config = ROOT / "deploy" / "gunicorn.conf.py"
        process = self.start(
            sys.executable,
            "-m",
            "gunicorn",
            *(["--config", str(config)] if config.exists() else ["--no-control-socket"]),
            "--bind",
            f"127.0.0.1:{self.web_port}",
            "--workers",
            "2",
            "aleforetag.wsgi",
            log="web.log",
        )
        wait_for(self._web_answers, timeout=60, what="gunicorn")
        return process

    def _web_answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.web_port), timeout=0.5):
                return True
        except OSError:
            return False

    @staticmethod
    def kill(process: subprocess.Popen):
        """SIGKILL: no clean-up of any kind, as when the server loses power."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)

    def log(self, name: str) -> str:
        path = self.tmp / name
        return path.read_text(errors="replace") if path.exists() else ""

    # --- the outbox ---

    def queue(self, to: str) -> int:
        """Record one e-mail the way the portal does (in a transaction, delivered after commit
        through the task queue); return its outbox id."""
        out = self.manage(
            code=(
                "from django.db import transaction\n"
                "from aleforetag.core.outbox import queue_email\n"
                "with transaction.atomic():\n"
                f"    m = queue_email(to={to!r}, template='accounts/email/confirm', "
                "context={'user': {'full_name': 'Test'}, 'link': 'http://127.0.0.1/x'})\n"
                "print('PK', m.pk)\n"
            )
        )
        return int(re.search(r"PK (\d+)", out).group(1))

    def outbox_status(self, pk: int) -> str:
        return self.query("SELECT status FROM core_outboxemail WHERE id = ?", (pk,))[0][0]
