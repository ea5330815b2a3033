"""The e-mail outbox: every e-mail the portal sends is recorded first, then sent by the worker.

``queue_email`` renders the message in the recipient's language and records it in the caller's
transaction, so an e-mail exists exactly when the change that caused it was committed. After
commit a background task delivers it; the worker also sweeps the outbox every half minute for
messages that are due again (after a failure) or whose sending was cut short by a crash.

The guarantee: a message is marked sent only after the mail server has accepted it, so no
committed message is lost. The one window left, a crash between the server's acceptance and
the mark, sends the message again with the same Message-ID, which mail clients show once.
No web request talks to the mail server.
"""

import datetime
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxEmail

logger = logging.getLogger(__name__)


def _setting(name: str, default):
    return getattr(settings, name, default)


def message_id_domain() -> str:
    return urlsplit(settings.SITE_BASE_URL).hostname or "localhost"


def queue_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str = "sv",
    attachments=(),
    key: str | None = None,
) -> OutboxEmail | None:
    """Record one e-mail rendered from ``<template>_subject.txt`` and ``<template>_body.txt``.

    ``attachments`` holds ``(filename, text, mimetype)`` triples. ``key`` names the event the
    e-mail is about: when an e-mail with that key was already recorded, nothing is recorded
    and None is returned. Deleted accounts' addresses (the reserved .invalid domain) get nothing.
    """
    if not to or to.lower().endswith(".invalid"):
        return None
    if key is not None and OutboxEmail.objects.filter(key=key).exists():
        return None
    context = {"site_base_url": settings.SITE_BASE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    try:
        with transaction.atomic():
            message = OutboxEmail.objects.create(
                key=key,
                message_id=make_msgid(domain=message_id_domain()),
                to=to,
                subject=subject[:300],
                body=body,
                attachments=[
                    {"filename": filename, "content": _text(content), "mimetype": mimetype}
                    for filename, content, mimetype in attachments
                ],
            )
    except IntegrityError:
        # Another transaction recorded the same event between the check and the insert.
        if key is not None and OutboxEmail.objects.filter(key=key).exists():
            return None
        raise
    message_pk = message.pk
    transaction.on_commit(lambda: _deliver_soon(message_pk))
    return message


def _text(content: str | bytes) -> str:
    # Attachments are text (calendar files, CSV): stored as such in the JSON column.
    return content.decode() if isinstance(content, bytes) else content


def _deliver_soon(message_pk: int) -> None:
    from .tasks import deliver_email

    try:
        deliver_email.enqueue(message_pk)
    except Exception:
        # The message is safely recorded; the worker's sweep sends it if the queue is down.
        logger.exception("Could not enqueue delivery of outbox e-mail %s", message_pk)


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed attempt: doubling, at most an hour."""
    base = _setting("OUTBOX_RETRY_BASE_SECONDS", 60)
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def _claimable(now: datetime.datetime) -> Q:
    stale_before = now - datetime.timedelta(seconds=_setting("OUTBOX_STALE_SECONDS", 300))
    return Q(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxEmail.Status.SENDING, claimed_at__lt=stale_before
    )


def deliver(message_pk: int, *, now: datetime.datetime | None = None) -> bool:
    """Send one recorded message if it is due (or its earlier sending was cut short).

    Claiming is a conditional update, so two workers never send the same message at once.
    Returns whether the mail server accepted it in this call."""
    now = now or timezone.now()
    claimed = OutboxEmail.objects.filter(_claimable(now), pk=message_pk).update(
        status=OutboxEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    message = OutboxEmail.objects.get(pk=message_pk)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        to=[message.to],
        headers={"Message-ID": message.message_id},
    )
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        email.send()
    except Exception as error:  # noqa: BLE001 - any failure to send is retried later
        failed = message.attempts >= _setting("OUTBOX_MAX_ATTEMPTS", 20)
        OutboxEmail.objects.filter(pk=message_pk).update(
            status=OutboxEmail.Status.FAILED if failed else OutboxEmail.Status.PENDING,
            next_attempt_at=timezone.now() + retry_delay(message.attempts),
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        logger.warning(
            "outbox e-mail %s not sent (attempt %s%s): %s",
            message_pk,
            message.attempts,
            ", giving up" if failed else "",
            error,
        )
        return False
    OutboxEmail.objects.filter(pk=message_pk).update(
        status=OutboxEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    logger.info("outbox e-mail %s sent as %s", message_pk, message.message_id)
    return True


def deliver_due(*, now: datetime.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send every message that is due, including those whose sending a crash cut short."""
    now = now or timezone.now()
    due = list(
        OutboxEmail.objects.filter(_claimable(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(deliver(pk, now=now) for pk in due)
    return {"due": len(due), "sent": sent}


def purge_sent(*, now: datetime.datetime | None = None) -> int:
    """Blank the text and address of messages sent longer ago than ``OUTBOX_KEEP_DAYS``.

    The row (its key, Message-ID and times) stays, so the event is still known to be done."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=_setting("OUTBOX_KEEP_DAYS", 30))
    return (
        OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT, sent_at__lt=cutoff)
        .exclude(body="", to="")
        .update(to="", subject="", body="", attachments=[])
    )


def forget_address(address: str) -> int:
    """Forget every e-mail to ``address``, for an erased account: messages not yet sent are
    deleted, sent ones keep only their key, Message-ID and times. Returns how many."""
    messages = OutboxEmail.objects.filter(to__iexact=address)
    deleted, _by_model = messages.exclude(status=OutboxEmail.Status.SENT).delete()
    return deleted + messages.update(to="", subject="", body="", attachments=[])
