"""Local development: DEBUG on, mail to the console, SQLite unless DATABASE_URL says otherwise.

Refuses a PostgreSQL database unless DJANGO_DEV_ALLOW_POSTGRESQL is set: a scheduled command
run without DJANGO_SETTINGS_MODULE (a cron line without the environment file) would otherwise
run against production data with development settings (mail printed, not sent).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env.bool(
    "DJANGO_DEV_ALLOW_POSTGRESQL", default=False
):
    raise ImproperlyConfigured(
        "Development settings (aleforetag.settings.dev) refuse a PostgreSQL database: e-mail "
        "would be printed instead of sent. In production set "
        "DJANGO_SETTINGS_MODULE=aleforetag.settings.production (the environment file in deploy/ "
        "does); to develop against PostgreSQL on purpose set DJANGO_DEV_ALLOW_POSTGRESQL=1."
    )
