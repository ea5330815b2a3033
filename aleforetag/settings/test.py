"""Test settings: fast hashing, mail to Django's outbox, tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Django's test client signs in without a request (client.login); the throttling backend
# needs one, so tests use a variant that lets request-less sign-ins through. Sign-ins
# through the real form still pass a request and are throttled as in production.
AUTHENTICATION_BACKENDS = [
    "aleforetag.accounts.backends.RequestOptionalAxesBackend",
    *[backend for backend in AUTHENTICATION_BACKENDS if backend != "axes.backends.AxesStandaloneBackend"],  # noqa: F405
]
