"""Registration pages: the form, the e-mailed links, the staff lists and their query counts."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests import factories
from workshops import tokens
from workshops.models import Participation, Registration, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_workshop(db):
    return factories.WorkshopFactory(title="Frukostmöte", registration_open=True, capacity=5)


def _create_url(workshop):
    return reverse("workshops:registration-create", args=[workshop.slug])


def _visitor_data(**extra):
    return {
        "name": "Vera Besökare",
        "email": "vera@example.se",
        "organisation_name": "Veras Verkstad",
        "dietary_needs": "Nötallergi",
        "accessibility_needs": "",
        **extra,
    }


def test_workshop_page_shows_seats_left_and_the_register_button(client, open_workshop):
    """The workshop page says how many seats are left and links to the form; no staff links."""
    factories.RegistrationFactory(workshop=open_workshop)
    factories.RegistrationFactory(workshop=open_workshop, status="pending")
    page = client.get(open_workshop.get_absolute_url()).content.decode()
    assert "4 platser kvar." in page
    assert f'href="{_create_url(open_workshop)}"' in page and "Anmäl dig" in page
    assert reverse("workshops:registration-list", args=[open_workshop.slug]) not in page


def test_workshop_page_links_staff_to_the_registration_list(client_for, staff, open_workshop):
    """Staff see links to the registration list, check-in sheet and door check-in."""
    page = client_for(staff).get(open_workshop.get_absolute_url()).content.decode()
    for name in ("registration-list", "registration-sheet", "registration-door"):
        assert reverse(f"workshops:{name}", args=[open_workshop.slug]) in page


def test_workshop_page_without_registration_shows_no_button(client):
    """A workshop whose registration is not open has no register button."""
    workshop = factories.WorkshopFactory(registration_open=False)
    assert "Anmäl dig" not in client.get(workshop.get_absolute_url()).content.decode()


def test_visitor_registration_sends_a_confirmation_link(
    client, open_workshop, django_capture_on_commit_callbacks
):
    """A visitor's registration is pending and the e-mail carries the confirmation link."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_create_url(open_workshop), _visitor_data())
    assert response.status_code == 302
    assert response.url == reverse("workshops:registration-sent", args=[open_workshop.slug])
    registration = Registration.objects.get()
    assert (registration.status, registration.dietary_needs) == ("pending", "Nötallergi")
    assert "/workshoppar/anmalan/bekrafta/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Bekräfta din anmälan: Frukostmöte"


def test_english_visitor_gets_english_e_mail(client, open_workshop, django_capture_on_commit_callbacks):
    """The e-mail goes out in the language the visitor used the site in."""
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_create_url(open_workshop), _visitor_data())
    assert mail.outbox[0].subject == "Confirm your registration: Frukostmöte"


def test_bad_input_keeps_what_was_typed_and_creates_nothing(client, open_workshop):
    """A missing name and a broken address give messages next to the fields, keep the rest
    of the input and create no registration."""
    response = client.post(_create_url(open_workshop), _visitor_data(name="", email="inte-en-adress"))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "email"}
    page = response.content.decode()
    assert "Nötallergi" in page and "Veras Verkstad" in page
    assert not Registration.objects.exists()


def test_signed_in_owner_registers_without_typing_name_and_address(
    client_for, business_owner, open_workshop, django_capture_on_commit_callbacks
):
    """A signed-in business owner's form asks only for needs and group, and the seat is theirs at once."""
    client = client_for(business_owner)
    form = client.get(_create_url(open_workshop)).context["form"]
    assert "email" not in form.fields and "name" not in form.fields
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _create_url(open_workshop), {"dietary_needs": "", "accessibility_needs": "Hörslinga"}
        )
    registration = Registration.objects.get()
    assert registration.user == business_owner and registration.status == "confirmed"
    assert response.url == reverse(
        "workshops:registration-detail", args=[tokens.make_manage_token(registration)]
    )


def test_table_group_choice_lists_only_this_workshops_groups(client, open_workshop):
    """The preferred table group offers this workshop's groups; another workshop's group is refused."""
    mine = factories.DiscussionGroupFactory(workshop=open_workshop, name="Bord A")
    other = factories.DiscussionGroupFactory(name="Bord Främmande")
    page = client.get(_create_url(open_workshop)).content.decode()
    assert "Bord A" in page and "Bord Främmande" not in page
    response = client.post(_create_url(open_workshop), _visitor_data(preferred_group=other.pk))
    assert "preferred_group" in response.context["form"].errors
    client.post(_create_url(open_workshop), _visitor_data(preferred_group=mine.pk))
    assert Registration.objects.get().preferred_group == mine


