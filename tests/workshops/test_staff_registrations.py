"""Staff handle registrations: cancel one (the waiting list moves, each person told once),
add a walk-in or a registration by phone, the kitchen list without names, and the CSV."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests import factories
from workshops.models import Participation, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_workshop(db):
    workshop = factories.WorkshopFactory(registration_open=True, capacity=2)
    now = timezone.now()
    seated = [
        factories.RegistrationFactory(workshop=workshop, name=f"Sittande {i}", queued_at=now)
        for i in range(2)
    ]
    waiting = factories.RegistrationFactory(
        workshop=workshop, name="Väntande Först", status=Registration.Status.WAITLISTED, queued_at=now
    )
    return workshop, seated, waiting


def test_staff_cancel_moves_the_waiting_list_and_tells_each_once(
    client_for, staff, full_workshop, django_capture_on_commit_callbacks
):
    """The cancelled person and the one who moves up each get one e-mail; cancelling again
    changes nothing and sends nothing."""
    workshop, seated, waiting = full_workshop
    client = client_for(staff)
    url = reverse("workshops:registration-staff-cancel", args=[workshop.slug, seated[0].pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Väntande Först" in response.content.decode()
    seated[0].refresh_from_db()
    waiting.refresh_from_db()
    assert seated[0].status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED and waiting.promoted_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated[0].email, waiting.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 404  # no longer active
    assert len(mail.outbox) == 2


def test_walk_in_gets_a_seat_and_is_checked_in_without_an_email(client_for, staff, full_workshop):
    """At the door a seat is given whatever the capacity, checked in at once; no address needed."""
    workshop, _, _ = full_workshop
    response = client_for(staff).post(
        reverse("workshops:registration-add", args=[workshop.slug]),
        {"source": "walk_in", "name": "Dörr Gästsson", "email": "", "dietary_needs": "Vegetarisk"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(name="Dörr Gästsson")
    assert registration.status == Registration.Status.CONFIRMED and registration.checked_in_at is not None
    assert registration.source == Registration.Source.WALK_IN
    assert Participation.objects.get(workshop=workshop, name="Dörr Gästsson").attended


def test_phone_registration_joins_the_waiting_list_when_full_and_is_told(
    client_for, staff, full_workshop, django_capture_on_commit_callbacks
):
    workshop, _, _ = full_workshop
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            reverse("workshops:registration-add", args=[workshop.slug]),
            {"source": "phone", "name": "Telefon Tina", "email": "Tina@Example.se"},
        )
    assert response.status_code == 302
    registration = Registration.objects.get(email="tina@example.se")
    assert registration.status == Registration.Status.WAITLISTED and registration.source == "phone"
    assert [m.to for m in mail.outbox] == [["tina@example.se"]]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"source": "phone", "name": "Utan Adress", "email": ""}, "email"),
        ({"source": "phone", "name": "", "email": "a@example.se"}, "name"),
        ({"source": "web", "name": "Fel Källa", "email": "b@example.se"}, "source"),
        ({"source": "phone", "name": "Dubbel", "email": "DUBBEL@example.se"}, "email"),
    ],
)
def test_bad_staff_registration_is_refused_and_changes_nothing(client_for, staff, full_workshop, data, field):
    workshop, _, _ = full_workshop
    factories.RegistrationFactory(workshop=workshop, email="dubbel@example.se")
    before = Registration.objects.count()
    response = client_for(staff).post(reverse("workshops:registration-add", args=[workshop.slug]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Registration.objects.count() == before


def test_kitchen_list_counts_needs_without_names(client_for, staff):
    workshop = factories.WorkshopFactory()
    for need in ["Vegetarisk", "vegetarisk ", "Nötallergi", ""]:
        factories.RegistrationFactory(workshop=workshop, name="Hemlig Person", dietary_needs=need)
    factories.RegistrationFactory(
        workshop=workshop, status=Registration.Status.WAITLISTED, dietary_needs="Glutenfri"
    )
    response = client_for(staff).get(reverse("workshops:registration-kitchen", args=[workshop.slug]))
    assert response.status_code == 200
    assert response.context["needs"] == [
        {"text": "Vegetarisk", "count": 2},
        {"text": "Nötallergi", "count": 1},
    ]
    assert (response.context["seats"], response.context["without_needs"]) == (4, 1)
    body = response.content.decode()
    assert "Hemlig Person" not in body and "Glutenfri" not in body


def test_csv_of_the_registrations_is_excel_safe(client_for, staff):
    workshop = factories.WorkshopFactory()
    factories.RegistrationFactory(workshop=workshop, name="=HYPERLINK(1)", dietary_needs="Laktosfri")
    response = client_for(staff).get(reverse("workshops:registration-csv", args=[workshop.slug]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and "Laktosfri" in text and "'=HYPERLINK(1)" in text


@pytest.mark.parametrize("size", [3, 30])
def test_registration_list_query_count(client_for, staff, django_assert_num_queries, size):
    """The staff list with its cancel links: the same number of queries at both sizes."""
    workshop = factories.WorkshopFactory(capacity=size)
    group = factories.DiscussionGroupFactory(workshop=workshop)
    for i in range(size + 2):
        factories.RegistrationFactory(
            workshop=workshop,
            preferred_group=group if i % 2 else None,
            status=Registration.Status.CONFIRMED if i < size else Registration.Status.WAITLISTED,
        )
    client = client_for(staff)
    url = reverse("workshops:registration-list", args=[workshop.slug])
    client.get(url)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_kitchen_and_csv_query_counts(client_for, staff, django_assert_num_queries, size):
    workshop = factories.WorkshopFactory()
    factories.RegistrationFactory.create_batch(size, workshop=workshop, dietary_needs="Vegansk")
    client = client_for(staff)
    kitchen = reverse("workshops:registration-kitchen", args=[workshop.slug])
    csv = reverse("workshops:registration-csv", args=[workshop.slug])
    client.get(kitchen)
    with django_assert_num_queries(8):
        client.get(kitchen)
    with django_assert_num_queries(6):
        client.get(csv)
