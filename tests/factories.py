import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from aleforetag.accounts import roles
from aleforetag.accounts.models import User
from feedback.models import Disagreement, Note, Summary, SummaryPoint, Theme, Topic
from followups.models import Conference, FollowUp
from workshops.models import DiscussionGroup, Organisation, Participation, Workshop
from workshops.validators import with_check_digit

PASSWORD = "correct-horse-battery"

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
