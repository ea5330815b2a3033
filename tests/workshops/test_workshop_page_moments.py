"""The workshop page follows the clock (registration closing, the notes window ending) and
shows each reader what is theirs to do."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests import factories
from tests.feedback.summary_helpers import fast_published_summary

pytestmark = pytest.mark.django_db


def _main(client, workshop) -> str:
    page = client.get(workshop.get_absolute_url()).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_time_passing_a_moment_of_the_workshop_draws_it_afresh(client):
    """Registration closing and the notes window ending change the page without any write."""
    now = timezone.now()
    workshop = factories.WorkshopFactory(
        registration_open=True,
        registration_closes_at=now + datetime.timedelta(days=1),
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
        notes_open_until=now + datetime.timedelta(days=5),
    )
    assert "Anmäl dig" in _main(client, workshop)
    with time_machine.travel(now + datetime.timedelta(days=2)):
        assert "Anmäl dig" not in _main(client, workshop)
        assert "Anmälan är stängd" in _main(client, workshop)
        assert "Lämna en anteckning" in _main(client, workshop)
    with time_machine.travel(now + datetime.timedelta(days=6)):
        assert "Lämna en anteckning" not in _main(client, workshop)


def test_visitors_and_signed_in_users_never_share_a_page(client, client_for, business_owner, staff):
    workshop = factories.WorkshopFactory()
    fast_published_summary(workshop=workshop, theme_slug="samarbete", points=1, checker=staff)
    assert "Logga in" in _main(client, workshop)
    owner_page = _main(client_for(business_owner), workshop)
    assert "Varför håller du inte med?" in owner_page
    staff_page = _main(client_for(staff), workshop)
    assert "Skriv en sammanfattning av workshoppen" in staff_page
    assert "Skriv en sammanfattning av workshoppen" not in _main(client, workshop)
