"""Writes for workshops: registration, the waiting list, reminders, check-in and erasure of needs."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aleforetag.accounts import roles
from aleforetag.core.services import audit_record

from . import notices, tokens
from .emails import queue_registration_email
from .models import DiscussionGroup, Organisation, Participation, Registration, Workshop

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class RegistrationClosed(ValidationError):
    """Registration for the workshop is closed (not opened, past its last day, or started)."""


class AlreadyRegistered(ValidationError):
    """The person already has an active registration; ``registration`` is that one."""

    def __init__(self, registration):
        super().__init__(_("You are already registered for this workshop."), code="already_registered")
        self.registration = registration


class LinkExpired(Exception):
    """The link can no longer be used: its time ran out or the workshop has started."""


def _email(registration: Registration, kind: str) -> None:
    # Recorded in the outbox in this transaction; the worker sends it after commit.
    queue_registration_email(registration=registration, kind=kind)


def _lock_workshop(workshop_id: int) -> Workshop:
    # The row lock serialises seat allocation per workshop: two people racing for the last
    # seat queue up here, and the second one counts the first one's seat.
    return Workshop.objects.select_for_update().get(pk=workshop_id)


def _take_seat_or_queue(registration: Registration, *, now) -> None:
    workshop = _lock_workshop(registration.workshop_id)
    taken = Registration.objects.confirmed().filter(workshop=workshop).count()
    registration.queued_at = now
    if workshop.capacity is None or taken < workshop.capacity:
        registration.status = Registration.Status.CONFIRMED
    else:
        registration.status = Registration.Status.WAITLISTED


def _check_open(workshop: Workshop, now) -> None:
    if not workshop.registration_is_open(now):
        raise RegistrationClosed(_("Registration for this workshop is closed."), code="closed")


@transaction.atomic
def registration_create(
    *,
    workshop: Workshop,
    user=None,
    name: str = "",
    email: str = "",
    organisation_name: str = "",
    dietary_needs: str = "",
    accessibility_needs: str = "",
    preferred_group: DiscussionGroup | None = None,
    language: str = "sv",
) -> Registration:
    """Register a person for a workshop.

    A signed-in user gets a seat at once, or a place on the waiting list when the workshop
    is full, and an e-mail saying which (with the calendar file for a seat). Raises
    ``AlreadyRegistered`` when the user already has an active registration.

    A visitor without an account gets a pending registration and an e-mail with a link that
    confirms it; the seat is taken only then. A visitor whose address is already registered
    gets an e-mail about that registration instead, so the answer on the page never tells
    whether an address is registered.

    Raises ``RegistrationClosed`` when registration is not open."""
    now = timezone.now()
    _check_open(workshop, now)
    if user is not None:
        name, email = user.full_name or user.email, user.email
        organisation_name = organisation_name or user.organisation_name
        language = user.language
    email = email.strip().lower()
    existing = (
        Registration.objects.filter(workshop=workshop)
        .exclude(status=Registration.Status.CANCELLED)
        .filter(email=email)
        .first()
    )
    if existing is None and user is not None:
        existing = (
            Registration.objects.filter(workshop=workshop, user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
    if existing is not None:
        if user is not None and existing.status != Registration.Status.PENDING:
            raise AlreadyRegistered(existing)
        if user is None:
            _email(existing, "confirm" if existing.status == Registration.Status.PENDING else "already")
            return existing
        # A signed-in user with a pending visitor registration under the same address:
        # signing in proves the address, so the registration is taken over and confirmed.
        registration = existing
        registration.user = user
    else:
        registration = Registration(workshop=workshop, user=user)
    registration.name = name.strip()
    registration.email = email
    registration.organisation_name = organisation_name.strip()
    registration.dietary_needs = dietary_needs.strip()
    registration.accessibility_needs = accessibility_needs.strip()
    registration.preferred_group = preferred_group
    registration.language = language if language in dict(settings.LANGUAGES) else "sv"
    if user is not None:
        _take_seat_or_queue(registration, now=now)
    registration.full_clean()
    registration.save()
    if user is None:
        _email(registration, "confirm")
    else:
        _email(registration, registration.status)
    return registration


@transaction.atomic
def registration_confirm(*, token: str) -> Registration:
    """Confirm a visitor's registration from the link in the e-mail: a seat if one is left,
    else the end of the waiting list, and an e-mail saying which. Confirming twice changes
    nothing. Raises ``signing.BadSignature`` for a forged link, ``signing.SignatureExpired``
    for an expired one, ``LinkExpired`` once the workshop has started and
    ``Registration.DoesNotExist`` when the registration is gone."""
    payload = tokens.read_confirmation_token(token)
    registration = Registration.objects.select_related("workshop").get(pk=payload["r"])
    if not tokens.made_for(payload, registration):
        raise Registration.DoesNotExist
    if registration.status != Registration.Status.PENDING:
        return registration
    now = timezone.now()
    if now >= registration.workshop.starts_at:
        raise LinkExpired
    _take_seat_or_queue(registration, now=now)
    registration.save(update_fields=["status", "queued_at", "updated_at"])
    _email(registration, registration.status)
    return registration


def _promote_from_waiting_list(workshop: Workshop, *, now) -> list[Registration]:
    """Give free seats to the first on the waiting list, in order; the workshop is locked."""
    if workshop.capacity is None:
        free = None
    else:
        free = workshop.capacity - Registration.objects.confirmed().filter(workshop=workshop).count()
        if free <= 0:
            return []
    queue = Registration.objects.waitlisted().filter(workshop=workshop).select_for_update()
    promoted = list(queue if free is None else queue[:free])
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        _email(registration, "promoted")
        notices.seat_offered(registration)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None) -> list[Registration]:
    """Cancel a registration and e-mail a receipt. A freed seat goes to the first on the
    waiting list, who is e-mailed. Returns the promoted registrations. Cancelling twice
    changes nothing; raises ``LinkExpired`` once the workshop has started."""
    now = timezone.now()
    workshop = _lock_workshop(registration.workshop_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return []
    if now >= workshop.starts_at:
        raise LinkExpired
    had_seat = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if actor is not None and actor.is_authenticated and actor.pk != registration.user_id:
        audit_record(actor=actor, action="registration.cancel", target=registration)
    _email(registration, "cancelled")
    if not had_seat:
        return []
    return _promote_from_waiting_list(workshop, now=now)


@transaction.atomic
def workshop_fill_from_waiting_list(*, workshop: Workshop, actor) -> list[Registration]:
    """After staff raise the capacity: give the free seats to the waiting list, in order,
    each with an e-mail. Does nothing once the workshop has started."""
    now = timezone.now()
    locked = _lock_workshop(workshop.pk)
    if now >= locked.starts_at:
        return []
    promoted = _promote_from_waiting_list(locked, now=now)
    if promoted:
        audit_record(
            actor=actor, action="registration.fill_from_waiting_list", target=locked, count=len(promoted)
        )
    return promoted


def _participation_role(user) -> str:
    names = roles.roles_of(user)
    if names & {roles.STAFF, roles.ADMIN}:
        return Participation.Role.OFFICIAL
    if roles.POLITICIAN in names:
        return Participation.Role.POLITICIAN
    return Participation.Role.BUSINESS_OWNER


@transaction.atomic
def registration_check_in(*, registration: Registration, actor) -> Participation:
    """Mark a registered person as present at the door. The workshop's participation record
    (what the dashboard counts) is created or updated with ``attended=True``; checking in
    twice changes nothing."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("workshop")
        .get(pk=registration.pk)
    )
    if not registration.is_active:
        raise ValidationError(_("Only registrations with a seat or on the waiting list can be checked in."))
    participation = registration.participation
    if participation is None and registration.user_id:
        participation = Participation.objects.filter(
            workshop_id=registration.workshop_id, user_id=registration.user_id
        ).first()
    if participation is None:
        participation = Participation(
            workshop_id=registration.workshop_id,
            user=registration.user,
            name="" if registration.user_id else registration.name,
            email="" if registration.user_id else registration.email,
            role=_participation_role(registration.user),
            organisation=Organisation.objects.filter(name__iexact=registration.organisation_name).first()
            if registration.organisation_name
            else None,
            group=registration.preferred_group,
        )
    participation.attended = True
    participation.full_clean()
    participation.save()
    if registration.checked_in_at is None or registration.participation_id != participation.pk:
        registration.checked_in_at = registration.checked_in_at or timezone.now()
        registration.participation = participation
        registration.save(update_fields=["checked_in_at", "participation", "updated_at"])
        audit_record(actor=actor, action="registration.check_in", target=registration)
    return participation


