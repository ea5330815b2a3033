"""Staff's writes for workshops: creating, changing, publishing, cancelling and copying a
workshop with its table groups, and registrations taken by phone or at the door.

Beside ``services.py`` (the registration flow and its e-mails); the seat allocation and the
waiting list are shared from there."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aleforetag.core.outbox import queue_email
from aleforetag.core.services import audit_record

from . import notices, services
from .emails import queue_registration_email
from .models import DiscussionGroup, Registration, Workshop

# A copy keeps the weekday: its dates move by whole years of 52 weeks.
COPY_STEP = datetime.timedelta(weeks=52)
# The facts a copy takes over from its original; dates, web address and status are new.
COPIED_FIELDS = (
    "title",
    "kind",
    "venue",
    "host",
    "description",
    "capacity",
    "pre_moderation",
    "invitation_text",
)


@dataclass
class GroupInput:
    """One table group as the workshop form submitted it; ``pk`` is None for a new one."""

    name: str
    order: int | None = None
    host: object = None
    pk: int | None = None
    delete: bool = False


def _save_groups(workshop: Workshop, groups: list[GroupInput]) -> None:
    existing = {group.pk: group for group in workshop.groups.all()}
    for item in groups:
        if item.delete and item.pk in existing:
            existing.pop(item.pk).delete()
    kept = [item for item in groups if not item.delete]
    for position, item in enumerate(kept, start=1):
        group = existing.get(item.pk) or DiscussionGroup(workshop=workshop)
        group.name = item.name.strip()
        group.order = item.order or position * 10
        if item.host is not None:
            group.table_host = item.host.get_full_name() or item.host.email
        elif group.host_id is not None:
            group.table_host = ""
        group.host = item.host
        group.full_clean()
        group.save()


@transaction.atomic
def workshop_save(*, actor, workshop: Workshop, groups: list[GroupInput]) -> Workshop:
    """Create or change a workshop with its table groups (added, renamed, reordered, given
    a host or removed) in one transaction: any invalid part changes nothing. A cancelled
    workshop keeps its status."""
    created = workshop.pk is None
    moved = False
    if not created:
        current = Workshop.objects.select_for_update().get(pk=workshop.pk)
        if current.status == Workshop.Status.CANCELLED:
            workshop.status = Workshop.Status.CANCELLED
        moved = current.is_published and (current.starts_at, current.ends_at, current.venue) != (
            workshop.starts_at,
            workshop.ends_at,
            workshop.venue,
        )
    workshop.full_clean()
    workshop.save()
    _save_groups(workshop, groups)
    if moved and workshop.is_published:
        # Everyone registered hears of the new time or place once (e-mail and Mina sidor).
        notices.workshop_notify_moved(workshop=workshop)
    audit_record(actor=actor, action="workshop.create" if created else "workshop.update", target=workshop)
    return workshop


@transaction.atomic
def workshop_publish(*, actor, workshop: Workshop) -> Workshop:
    """Publish a draft workshop; publishing twice changes nothing, a cancelled one is refused."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.status == Workshop.Status.CANCELLED:
        raise ValidationError(_("A cancelled workshop cannot be published."))
    if workshop.status != Workshop.Status.PUBLISHED:
        workshop.status = Workshop.Status.PUBLISHED
        workshop.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="workshop.publish", target=workshop)
    return workshop


