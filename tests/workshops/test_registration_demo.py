"""The demo's registrations: a workshop with a few seats left and a full one with a waiting list."""

import pytest

from portal.demo import load_demo_users, load_demo_workshops
from workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db


def test_demo_has_open_registration_with_few_seats_left_and_a_waiting_list():
    """The upcoming dialogue meeting has a few seats left, the breakfast is full with people
    waiting in line, and loading the demo again changes no rows."""
    workshops = load_demo_workshops(load_demo_users())
    counts = Registration.objects.count()
    load_demo_workshops(load_demo_users())
    assert Registration.objects.count() == counts

    dialogue = Workshop.objects.with_seats_taken().get(pk=workshops["upcoming"].pk)
    assert dialogue.registration_is_open()
    assert 1 <= dialogue.seats_left <= 5
    breakfast = Workshop.objects.with_seats_taken().get(pk=workshops["procurement_breakfast"].pk)
    assert breakfast.registration_is_open()
    assert breakfast.seats_left == 0
    assert Registration.objects.waitlisted().filter(workshop=breakfast).count() == 3
    assert Registration.objects.filter(workshop=dialogue).exclude(dietary_needs="").exists()