@transaction.atomic
def registration_undo_check_in(*, registration: Registration, actor) -> None:
    """Undo a check-in made by mistake: the participation is kept but no longer counts as attended."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("participation")
        .get(pk=registration.pk)
    )
    if registration.checked_in_at is None:
        return
    if registration.participation is not None:
        registration.participation.attended = False
        registration.participation.save(update_fields=["attended"])
    registration.checked_in_at = None
    registration.save(update_fields=["checked_in_at", "updated_at"])
    audit_record(actor=actor, action="registration.undo_check_in", target=registration)


@transaction.atomic
def registration_send_reminder(*, registration_id: int) -> bool:
    """Put the reminder to one registration in the outbox, at most once: the registration is
    claimed with a conditional update in the same transaction that records the e-mail.
    Returns whether a reminder was recorded."""
    claimed = Registration.objects.filter(
        pk=registration_id, status=Registration.Status.CONFIRMED, reminder_sent_at__isnull=True
    ).update(reminder_sent_at=timezone.now())
    if not claimed:
        return False
    registration = Registration.objects.select_related("workshop").get(pk=registration_id)
    queue_registration_email(registration=registration, kind="reminder")
    return True


# No reminder for a workshop that starts sooner than this: the confirmation was just sent.
REMINDER_NOT_WITHIN = datetime.timedelta(hours=2)


def registrations_enqueue_reminders(*, now: datetime.datetime | None = None) -> int:
    """Record a reminder for everyone with a seat at a workshop that starts from two hours
    from now to the end of tomorrow (Stockholm time) who has not had one: run every hour, it
    also reaches people who registered after an earlier run. Returns how many were recorded."""
    now = now or timezone.now()
    tomorrow = now.astimezone(STOCKHOLM).date() + datetime.timedelta(days=1)
    end = datetime.datetime.combine(
        tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=STOCKHOLM
    )
    ids = list(
        Registration.objects.confirmed()
        .filter(
            reminder_sent_at__isnull=True,
            workshop__status=Workshop.Status.PUBLISHED,
            workshop__starts_at__gte=now + REMINDER_NOT_WITHIN,
            workshop__starts_at__lt=end,
        )
        .values_list("pk", flat=True)
    )
    return sum(registration_send_reminder(registration_id=registration_id) for registration_id in ids)


@transaction.atomic
def registrations_erase_needs(*, now: datetime.datetime | None = None) -> int:
    """Erase dietary and accessibility needs of every registration whose workshop ended more
    than ``REGISTRATION_NEEDS_RETENTION_DAYS`` (default 30) days ago. Nothing else changes.
    Returns how many registrations were erased."""
    now = now or timezone.now()
    days = getattr(settings, "REGISTRATION_NEEDS_RETENTION_DAYS", 30)
    cutoff = now - datetime.timedelta(days=days)
    erased = (
        Registration.objects.filter(workshop__ends_at__lt=cutoff)
        .exclude(dietary_needs="", accessibility_needs="")
        .update(dietary_needs="", accessibility_needs="", needs_erased_at=now)
    )
    if erased:
        audit_record(actor=None, action="registration.erase_needs", count=erased, retention_days=days)
    return erased


@transaction.atomic
def registrations_erase_for_user(*, user, email: str = "") -> None:
    """Erase what the workshops hold about a person whose account is deleted, both what is
    tied to the account and, given the account's confirmed ``email``, what was registered
    under that address without an account: each coming registration is cancelled (its seat
    goes to the first on the waiting list), then every registration keeps no name, address,
    organisation or needs, and every participation no name, address or organisation (a sole
    trader's company names the person). The rows stay, so seat counts and history still add up."""
    now = timezone.now()
    with translation.override("sv"):
        placeholder_name = gettext("Deleted account")
    theirs = Q(user=user)
    if email:
        theirs |= Q(email__iexact=email.strip())
    for registration in Registration.objects.active().filter(theirs, workshop__starts_at__gt=now):
        registration_cancel(registration=registration)
    for registration in Registration.objects.filter(theirs):
        registration.name = placeholder_name
        registration.email = f"deleted-registration-{registration.pk}@anonymised.invalid"
        registration.organisation_name = ""
        registration.dietary_needs = ""
        registration.accessibility_needs = ""
        registration.needs_erased_at = registration.needs_erased_at or now
        registration.save(
            update_fields=[
                "name",
                "email",
                "organisation_name",
                "dietary_needs",
                "accessibility_needs",
                "needs_erased_at",
            ]
        )
    Participation.objects.filter(user=user).update(name="", email="", organisation=None)
    if email:
        Participation.objects.filter(user__isnull=True, email__iexact=email.strip()).update(
            name=placeholder_name, email="", organisation=None
        )


@transaction.atomic
def registrations_attach_to_user(*, user) -> int:
    """Tie to the account every registration made without one under the address the account
    has confirmed (a visitor who registered first and signed up later), so it shows and is
    handled as theirs. A workshop the account already holds a live registration for keeps
    that one; the visitor's live one stays as it was. Returns how many were tied."""
    if not user.email_confirmed or user.anonymised_at is not None:
        return 0
    live = ~Q(status=Registration.Status.CANCELLED)
    held = Registration.objects.filter(live, user=user).values("workshop")
    return (
        Registration.objects.filter(user__isnull=True, email__iexact=user.email)
        .exclude(live & Q(workshop__in=held))
        .update(user=user, updated_at=timezone.now())
    )