def test_closed_registration_shows_a_page_and_saves_nothing(client):
    """When registration is closed the form is replaced by a clear page and a POST creates nothing."""
    workshop = factories.WorkshopFactory(registration_open=False)
    assert "Anmälan är stängd" in client.get(_create_url(workshop)).content.decode()
    client.post(_create_url(workshop), _visitor_data())
    assert not Registration.objects.exists()


def test_draft_workshop_has_no_registration(client):
    """An unpublished workshop answers 404 on the registration form."""
    workshop = factories.WorkshopFactory(status=Workshop.Status.DRAFT, registration_open=True)
    assert client.get(_create_url(workshop)).status_code == 404


def test_forged_confirmation_link_is_refused(client):
    """A forged confirmation link gets a clear page with status 400 and changes nothing."""
    registration = factories.RegistrationFactory(status="pending")
    token = tokens.make_confirmation_token(registration)
    response = client.get(reverse("workshops:registration-confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "Länken är inte giltig" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "pending"


def test_expired_confirmation_link_is_refused(client):
    """A confirmation link older than three days gets the expired page with status 400."""
    registration = factories.RegistrationFactory(status="pending")
    token = tokens.make_confirmation_token(registration)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        response = client.get(reverse("workshops:registration-confirm", args=[token]))
    assert response.status_code == 400
    assert "Bekräftelselänken har gått ut" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "pending"


@pytest.mark.parametrize("name", ["registration-detail", "registration-cancel", "registration-ics"])
def test_forged_personal_link_is_refused(client, name):
    """A personal link that was tampered with, or signed for another purpose, gets a clear 400 page."""
    registration = factories.RegistrationFactory()
    for token in (tokens.make_manage_token(registration) + "x", tokens.make_confirmation_token(registration)):
        response = client.get(reverse(f"workshops:{name}", args=[token]))
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.content.decode()


def test_cancel_link_has_expired_once_the_workshop_has_started(client):
    """After the workshop has started the cancel link is refused with the expired page."""
    registration = factories.RegistrationFactory()
    url = reverse("workshops:registration-cancel", args=[tokens.make_manage_token(registration)])
    with time_machine.travel(registration.workshop.starts_at + datetime.timedelta(minutes=1)):
        response = client.post(url)
    assert response.status_code == 400
    assert "Träffen har redan börjat" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancel_asks_first_and_cancels_on_post(client):
    """GET shows a question with a form; only the POST cancels."""
    registration = factories.RegistrationFactory()
    url = reverse("workshops:registration-cancel", args=[tokens.make_manage_token(registration)])
    assert "Ja, avboka min anmälan" in client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_calendar_download_is_a_parsable_ics_file(client):
    """The calendar link downloads an .ics file for the person's seat."""
    registration = factories.RegistrationFactory()
    response = client.get(
        reverse("workshops:registration-ics", args=[tokens.make_manage_token(registration)])
    )
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].endswith('.ics"')
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == registration.workshop.starts_at.replace(microsecond=0)


def test_calendar_download_needs_a_seat(client):
    """Someone on the waiting list gets no calendar file yet."""
    registration = factories.RegistrationFactory(status="waitlisted")
    url = reverse("workshops:registration-ics", args=[tokens.make_manage_token(registration)])
    assert client.get(url).status_code == 404


def test_staff_list_shows_needs_by_group_and_the_waiting_list_in_order(client_for, staff, open_workshop):
    """The staff list shows seated people by table group with their needs, the waiting list
    in queue order, and the unconfirmed separately; cancelled people are left out."""
    group = factories.DiscussionGroupFactory(workshop=open_workshop, name="Bord Ett")
    now = timezone.now()
    factories.RegistrationFactory(
        workshop=open_workshop, name="Anna", preferred_group=group, dietary_needs="Glutenfritt"
    )
    factories.RegistrationFactory(workshop=open_workshop, name="Bo", accessibility_needs="Rullstol")
    factories.RegistrationFactory(
        workshop=open_workshop,
        name="Östen Sist",
        status="waitlisted",
        queued_at=now + datetime.timedelta(hours=1),
    )
    factories.RegistrationFactory(
        workshop=open_workshop, name="Ärla Först", status="waitlisted", queued_at=now
    )
    factories.RegistrationFactory(workshop=open_workshop, name="Pia Obekräftad", status="pending")
    factories.RegistrationFactory(workshop=open_workshop, name="Cecilia", status="cancelled")
    response = client_for(staff).get(reverse("workshops:registration-list", args=[open_workshop.slug]))
    page = response.content.decode()
    assert "Bord Ett" in page and "Ingen bordsgrupp vald" in page
    assert "Glutenfritt" in page and "Rullstol" in page
    assert [r.name for r in response.context["waiting"]] == ["Ärla Först", "Östen Sist"]
    assert page.index("Ärla Först") < page.index("Östen Sist")
    assert [r.name for r in response.context["pending"]] == ["Pia Obekräftad"]
    assert "Cecilia" not in page


def test_check_in_sheet_is_printable(client_for, staff, open_workshop):
    """The sheet lists people with seats and loads the print styles."""
    factories.RegistrationFactory(workshop=open_workshop, name="Anna", dietary_needs="Glutenfritt")
    factories.RegistrationFactory(workshop=open_workshop, name="Bertil", status="waitlisted")
    page = (
        client_for(staff)
        .get(reverse("workshops:registration-sheet", args=[open_workshop.slug]))
        .content.decode()
    )
    assert "Anna" in page and "Glutenfritt" in page and "Bertil" not in page
    assert "workshops/css/registration.css" in page


def test_door_check_in_marks_attendance_and_returns_to_the_person(client_for, staff, open_workshop):
    """One POST per person checks them in, records the participation and returns to their row."""
    registration = factories.RegistrationFactory(workshop=open_workshop, name="Anna")
    client = client_for(staff)
    door = client.get(reverse("workshops:registration-door", args=[open_workshop.slug])).content.decode()
    url = reverse("workshops:registration-check-in", args=[open_workshop.slug, registration.pk])
    assert f'action="{url}"' in door
    response = client.post(url)
    assert response.url.endswith(f"#registration-{registration.pk}")
    assert Participation.objects.get(workshop=open_workshop).attended is True
    client.post(url, {"undo": "1"})
    assert Participation.objects.get(workshop=open_workshop).attended is False


def test_check_in_of_another_workshops_registration_is_404(client_for, staff, open_workshop):
    """The check-in URL only accepts registrations of the workshop in the URL."""
    other = factories.RegistrationFactory()
    url = reverse("workshops:registration-check-in", args=[open_workshop.slug, other.pk])
    assert client_for(staff).post(url).status_code == 404


def _fill(workshop, count):
    groups = [factories.DiscussionGroupFactory(workshop=workshop) for _ in range(3)]
    for index in range(count):
        factories.RegistrationFactory(
            workshop=workshop,
            preferred_group=groups[index % 4] if index % 4 < 3 else None,
            status="waitlisted" if index % 5 == 0 else "confirmed",
            checked_in_at=timezone.now() if index % 7 == 0 else None,
        )


# session, user, roles (for has_perm and the context processor), site settings, and the
# moderation queue count that the site frame shows staff
SIGNED_IN = 5


@pytest.mark.parametrize("count", [10, 300])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # + workshop, registrations, counts
        ("registration-list", SIGNED_IN + 3),
        # + workshop, registrations
        ("registration-sheet", SIGNED_IN + 2),
        # + workshop, seated, waitlisted, counts
        ("registration-door", SIGNED_IN + 4),
    ],
)
def test_staff_pages_query_count_is_constant(
    client_for, staff, django_assert_num_queries, name, queries, count
):
    """The staff lists run the same number of queries with 10 and with 300 registrations."""
    workshop = factories.WorkshopFactory(capacity=400)
    _fill(workshop, count)
    client = client_for(staff)
    url = reverse(f"workshops:{name}", args=[workshop.slug])
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 300])
def test_personal_registration_page_query_count_is_constant(client, django_assert_num_queries, count):
    """The registrant's page runs the same queries however many others have registered."""
    workshop = factories.WorkshopFactory(capacity=400)
    _fill(workshop, count)
    registration = factories.RegistrationFactory(workshop=workshop)
    url = reverse("workshops:registration-detail", args=[tokens.make_manage_token(registration)])
    # site settings, registration with workshop and group
    with django_assert_num_queries(2):
        response = client.get(url)
    assert re.search("Plats bekräftad", response.content.decode())


@pytest.mark.parametrize("count", [10, 300])
def test_workshop_page_seat_count_costs_no_extra_query(client, count):
    """Seats left are counted in the workshop's own query, whatever the number of registrations."""
    workshop = factories.WorkshopFactory(capacity=400, registration_open=True)
    _fill(workshop, count)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(workshop.get_absolute_url()).content.decode()
    touching = [q["sql"] for q in captured.captured_queries if '"workshops_registration"' in q["sql"]]
    assert len(touching) == 1 and touching[0].startswith('SELECT "workshops_workshop"."id"')
    assert "platser kvar" in page
