"""The public conference page follows the clock (the promised date passing) and shows staff
their board link, never visitors."""

import datetime

import pytest
import time_machine

from tests import factories

pytestmark = pytest.mark.django_db


def _main(client, conference) -> str:
    page = client.get(conference.get_absolute_url()).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_the_promised_date_passing_turns_open_follow_ups_overdue(conference, client):
    factories.FollowUpFactory(conference=conference)
    assert "Försenad</span> 0" in _main(client, conference)
    with time_machine.travel(conference.promised_feedback_date + datetime.timedelta(days=1)):
        assert "Försenad</span> 1" in _main(client, conference)


def test_signed_in_staff_see_their_board_link_and_visitors_never_do(conference, client, client_for, staff):
    board = f"/uppfoljning/konferenser/{conference.slug}/tavla/"
    assert board not in _main(client, conference)
    assert board in _main(client_for(staff), conference)
    assert board not in _main(client, conference)
