"""In-portal notices to a person, and the e-mail that goes with one when the person chose it.

Every app above the accounts app tells a person something through ``notice_send``: a note
published or hidden, a disagreement taken into a follow-up, feedback published, a seat from
the waiting list, a workshop cancelled or moved. The notice is what "Mina sidor" lists and
the navigation counts; the event's ``key`` makes each notice, and its e-mail, exist once
however often the code behind it runs.
"""

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from aleforetag.core.email import absolute_url
from aleforetag.core.outbox import queue_email

from .models import Notice, User

NOTICE_EMAIL_TEMPLATE = "accounts/email/notice"


def _refresh_unread_count(user_id: int) -> None:
    unread = (
        Notice.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    User.objects.filter(pk=user_id).update(unread_notice_count=Coalesce(Subquery(unread), Value(0)))


@transaction.atomic
def notice_send(
    *, user, kind: str, key: str, params: dict | None = None, link: str = "", email: bool = True
) -> Notice | None:
    """Give ``user`` one notice about the event ``key``, and e-mail it when ``email`` is on
    and the person chose e-mail for ``kind``.

    Guarantees: at most one notice per person and event, and at most one e-mail (the outbox's
    idempotency key), so a task run twice tells once. Returns the new notice, or None when
    the person already had it or the account is deleted or inactive. ``email=False`` is for
    events whose e-mail another part already sends (the registration e-mails)."""
    user = User.objects.filter(pk=user.pk, is_active=True, anonymised_at__isnull=True).first()
    if user is None:
        return None
    notice, created = Notice.objects.get_or_create(
        user=user, key=key, defaults={"kind": kind, "params": params or {}, "link": link}
    )
    if not created:
        return None
    _refresh_unread_count(user.pk)
    if email and user.wants_email_for(kind):
        queued = queue_email(
            to=user.email,
            template=NOTICE_EMAIL_TEMPLATE,
            context={
                "user": user,
                "notice": notice,
                "link": absolute_url(link) if link else "",
                "my_pages_url": absolute_url(reverse("portal:my-pages")),
                "preferences_url": absolute_url(reverse("accounts:account")),
            },
            language=user.language,
            key=f"notice:{user.pk}:{key}",
        )
        if queued is not None:
            notice.emailed_at = timezone.now()
            notice.save(update_fields=["emailed_at"])
    return notice


@transaction.atomic
def notices_mark_read(*, user, notice_ids=None, kinds=None) -> int:
    """Mark the person's unread notices as read: all of them, or only those with the given
    ids or kinds. Returns how many changed; the navigation's count follows."""
    unread = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice_ids is not None:
        unread = unread.filter(pk__in=notice_ids)
    if kinds is not None:
        unread = unread.filter(kind__in=kinds)
    changed = unread.update(read_at=timezone.now())
    if changed:
        _refresh_unread_count(user.pk)
    return changed


@transaction.atomic
def notices_delete_for_user(*, user) -> int:
    """Delete every notice of a person whose account is deleted (their texts may quote the
    person's notes and a moderator's reason); the unread count goes to 0. Returns how many."""
    deleted, _by_model = Notice.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(unread_notice_count=0)
    return deleted


def notices_for_user(*, user, limit: int = 20) -> list[Notice]:
    """The person's latest notices, newest first (unread and read alike), in one query."""
    return list(Notice.objects.filter(user=user).order_by("-created_at", "-pk")[:limit])


@transaction.atomic
def notice_preferences_update(*, user, kinds) -> User:
    """Save which notices also come by e-mail; feedback keeps its own switch on the user row
    (``email_notifications``, which the follow-ups read)."""
    kinds = set(kinds)
    user = User.objects.select_for_update().get(pk=user.pk)
    user.email_notice_kinds = [kind for kind in Notice.EMAIL_CHOICES if kind in kinds]
    user.email_notifications = Notice.Kind.FEEDBACK_PUBLISHED in kinds
    user.save(update_fields=["email_notice_kinds", "email_notifications"])
    return user
