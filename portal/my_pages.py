"""Reads for "Mina sidor": a business owner's registrations, notes, disagreements and notices,
composed across the workshops, feedback and accounts apps.

A registration counts as the person's when it carries their account, or when a visitor made it
with the address the account has confirmed (before the account existed or was signed in)."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from aleforetag.accounts.models import User
from feedback.models import Disagreement, Note
from workshops.models import Registration, Workshop
from workshops.tokens import make_manage_token

MY_PAGES_LIST_LENGTH = 5


def _owned_by(user) -> Q:
    mine = Q(user=user)
    if user.email_confirmed:
        mine |= Q(user__isnull=True, email__iexact=user.email)
    return mine


def _queue_place() -> Coalesce:
    """1 + how many are ahead in the same workshop's waiting list (its order: ``queued_at``,
    then ``created_at``, then id)."""
    ahead = (
        Registration.objects.filter(workshop=OuterRef("workshop"), status=Registration.Status.WAITLISTED)
        .filter(
            Q(queued_at__lt=OuterRef("queued_at"))
            | Q(queued_at=OuterRef("queued_at"), created_at__lt=OuterRef("created_at"))
            | Q(queued_at=OuterRef("queued_at"), created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1


def registrations_for_person(*, user) -> QuerySet[Registration]:
    """Every registration of the person (see the module docstring) for a published or
    cancelled workshop, with its workshop and ``queue_place`` (meaningful on the waiting
    list); one query."""
    return (
        Registration.objects.filter(_owned_by(user))
        .exclude(workshop__status=Workshop.Status.DRAFT)
        .select_related("workshop")
        .annotate(queue_place=_queue_place())
        .order_by("workshop__starts_at", "-created_at")
    )


@dataclass
class MyRegistration:
    """A registration as Mina sidor and the workshop page show it, with its personal links."""

    registration: Registration
    manage_token: str

    @property
    def workshop(self):
        return self.registration.workshop

    @property
    def status(self):
        return self.registration.status

    @property
    def queue_place(self):
        return self.registration.queue_place

    @property
    def can_cancel(self) -> bool:
        return (
            self.registration.status != Registration.Status.CANCELLED
            and timezone.now() < self.workshop.starts_at
        )

    @property
    def has_calendar(self) -> bool:
        return self.registration.status == Registration.Status.CONFIRMED


def _wrapped(registrations) -> list[MyRegistration]:
    return [MyRegistration(registration, make_manage_token(registration)) for registration in registrations]


def registrations_split(*, user, now=None) -> dict[str, list[MyRegistration]]:
    """The person's registrations split into ``coming`` (soonest first) and ``past`` (latest
    first), in one query."""
    now = now or timezone.now()
    coming, past = [], []
    for registration in registrations_for_person(user=user):
        (coming if registration.workshop.ends_at >= now else past).append(registration)
    past.reverse()
    return {"coming": _wrapped(coming), "past": _wrapped(past)}


def registration_on_workshop(*, workshop, user) -> MyRegistration | None:
    """The reader's registration for this workshop, for the workshop page: the active one if
    there is one, else the latest cancelled one; None for visitors and people without one.
    One query for a signed-in reader, none for a visitor."""
    if user is None or not user.is_authenticated:
        return None
    registrations = list(
        registrations_for_person(user=user)
        .filter(workshop=workshop)
        .exclude(status=Registration.Status.PENDING)
        .order_by("-created_at", "-pk")
    )
    chosen = next((r for r in registrations if r.is_active), registrations[0] if registrations else None)
    return _wrapped([chosen])[0] if chosen is not None else None


def my_latest_notes(*, user, limit: int = MY_PAGES_LIST_LENGTH) -> QuerySet[Note]:
    """The person's latest notes (withdrawn ones left out), with their workshop; one query."""
    return (
        Note.objects.filter(author=user)
        .exclude(status=Note.Status.WITHDRAWN)
        .select_related("workshop")
        .order_by("-created_at", "-pk")[:limit]
    )


def my_latest_disagreements(*, user, limit: int = MY_PAGES_LIST_LENGTH) -> QuerySet[Disagreement]:
    """The person's latest disagreements (withdrawn ones left out), with the summary point and
    theme they are about; one query."""
    return (
        Disagreement.objects.filter(author=user)
        .exclude(status=Disagreement.Status.WITHDRAWN)
        .select_related("point__summary__theme", "point__summary__workshop")
        .order_by("-created_at", "-pk")[:limit]
    )


def my_counts(*, user) -> dict[str, int]:
    """``note_count`` and ``disagreement_count``: the person's, withdrawn ones left out; one query."""

    def counted(queryset):
        return Coalesce(
            Subquery(
                queryset.filter(author=OuterRef("pk"))
                .order_by()
                .values("author")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    return (
        User.objects.filter(pk=user.pk)
        .annotate(
            note_count=counted(Note.objects.exclude(status=Note.Status.WITHDRAWN)),
            disagreement_count=counted(Disagreement.objects.exclude(status=Disagreement.Status.WITHDRAWN)),
        )
        .values("note_count", "disagreement_count")
        .get()
    )
