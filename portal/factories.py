"""factory_boy factories: the one builder of data for the tests, the demo and the benchmark.

Tests create rows with them; the demo (``portal.demo``) creates what has no service of its own
with them; the benchmark (``portal.bench.builder``) ``build()``s unsaved objects with them and
writes them with ``bulk_create``. A development dependency: production imports this module only
through the demo and bench commands, lazily.
"""

import datetime
import random
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from aleforetag.accounts import roles
from aleforetag.accounts.models import User
from feedback.models import Disagreement, Note, Summary, SummaryPoint, Theme, Topic
from followups.models import Conference, FeedbackNotice, FollowUp, StatusChange
from indicators.models import ActionPoint, Indicator, IndicatorYear
from workshops.models import DiscussionGroup, Organisation, Participation, Workshop
from workshops.validators import with_check_digit

PASSWORD = "correct-horse-battery"  # noqa: S105 - test and demo accounts only

# The six kinds of visitor every permission test checks, as keys of the `users` fixture.
ROLES = ["anonymous", "owner", "other_owner", "staff", "politician", "admin"]


def _role(default=None):
    """A post-generation hook that puts the user in a role group (``role=`` overrides)."""

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        name = extracted or default
        if create and name:
            self.groups.add(Group.objects.get_or_create(name=name)[0])
            if name in (roles.STAFF, roles.ADMIN):
                self.is_staff = True
                self.is_superuser = name == roles.ADMIN
                self.save(update_fields=["is_staff", "is_superuser"])

    return role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    full_name = factory.Faker("name", locale="sv_SE")
    email_confirmed = True
    password = factory.django.Password(PASSWORD)
    role = _role()


class BusinessOwnerFactory(UserFactory):
    role = _role(roles.BUSINESS_OWNER)


class StaffFactory(UserFactory):
    role = _role(roles.STAFF)


class PoliticianFactory(UserFactory):
    role = _role(roles.POLITICIAN)


class AdminFactory(UserFactory):
    role = _role(roles.ADMIN)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Företag {n} AB")
    organisation_number = factory.Sequence(lambda n: with_check_digit(f"556{n:06d}"))


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    kind = Workshop.Kind.WORKSHOP
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = "Kommunhus Nödinge"
    host = "Näringslivsenheten"
    status = Workshop.Status.PUBLISHED
    notes_open_until = factory.LazyAttribute(lambda o: o.ends_at + datetime.timedelta(days=7))


class DiscussionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscussionGroup

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Sequence(lambda n: f"Bord {n}")
    order = factory.Sequence(int)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Faker("name", locale="sv_SE")
    role = Participation.Role.BUSINESS_OWNER
    attended = True


def theme(slug="service-och-leverans") -> Theme:
    """One of the three themes the data migration seeds."""
    return Theme.objects.get(slug=slug)


def topic(slug="oppettider") -> Topic:
    return Topic.objects.get(slug=slug)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note
        skip_postgeneration_save = True

    workshop = factory.SubFactory(WorkshopFactory)
    text = factory.Sequence(lambda n: f"Anteckning nummer {n} om företagsklimatet.")
    kind = Note.Kind.SUGGESTION
    source = Note.Source.PAPER
    status = Note.Status.PUBLISHED

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [theme()])

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class SummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summary

    workshop = factory.SubFactory(WorkshopFactory)
    theme = factory.LazyFunction(theme)
    introduction = "Det här hörde vi."
    status = Summary.Status.DRAFT


class SummaryPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SummaryPoint

    summary = factory.SubFactory(SummaryFactory)
    order = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Punkt {n}")


class DisagreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disagreement

    point = factory.SubFactory(SummaryPointFactory)
    author = factory.SubFactory(BusinessOwnerFactory)
    text = "Så menade vi inte."


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    year = factory.Sequence(lambda n: 2000 + n)
    title = factory.LazyAttribute(lambda o: f"Näringslivsrådets konferens {o.year}")
    slug = factory.LazyAttribute(lambda o: f"konferens-{o.year}")
    starts_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 23))
    ends_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 24))


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Ärende {n}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration with a seat (pass ``status`` for others)."""

    class Meta:
        model = "workshops.Registration"

    workshop = factory.SubFactory(WorkshopFactory, registration_open=True, capacity=40)
    name = factory.Faker("name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"anmald{n}@example.se")
    organisation_name = "Exempel AB"
    status = "confirmed"
    queued_at = factory.LazyFunction(timezone.now)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    """One step of a follow-up's timeline; build the steps with ``timeline()``."""

    class Meta:
        model = StatusChange

    followup = factory.SubFactory(FollowUpFactory)
    from_status = ""
    to_status = FollowUp.Status.NEW
    changed_at = factory.LazyFunction(timezone.now)


class FeedbackNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackNotice

    user = factory.SubFactory(BusinessOwnerFactory)
    followup = factory.SubFactory(FollowUpFactory)


def status_paths(final: str) -> list[list[str]]:
    """Every way a follow-up can reach ``final`` from "new", as lists of statuses starting with
    "new", read from the model's own ``FollowUp.TRANSITIONS`` (never a copy of them)."""
    paths, pending = [], [[FollowUp.Status.NEW]]
    while pending:
        path = pending.pop()
        if path[-1] == final:
            paths.append(path)
            continue
        pending.extend([*path, step] for step in FollowUp.TRANSITIONS[path[-1]])
    return sorted(paths, key=len)


def status_path(final: str, rng: random.Random | None = None) -> list[str]:
    """One way to ``final`` (the longest, or one drawn with ``rng`` when there are several)."""
    paths = status_paths(final)
    if not paths:
        raise ValueError(f"No follow-up can reach {final!r}.")
    return rng.choice(paths) if rng else paths[-1]


def timeline(
    followup: FollowUp, steps: list[str], moments: list, *, by=None, comment=""
) -> list[StatusChange]:
    """The unsaved timeline of ``followup`` through ``steps`` (``steps[0]`` is "new"), each
    move checked with ``FollowUp.can_move_to()``; leaves ``followup.status`` at the last step."""
    followup.status = steps[0]
    changes = [
        StatusChangeFactory.build(
            followup=followup, from_status="", to_status=steps[0], changed_by=by, changed_at=moments[0]
        )
    ]
    for step, moment in zip(steps[1:], moments[1:], strict=True):
        if not followup.can_move_to(step):
            raise ValueError(f"A follow-up cannot move from {followup.status!r} to {step!r}.")
        changes.append(
            StatusChangeFactory.build(
                followup=followup,
                from_status=followup.status,
                to_status=step,
                changed_by=by,
                changed_at=moment,
                comment=comment,
            )
        )
        followup.status = step
    return changes


# --- indicators and the action plan ---------------------------------------------------------


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    slug = factory.Sequence(lambda n: f"indikator-{n}")
    name_sv = factory.Sequence(lambda n: f"Indikator {n}")
    source = Indicator.Source.SVENSKT_NARINGSLIV
    unit = "betyg 1–6"
    scale_min = Decimal("1")
    scale_max = Decimal("6")
    decimals = 1
    higher_is_better = True


class IndicatorYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorYear

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2018
    value = Decimal("3.5")


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint
        skip_postgeneration_save = True

    year = 2018
    title = factory.Sequence(lambda n: f"Åtgärd {n}")
    owner = factory.SubFactory(StaffFactory)
    deadline = datetime.date(2018, 12, 31)
    status = ActionPoint.Status.PLANNED
    is_published = True
