"""The public conference page is cached for visitors under the data versions of every table it
reads and the date: each kind of write it shows, and the promised date passing, shows at the
next request."""

import datetime

import pytest
import time_machine

from aleforetag.core import pagecache
from feedback.models import Theme
from followups import views
from followups.models import Conference, FollowUp
from tests import factories
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _main(client, conference) -> str:
    page = client.get(conference.get_absolute_url()).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_every_write_the_page_shows_reaches_the_next_visitor(conference, client, django_assert_num_queries):
    followup = factories.FollowUpFactory(
        conference=conference, title="Snabbare bygglov", theme=factories.theme("samarbete")
    )
    assert "Snabbare bygglov" in _main(client, conference)
    with django_assert_num_queries(2):  # served from the cache: data versions, the frame
        _main(client, conference)

    FollowUp.objects.filter(pk=followup.pk).update(title="Enklare bygglov", decision="Ny handläggare")
    page = _main(client, conference)
    assert "Enklare bygglov" in page and "Ny handläggare" in page
    factories.FollowUpFactory(conference=conference, title="Fler upphandlingsträffar")
    assert "Fler upphandlingsträffar" in _main(client, conference)
    Theme.objects.filter(slug="samarbete").update(name_sv="Samverkan")
    assert "Samverkan" in _main(client, conference)
    workshop = factories.WorkshopFactory(title="Lunch med kommunstyrelsen")
    assert "Lunch med kommunstyrelsen" not in _main(client, conference)
    conference.workshops.add(workshop)  # the m2m table
    assert "Lunch med kommunstyrelsen" in _main(client, conference)
    Workshop.objects.filter(pk=workshop.pk).update(title="Frukost med kommunstyrelsen")
    assert "Frukost med kommunstyrelsen" in _main(client, conference)
    Conference.objects.filter(pk=conference.pk).update(place="Ale gymnasium")
    assert "Ale gymnasium" in _main(client, conference)


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


def test_every_table_the_page_reads_keeps_a_data_version():
    assert pagecache.data_versions(views.CONFERENCE_PAGE_TABLES)
