"""Production: every secret from the environment, HTTPS only, PostgreSQL expected."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a long random value in production.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("DJANGO_EMAIL_HOST", default="localhost"),
            "port": env.int("DJANGO_EMAIL_PORT", default=587),
            "username": env("DJANGO_EMAIL_HOST_USER", default=""),
            "password": env("DJANGO_EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("DJANGO_EMAIL_USE_TLS", default=True),
            # Seconds to wait for the mail server: a hung server delays only the worker's
            # attempt (retried later), never a web request, which never sends e-mail.
            "timeout": env.int("DJANGO_EMAIL_TIMEOUT", default=10),
        },
    }
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies only over HTTPS. DJANGO_SECURE_COOKIES=false is only for a test on loopback over
# plain HTTP (the production smoke test in tests/operations); never on a real server.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env.bool(
    "DJANGO_SECURE_COOKIES", default=True
)
