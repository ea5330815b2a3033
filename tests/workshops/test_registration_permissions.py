"""Every registration URL against every role: who gets the page, who is sent to sign in,
who is refused."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import ROLES
from workshops import tokens

pytestmark = pytest.mark.django_db

LOGIN = "login"


@pytest.fixture
def setup(users):
    workshop = factories.WorkshopFactory(registration_open=True, capacity=10)
    registration = factories.RegistrationFactory(
        workshop=workshop, user=users["owner"], email=users["owner"].email, name="Karin"
    )
    return {
        "workshop": workshop,
        "registration": registration,
        "manage": tokens.make_manage_token(registration),
        "confirm": tokens.make_confirmation_token(registration),
    }


# Public pages: the same answer for every role (the personal links are the key).
PUBLIC = {
    "registration-create": (lambda s: [s["workshop"].slug], 200),
    "registration-sent": (lambda s: [s["workshop"].slug], 200),
    "registration-detail": (lambda s: [s["manage"]], 200),
    "registration-ics": (lambda s: [s["manage"]], 200),
    "registration-cancel": (lambda s: [s["manage"]], 200),
    "registration-confirm": (lambda s: [s["confirm"]], 302),
}

# Staff pages: sign-in for anonymous, 403 for other roles.
STAFF_ONLY = ["registration-list", "registration-sheet", "registration-door"]
STAFF_EXPECTED = {
    "anonymous": LOGIN,
    "owner": 403,
    "other_owner": 403,
    "staff": 200,
    "politician": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_registration_pages_answer_every_role(client_for, users, setup, role, name):
    """The registration form and the e-mailed links work for anyone; a signed-in owner who
    is registered already is sent from the form to their registration."""
    args, expected = PUBLIC[name]
    response = client_for(users[role]).get(reverse(f"workshops:{name}", args=args(setup)))
    if name == "registration-create" and role == "owner":
        expected = 302
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", STAFF_ONLY)
def test_staff_registration_pages_are_for_staff_only(client_for, users, setup, role, name):
    """Registration lists show needs: staff and admins only; anonymous users are sent to sign in."""
    response = client_for(users[role]).get(reverse(f"workshops:{name}", args=[setup["workshop"].slug]))
    _assert(response, STAFF_EXPECTED[role])


@pytest.mark.parametrize("role", ROLES)
def test_check_in_is_for_staff_only(client_for, users, setup, role):
    """Only staff and admins can check users in; nobody else changes the registration."""
    url = reverse("workshops:registration-check-in", args=[setup["workshop"].slug, setup["registration"].pk])
    response = client_for(users[role]).post(url)
    _assert(response, 302 if STAFF_EXPECTED[role] == 200 else STAFF_EXPECTED[role])
    setup["registration"].refresh_from_db()
    assert (setup["registration"].checked_in_at is not None) == (STAFF_EXPECTED[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_filling_seats_from_the_waiting_list_is_for_staff_only(client_for, users, setup, role):
    """Only staff and admins can hand free seats to the waiting list."""
    waiting = factories.RegistrationFactory(workshop=setup["workshop"], status="waitlisted")
    response = client_for(users[role]).post(
        reverse("workshops:registration-fill", args=[setup["workshop"].slug])
    )
    _assert(response, 302 if STAFF_EXPECTED[role] == 200 else STAFF_EXPECTED[role])
    waiting.refresh_from_db()
    assert (waiting.status == "confirmed") == (STAFF_EXPECTED[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_cancelling_needs_the_personal_link_not_a_role(client_for, users, setup, role):
    """Anyone holding the personal link can cancel; a forged link cancels nothing whoever sends it."""
    client = client_for(users[role])
    forged = client.post(reverse("workshops:registration-cancel", args=[setup["manage"] + "x"]))
    assert forged.status_code == 400
    setup["registration"].refresh_from_db()
    assert setup["registration"].status == "confirmed"
    response = client.post(reverse("workshops:registration-cancel", args=[setup["manage"]]))
    assert response.status_code == 302
    setup["registration"].refresh_from_db()
    assert setup["registration"].status == "cancelled"


@pytest.mark.parametrize("role", ROLES)
def test_registering_is_open_to_every_role(client_for, users, role):
    """Visitors and signed-in users of every role can register for an open workshop."""
    workshop = factories.WorkshopFactory(registration_open=True, capacity=10)
    data = {
        "name": "Vera Besökare",
        "email": "vera@example.se",
        "dietary_needs": "",
        "accessibility_needs": "",
    }
    response = client_for(users[role]).post(
        reverse("workshops:registration-create", args=[workshop.slug]), data
    )
    assert response.status_code == 302
    assert workshop.registrations.count() == 1


def _assert(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected
