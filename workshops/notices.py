"""In-portal notices to registrants (Mina sidor): a seat from the waiting list, a workshop
cancelled or moved. The e-mail for a seat and a cancellation is the registration e-mail
itself, so those notices send none; a move is e-mailed here."""

import hashlib

from django.urls import reverse

from aleforetag.accounts.models import Notice, User
from aleforetag.accounts.notices import notice_send
from aleforetag.core.outbox import queue_email
from aleforetag.core.templatetags.portal_dates import date_range_text

from .calendar import workshop_ics
from .emails import registration_links
from .models import Registration


def registrant_account(registration: Registration):
    """The account a registration belongs to: its own, or the living account that has confirmed
    the address the registration was made with (a visitor who signed up later). None if none."""
    if registration.user_id is not None:
        return registration.user
    return User.objects.filter(
        email__iexact=registration.email, email_confirmed=True, is_active=True, anonymised_at__isnull=True
    ).first()


def registration_notice(*, registration: Registration, kind: str, key: str, params: dict | None = None):
    """Give the registrant's account, if any, the notice about ``registration`` named by
    ``key`` (once; see ``notice_send``). The registration e-mail is sent separately."""
    user = registrant_account(registration)
    if user is None:
        return None
    return notice_send(
        user=user,
        kind=kind,
        key=key,
        params={"title": registration.workshop.title, **(params or {})},
        link=reverse("portal:my-pages"),
        email=False,
    )


def seat_offered(registration: Registration):
    """A seat from the waiting list: once per registration."""
    return registration_notice(
        registration=registration, kind=Notice.Kind.SEAT_OFFERED, key=f"seat_offered:{registration.pk}"
    )


def workshop_cancelled(registration: Registration):
    """The workshop is cancelled: once per registration."""
    return registration_notice(
        registration=registration,
        kind=Notice.Kind.WORKSHOP_CANCELLED,
        key=f"workshop_cancelled:{registration.pk}",
    )


def workshop_moved(registration: Registration, *, change_key: str, when: str, where: str):
    """The workshop has a new time or place: once per registration and change (``change_key``
    names the change, for example the new start time)."""
    return registration_notice(
        registration=registration,
        kind=Notice.Kind.WORKSHOP_MOVED,
        key=f"workshop_moved:{registration.pk}:{change_key}",
        params={"when": when, "where": where},
    )


def workshop_notify_moved(*, workshop, now=None) -> int:
    """Tell everyone with a seat or a queue place that the workshop has a new time or place:
    an e-mail (with a new calendar file for a seat) and a notice on Mina sidor, each once per
    registration and change, so a second call for the same change tells nobody again.
    Returns how many e-mails were recorded."""
    venue = hashlib.sha256(workshop.venue.encode()).hexdigest()[:10]
    change_key = f"{workshop.starts_at:%Y%m%d%H%M}-{workshop.ends_at:%Y%m%d%H%M}-{venue}"
    recorded = 0
    for registration in Registration.objects.active().filter(workshop=workshop).select_related("workshop"):
        registration.workshop = workshop
        workshop_moved(
            registration,
            change_key=change_key,
            when=date_range_text(workshop.starts_at, workshop.ends_at),
            where=workshop.venue,
        )
        if not registration.email:
            continue
        attachments = ()
        if registration.has_seat:
            attachments = (
                (
                    f"{workshop.slug}.ics",
                    workshop_ics(workshop=workshop, registration=registration),
                    "text/calendar",
                ),
            )
        message = queue_email(
            to=registration.email,
            template="workshops/email/workshop_moved",
            context={"registration": registration, "workshop": workshop, **registration_links(registration)},
            language=registration.language,
            attachments=attachments,
            key=f"workshop-moved:{registration.pk}:{change_key}",
        )
        recorded += message is not None
    return recorded
