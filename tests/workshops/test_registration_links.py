"""The personal links of a registration are the key, not a role. Which role may reach each
registration URL, and that a refused request changes nothing, is in the permission matrix
(tests/security/matrix.py)."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import ROLES
from workshops import tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(users):
    workshop = factories.WorkshopFactory(registration_open=True, capacity=10)
    registration = factories.RegistrationFactory(
        workshop=workshop, user=users["owner"], email=users["owner"].email, name="Karin"
    )
    return {"registration": registration, "manage": tokens.make_manage_token(registration)}


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
