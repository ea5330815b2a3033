"""The benchmark's settings: its own database, DEBUG off, as in production otherwise.

``manage.py bench`` sets ``DJANGO_BENCH_DATABASE`` (a JSON database configuration derived
from the developer's own, pointing at a separate SQLite file or PostgreSQL database) for
the processes it starts: the measuring process, the export probe and gunicorn. Pages are timed
uncached: ``DJANGO_BENCH_CACHE=dummy`` gives a process Django's dummy cache; otherwise the
cache is the one production would use (``DJANGO_CACHE_URL``, else each process's memory).
"""

import json

from .base import *  # noqa: F403
from .base import env

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {"default": json.loads(env("DJANGO_BENCH_DATABASE"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections, as a production deployment would configure them.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The SQLite of `make run` (base.py): WAL, immediate transactions, writers wait their turn.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("DJANGO_SQLITE_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
if env("DJANGO_BENCH_CACHE", default="") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
