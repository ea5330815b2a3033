"""The board is the same for every staff member and cached under the data versions it reads;
its move forms carry each reader's own CSRF token, and every write shows at the next request."""

import re

import pytest
from django.test import Client

from aleforetag.accounts.models import User
from feedback.models import Theme
from followups import views
from followups.models import FollowUp
from tests import factories

pytestmark = pytest.mark.django_db


def _board(client, conference) -> str:
    return client.get(f"/uppfoljning/konferenser/{conference.slug}/tavla/").content.decode()


def _signed_in(user, *, enforce_csrf=False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client


def test_a_colleague_moves_a_card_from_the_cached_board_with_their_own_token(conference, staff):
    followup = factories.FollowUpFactory(conference=conference, title="Kvällsöppet")
    colleague_user = factories.StaffFactory()
    first = _board(_signed_in(staff), conference)
    colleague = _signed_in(colleague_user, enforce_csrf=True)
    page = _board(colleague, conference)
    assert page.count("Kvällsöppet") == first.count("Kvällsöppet") >= 1
    assert "csrf-" not in page  # the marker never reaches a reader
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert tokens and all(len(token) == 64 for token in tokens)
    response = colleague.post(
        f"/uppfoljning/arenden/{followup.pk}/flytta/",
        {
            "csrfmiddlewaretoken": tokens.pop(),
            "to_status": FollowUp.Status.ON_AGENDA,
            "version": followup.version,
            "next": "board",
        },
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == FollowUp.Status.ON_AGENDA
    # The move shows on everyone's next board: the card is in the agenda column now.
    board = _board(_signed_in(staff), conference)
    agenda = board[board.index('id="column-on_agenda"') : board.index('id="column-discussed"')]
    assert "Kvällsöppet" in agenda


def test_every_write_the_board_shows_reaches_the_next_request(conference, staff):
    followup = factories.FollowUpFactory(
        conference=conference, title="Kvällsöppet", responsible=staff, theme=factories.theme("samarbete")
    )
    client = _signed_in(staff)
    assert "Sara Tjänsteperson" in _board(client, conference)
    User.objects.filter(pk=staff.pk).update(full_name="Sara Ansvarig")
    assert "Sara Ansvarig" in _board(client, conference)
    Theme.objects.filter(slug="samarbete").update(name_sv="Samverkan")
    assert "Samverkan" in _board(client, conference)
    assert "0 anteckningar" in _board(client, conference)
    followup.notes.add(factories.NoteFactory())
    assert "1 anteckningar" in _board(client, conference)
    FollowUp.objects.filter(pk=followup.pk).update(title="Helgöppet")
    assert "Helgöppet" in _board(client, conference)
    type(conference).objects.filter(pk=conference.pk).update(title="Näringslivsrådet i Ale")
    assert "Näringslivsrådet i Ale" in _board(client, conference)


def test_every_table_the_board_reads_keeps_a_data_version():
    from aleforetag.core import pagecache

    assert pagecache.data_versions(views.BOARD_TABLES)
