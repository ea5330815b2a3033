"""Registrants' notices on Mina sidor: a seat from the waiting list, a cancelled workshop and a
moved one, each once per registration, with one e-mail (the registration e-mail) each; and a
visitor's registration becomes the account's once the account confirms the same address."""

import datetime

import pytest
from django.utils import timezone

from aleforetag.accounts.models import Notice
from aleforetag.core.models import OutboxEmail
from tests import factories
from workshops import notices, services, services_staff
from workshops.emails import queue_registration_email
from workshops.models import Registration

pytestmark = pytest.mark.django_db


def _emails_to(address):
    return OutboxEmail.objects.filter(to=address).count()


@pytest.fixture
def full_workshop():
    return factories.WorkshopFactory(registration_open=True, capacity=1, title="Frukostmöte")


def _seat(workshop, user=None, **kwargs):
    if user is not None:
        kwargs = {"name": user.full_name, "email": user.email, **kwargs, "user": user}
    return factories.RegistrationFactory(workshop=workshop, **kwargs)


def test_seat_from_the_waiting_list_tells_once(full_workshop, business_owner):
    holder = _seat(full_workshop)
    waiting = _seat(full_workshop, business_owner, status="waitlisted")
    services.registration_cancel(registration=holder)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    # The work behind it again (a retried task): no second notice, no second e-mail.
    notices.seat_offered(waiting)
    queue_registration_email(registration=waiting, kind="promoted")
    [notice] = Notice.objects.filter(user=business_owner, kind=Notice.Kind.SEAT_OFFERED)
    assert "du har nu en plats på ”Frukostmöte”" in notice.message
    assert _emails_to(business_owner.email) == 1
    assert notice.emailed_at is None  # the registration e-mail is the e-mail


def test_seat_for_a_visitor_who_later_confirmed_the_address_reaches_the_account(full_workshop):
    holder = _seat(full_workshop)
    visitor = _seat(full_workshop, status="waitlisted", email="vera@example.se", name="Vera")
    owner = factories.BusinessOwnerFactory(email="vera@example.se")
    services.registration_cancel(registration=holder)
    assert Notice.objects.filter(user=owner, kind=Notice.Kind.SEAT_OFFERED).count() == 1
    assert visitor.pk


def test_workshop_cancelled_tells_each_registrant_once(full_workshop, business_owner, staff):
    registration = _seat(full_workshop, business_owner)
    services_staff.workshop_cancel(actor=staff, workshop=full_workshop)
    services_staff.workshop_cancel(actor=staff, workshop=full_workshop)
    services_staff.workshop_notify_cancelled(workshop_id=full_workshop.pk)
    [notice] = Notice.objects.filter(user=business_owner, kind=Notice.Kind.WORKSHOP_CANCELLED)
    assert notice.message == "”Frukostmöte” är inställd. Din anmälan är avbokad."
    assert _emails_to(business_owner.email) == 1
    assert registration.pk


def test_workshop_moved_tells_each_registrant_once_per_change(full_workshop, business_owner, staff):
    _seat(full_workshop, business_owner)
    start = timezone.make_aware(datetime.datetime(2030, 11, 23, 11, 30))
    full_workshop.starts_at = start
    full_workshop.ends_at = start + datetime.timedelta(hours=1, minutes=30)
    full_workshop.registration_closes_at = None
    services_staff.workshop_save(actor=staff, workshop=full_workshop, groups=[])
    notices.workshop_notify_moved(workshop=full_workshop)  # the same change told again
    [notice] = Notice.objects.filter(user=business_owner, kind=Notice.Kind.WORKSHOP_MOVED)
    assert "23 november 2030, 11.30–13.00" in notice.message
    assert _emails_to(business_owner.email) == 1
    # A further change is a new event.
    full_workshop.venue = "Medborgarhuset Alafors"
    services_staff.workshop_save(actor=staff, workshop=full_workshop, groups=[])
    assert Notice.objects.filter(user=business_owner, kind=Notice.Kind.WORKSHOP_MOVED).count() == 2
    assert _emails_to(business_owner.email) == 2


def test_saving_without_a_change_of_time_or_place_tells_nobody(full_workshop, business_owner, staff):
    _seat(full_workshop, business_owner)
    full_workshop.description = "Ny beskrivning"
    full_workshop.registration_closes_at = None
    services_staff.workshop_save(actor=staff, workshop=full_workshop, groups=[])
    assert Notice.objects.count() == 0
    assert _emails_to(business_owner.email) == 0


def test_registrations_made_before_the_account_are_attached_on_sign_in(client):
    workshop = factories.WorkshopFactory(registration_open=True, capacity=5)
    earlier = _seat(workshop, email="vera@example.se", name="Vera")
    owner = factories.BusinessOwnerFactory(email="vera@example.se")
    client.force_login(owner)
    earlier.refresh_from_db()
    assert earlier.user == owner


def test_an_unconfirmed_account_attaches_nothing(client):
    workshop = factories.WorkshopFactory(registration_open=True, capacity=5)
    earlier = _seat(workshop, email="vera@example.se", name="Vera")
    services.registrations_attach_to_user(
        user=factories.BusinessOwnerFactory(email="vera@example.se", email_confirmed=False)
    )
    earlier.refresh_from_db()
    assert earlier.user is None


def test_attaching_keeps_the_accounts_own_live_registration(business_owner):
    """The account already holds a seat at the workshop: a visitor's live registration with
    the address stays a visitor's (one live registration per account and workshop)."""
    workshop = factories.WorkshopFactory(registration_open=True, capacity=5)
    _seat(workshop, business_owner, email="annan@example.se")
    visitor = _seat(workshop, email=business_owner.email, name="Karin")
    assert services.registrations_attach_to_user(user=business_owner) == 0
    visitor.refresh_from_db()
    assert visitor.user is None