@transaction.atomic
def workshop_cancel(*, actor, workshop: Workshop) -> int:
    """Cancel a workshop: registration closes, every registration is cancelled, and everyone
    who had a seat or a place on the waiting list is told by e-mail, once. Cancelling twice
    changes nothing. Returns how many people were told."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.status == Workshop.Status.CANCELLED:
        return 0
    now = timezone.now()
    workshop.status = Workshop.Status.CANCELLED
    workshop.cancelled_at = now
    workshop.registration_open = False
    workshop.save(update_fields=["status", "cancelled_at", "registration_open", "updated_at"])
    # An unconfirmed visitor never held a place in line (``queued_at``), so is not told.
    registrations = Registration.objects.filter(workshop=workshop)
    registrations.filter(status=Registration.Status.PENDING).update(
        status=Registration.Status.CANCELLED, cancelled_at=now, queued_at=None, updated_at=now
    )
    registrations.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]).update(
        status=Registration.Status.CANCELLED, cancelled_at=now, updated_at=now
    )
    audit_record(actor=actor, action="workshop.cancel", target=workshop)
    return workshop_notify_cancelled(workshop_id=workshop.pk)


def registrations_told_of_cancellation(*, workshop: Workshop):
    """The registrations a workshop's cancellation is told to: cancelled with it, and
    confirmed (holding a seat or a queue place) before; unconfirmed visitors get nothing."""
    return (
        Registration.objects.filter(
            workshop=workshop,
            status=Registration.Status.CANCELLED,
            cancelled_at=workshop.cancelled_at,
            queued_at__isnull=False,
        )
        .exclude(email="")
        .order_by("pk")
    )


@transaction.atomic
def workshop_notify_cancelled(*, workshop_id: int) -> int:
    """Put the cancellation e-mail to each person registered for a cancelled workshop in the
    outbox under the key ``workshop-cancelled:<registration pk>``: run again (a retried task,
    a second click), it records nothing new. Returns how many e-mails were recorded now."""
    workshop = Workshop.objects.get(pk=workshop_id)
    if workshop.status != Workshop.Status.CANCELLED:
        return 0
    recorded = 0
    for registration in registrations_told_of_cancellation(workshop=workshop):
        message = queue_email(
            to=registration.email,
            template="workshops/email/workshop_cancelled",
            context={"registration": registration, "workshop": workshop},
            language=registration.language,
            key=f"workshop-cancelled:{registration.pk}",
        )
        notices.workshop_cancelled(registration)
        recorded += message is not None
    return recorded


def workshop_copy(*, original: Workshop, now: datetime.datetime | None = None) -> Workshop:
    """An unsaved new workshop that starts from ``original``: the same facts, its dates moved
    on by whole years of 52 weeks (so the weekday stays) until it lies in the future, as a
    draft with no web address yet. Its table groups are read with ``copy_groups``."""
    now = now or timezone.now()
    copy = Workshop(**{name: getattr(original, name) for name in COPIED_FIELDS})
    step = COPY_STEP
    while original.starts_at + step <= now:
        step += COPY_STEP
    for name in ("starts_at", "ends_at", "registration_closes_at", "notes_open_until"):
        value = getattr(original, name)
        setattr(copy, name, value + step if value is not None else None)
    copy.status = Workshop.Status.DRAFT
    copy.registration_open = original.registration_open
    return copy


def copy_groups(*, original: Workshop) -> list[dict]:
    """The original's table groups as initial rows of the workshop form (new rows when saved)."""
    return [
        {"name": group.name, "order": group.order, "host": group.host_id}
        for group in original.groups.order_by("order", "name")
    ]


@transaction.atomic
def registration_add_by_staff(
    *,
    actor,
    workshop: Workshop,
    source: str,
    name: str,
    email: str = "",
    organisation_name: str = "",
    preferred_group: DiscussionGroup | None = None,
    dietary_needs: str = "",
    accessibility_needs: str = "",
) -> Registration:
    """Register someone who called (``phone``: a seat, or the waiting list when full, and
    the usual e-mail) or came to the door (``walk_in``: a seat whatever the capacity, since
    they are there, and checked in at once). Raises ``ValidationError`` on the e-mail field
    when the address is already registered for the workshop."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if workshop.status == Workshop.Status.CANCELLED:
        raise ValidationError(_("The workshop is cancelled."))
    email = email.strip().lower()
    if (
        email
        and Registration.objects.filter(workshop=workshop, email=email)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    ):
        raise ValidationError({"email": _("This address is already registered for the workshop.")})
    now = timezone.now()
    registration = Registration(
        workshop=workshop,
        source=source,
        name=name.strip(),
        email=email,
        organisation_name=organisation_name.strip(),
        preferred_group=preferred_group,
        dietary_needs=dietary_needs.strip(),
        accessibility_needs=accessibility_needs.strip(),
        queued_at=now,
    )
    if source == Registration.Source.WALK_IN:
        registration.status = Registration.Status.CONFIRMED
    elif source == Registration.Source.PHONE:
        if not email:
            raise ValidationError({"email": _("Give an e-mail address for a registration by phone.")})
        taken = Registration.objects.confirmed().filter(workshop=workshop).count()
        full = workshop.capacity is not None and taken >= workshop.capacity
        registration.status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
    else:
        raise ValidationError({"source": _("Choose by phone or at the door.")})
    registration.full_clean()
    registration.save()
    audit_record(actor=actor, action=f"registration.add_{source}", target=registration)
    if source == Registration.Source.WALK_IN:
        services.registration_check_in(registration=registration, actor=actor)
    else:
        queue_registration_email(registration=registration, kind=registration.status)
    return registration
