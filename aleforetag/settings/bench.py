"""The benchmark's settings: its own database, DEBUG off, as in production otherwise.

``manage.py bench`` sets ``DJANGO_BENCH_DATABASE`` (a JSON database configuration derived
from the developer's own, pointing at a separate SQLite file or PostgreSQL database) for
the processes it starts: the measuring process, the export probe and gunicorn.
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
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
