"""Links in the portal's e-mail (the e-mail itself goes through ``outbox.queue_email``)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    return settings.SITE_BASE_URL.rstrip("/") + path
