"""Sending the portal's e-mail in the recipient's own language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(
    *, to: str, template: str, context: dict, language: str = "sv", attachments=()
) -> None:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` in ``language`` and send.

    ``attachments`` holds ``(filename, content, mimetype)`` triples.
    """
    if to.lower().endswith(".invalid"):
        # Deleted accounts carry an address in the reserved .invalid domain: nothing to send.
        return
    context = {"site_base_url": settings.SITE_BASE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def absolute_url(path: str) -> str:
    return settings.SITE_BASE_URL.rstrip("/") + path
