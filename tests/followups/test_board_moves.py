"""A colleague moves a card from the board with their own CSRF token, and the move shows on
everyone's next board."""

import re

import pytest
from django.test import Client

from followups.models import FollowUp
from tests import factories

pytestmark = pytest.mark.django_db


def _board(client, conference) -> str:
    return client.get(f"/uppfoljning/konferenser/{conference.slug}/tavla/").content.decode()


def _signed_in(user, *, enforce_csrf=False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client


def test_a_colleague_moves_a_card_from_the_board_with_their_own_token(conference, staff):
    followup = factories.FollowUpFactory(conference=conference, title="Kvällsöppet")
    colleague_user = factories.StaffFactory()
    first = _board(_signed_in(staff), conference)
    colleague = _signed_in(colleague_user, enforce_csrf=True)
    page = _board(colleague, conference)
    assert page.count("Kvällsöppet") == first.count("Kvällsöppet") >= 1
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
