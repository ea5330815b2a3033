from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from . import tokens
from .models import DiscussionGroup, Registration, Workshop


def workshops_upcoming():
    """Published workshops that have not ended, soonest first."""
    return Workshop.objects.published().upcoming()


def workshops_past():
    """Published workshops that have ended, latest first."""
    return Workshop.objects.published().past()


def workshop_for_public(*, slug: str) -> Workshop:
    """A published workshop with its groups, each with its participant count, and the
    number of seats taken (``seats_taken``, for ``seats_left``).

    Raises ``Workshop.DoesNotExist`` for unknown or unpublished workshops."""
    groups = DiscussionGroup.objects.annotate(participant_count=Count("participations")).order_by(
        "order", "name"
    )
    return (
        Workshop.objects.published()
        .with_seats_taken()
        .prefetch_related(Prefetch("groups", queryset=groups))
        .get(slug=slug)
    )


def workshop_for_registration(*, slug: str) -> Workshop:
    """A published workshop with its groups (for the table-group choice) and ``seats_taken``.

    Raises ``Workshop.DoesNotExist`` for unknown or unpublished workshops."""
    return (
        Workshop.objects.published()
        .with_seats_taken()
        .prefetch_related(Prefetch("groups", queryset=DiscussionGroup.objects.order_by("order", "name")))
        .get(slug=slug)
    )


def workshop_for_staff(*, slug: str) -> Workshop:
    """Any workshop, draft or published, with ``seats_taken``; raises ``Workshop.DoesNotExist``."""
    return Workshop.objects.with_seats_taken().get(slug=slug)


def registration_for_token(*, token: str) -> Registration:
    """The registration behind a personal link, with its workshop. Raises
    ``signing.BadSignature`` for a forged link and ``Registration.DoesNotExist`` when the
    registration is gone or its address has changed."""
    payload = tokens.read_manage_token(token)
    registration = Registration.objects.select_related("workshop", "preferred_group").get(pk=payload["r"])
    if not tokens.made_for(payload, registration):
        raise Registration.DoesNotExist
    return registration


def registration_for_confirmation(*, token: str) -> Registration:
    """The registration a confirmation link was made for, with its workshop, without
    confirming it. Raises ``signing.BadSignature`` for a forged link, its subclass
    ``signing.SignatureExpired`` for an expired one and ``Registration.DoesNotExist`` when
    the registration is gone or its address has changed."""
    payload = tokens.read_confirmation_token(token)
    registration = Registration.objects.select_related("workshop").get(pk=payload["r"])
    if not tokens.made_for(payload, registration):
        raise Registration.DoesNotExist
    return registration


def active_registration_for_user(*, workshop: Workshop, user) -> Registration | None:
    """The user's registration for the workshop that holds a seat or a queue place, if any."""
    return Registration.objects.active().filter(workshop=workshop, user=user).first()


def registrations_for_staff(*, workshop: Workshop):
    """Every registration that is not cancelled, by preferred table group (groupless last) and
    name, with what the staff lists show; for staff only since it includes the needs."""
    return (
        Registration.objects.filter(workshop=workshop)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("preferred_group")
        .order_by(F("preferred_group__order").asc(nulls_last=True), "preferred_group__name", "name", "pk")
    )


def registrations_by_status(*, workshop: Workshop) -> dict[str, list[Registration]]:
    """The workshop's registrations in one query, split for the staff list: ``seated`` by
    table group and name, ``waiting`` in waiting-list order, ``pending`` by name."""
    split = {"seated": [], "waiting": [], "pending": []}
    key = {
        Registration.Status.CONFIRMED: "seated",
        Registration.Status.WAITLISTED: "waiting",
        Registration.Status.PENDING: "pending",
    }
    for registration in registrations_for_staff(workshop=workshop):
        split[key[registration.status]].append(registration)
    split["waiting"].sort(key=lambda r: (r.queued_at or r.created_at, r.created_at, r.pk))
    return split


def registration_counts(*, workshop: Workshop) -> dict:
    """How many registrations of each status, and how many have checked in, counted in the database."""
    status = Registration.Status
    return Registration.objects.filter(workshop=workshop).aggregate(
        confirmed=Count("pk", filter=Q(status=status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=status.WAITLISTED)),
        pending=Count("pk", filter=Q(status=status.PENDING)),
        cancelled=Count("pk", filter=Q(status=status.CANCELLED)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False) & ~Q(status=status.CANCELLED)),
    )


def _status_count(status: str):
    counted = (
        Registration.objects.filter(workshop=OuterRef("pk"), status=status)
        .order_by()
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def workshops_with_registration_counts():
    """Workshops annotated with ``seats_taken`` (confirmed) and ``waiting_count``, each
    counted in the database."""
    return Workshop.objects.with_seats_taken().annotate(
        waiting_count=_status_count(Registration.Status.WAITLISTED)
    )


def workshop_next_for_staff(*, now=None) -> Workshop | None:
    """The next published workshop that has not ended, with ``seats_taken`` and
    ``waiting_count``; one query."""
    return workshops_with_registration_counts().published().upcoming(now).first()


def workshops_for_staff():
    """Every workshop, draft, published or cancelled, latest start first, with
    ``seats_taken`` and ``waiting_count``; one query per page."""
    return workshops_with_registration_counts().order_by("-starts_at", "-pk")


def workshop_for_editing(*, slug: str) -> Workshop:
    """Any workshop with its table groups (and their hosts) in order; raises
    ``Workshop.DoesNotExist``."""
    groups = DiscussionGroup.objects.select_related("host").order_by("order", "name")
    return Workshop.objects.prefetch_related(Prefetch("groups", queryset=groups)).get(slug=slug)


def kitchen_list(*, workshop: Workshop) -> dict:
    """What the kitchen needs, without names: how many people have a seat and each dietary
    need written by the people with a seat, counted (same wording, case and spacing ignored),
    most common first. One query."""
    counts: dict[str, list] = {}
    needs = (
        Registration.objects.filter(workshop=workshop, status=Registration.Status.CONFIRMED)
        .order_by("pk")
        .values_list("dietary_needs", flat=True)
    )
    seats = 0
    for need in needs:
        seats += 1
        text = " ".join(need.split())
        if not text:
            continue
        entry = counts.setdefault(text.casefold(), [text, 0])
        entry[1] += 1
    rows = sorted(counts.values(), key=lambda row: (-row[1], row[0].casefold()))
    return {
        "seats": seats,
        "without_needs": seats - sum(count for _, count in rows),
        "needs": [{"text": text, "count": count} for text, count in rows],
    }
