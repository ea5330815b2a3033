"""Follow-ups suggested in the triage inbox: from the input's words against each follow-up's
title, description and linked inputs; linked only when staff press the suggestion."""

import pytest
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback.labelled_notes import CLUSTERS
from feedback.models import Disagreement
from followups import suggestions
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def matters(conference):
    """The labelled set's fourteen follow-ups, each with its first three notes linked."""
    followups = {}
    for key, _theme, _topic, title, description, notes in CLUSTERS:
        followup = factories.FollowUpFactory(conference=conference, title=title, description=description)
        followup.notes.add(*[factories.NoteFactory(text=text) for text in notes[:3]])
        followups[key] = followup
    return followups


def test_a_waiting_note_is_offered_the_follow_up_it_belongs_to(matters, client_for, staff):
    """A note about evening opening hours gets "Kvällsöppet…" first among at most three; a
    disagreement about the contact centre gets the contact-centre follow-up. Drawing the inbox
    links nothing."""
    note = factories.NoteFactory(text="Ni borde ha öppet på kvällen, bygglov stänger för tidigt.")
    disagreement = factories.DisagreementFactory(text="Kontaktcenter kopplar fortfarande runt oss.")
    links = (note.followups.count(), disagreement.followups.count(), AuditEntry.objects.count())
    response = client_for(staff).get(reverse("followups:triage"))
    [shown_note] = [item for item in response.context["notes"] if item.pk == note.pk]
    [shown_disagreement] = response.context["disagreements"]
    assert shown_note.suggested_followups[0] == matters["kvallsoppet"]
    assert len(shown_note.suggested_followups) <= 3
    assert shown_disagreement.suggested_followups[0] == matters["kontaktcenter"]
    assert (note.followups.count(), disagreement.followups.count(), AuditEntry.objects.count()) == links
    assert f'value="note:{note.pk}:{matters["kvallsoppet"].pk}"' in response.content.decode()


def test_one_press_links_that_input_only(matters, client_for, staff):
    """The suggestion's button links the one input to the one follow-up (audit-logged, the
    disagreement taken in), and returns to the inbox as it was."""
    note = factories.NoteFactory(text="Kvällsöppet på bygglov!")
    other = factories.NoteFactory(text="Kvällsöppet på miljö!")
    disagreement = factories.DisagreementFactory(text="Kontaktcenter svarar inte.")
    client = client_for(staff)
    back = reverse("followups:triage") + "?sida=1"
    response = client.post(
        reverse("followups:triage-link-suggested"),
        {"suggestion": f"note:{note.pk}:{matters['kvallsoppet'].pk}", "return_to": back, "notes": [other.pk]},
    )
    assert response.status_code == 302 and response["Location"] == back
    assert list(note.followups.all()) == [matters["kvallsoppet"]]
    assert not other.followups.exists()
    assert AuditEntry.objects.filter(action="followup.link").count() == 1
    client.post(
        reverse("followups:triage-link-suggested"),
        {"suggestion": f"disagreement:{disagreement.pk}:{matters['kontaktcenter'].pk}"},
    )
    disagreement.refresh_from_db()
    assert list(disagreement.followups.all()) == [matters["kontaktcenter"]]
    assert disagreement.status == Disagreement.Status.IN_FOLLOWUP


@pytest.mark.parametrize("value", ["", "note", "note:x:1", "summary:1:1", "note:1", "note:-1:2"])
def test_a_bad_suggestion_links_nothing(matters, client_for, staff, value):
    """A value that does not name an input and a follow-up: a message, nothing linked."""
    factories.NoteFactory(text="Kvällsöppet!")
    before = sum(f.notes.count() for f in matters.values())
    response = client_for(staff).post(reverse("followups:triage-link-suggested"), {"suggestion": value})
    assert response.status_code == 302
    assert sum(f.notes.count() for f in matters.values()) == before


def test_an_unknown_input_or_follow_up_is_404(matters, client_for, staff):
    """Ids that do not exist: 404, nothing linked."""
    note = factories.NoteFactory(text="Kvällsöppet!")
    client = client_for(staff)
    url = reverse("followups:triage-link-suggested")
    assert client.post(url, {"suggestion": f"note:999999:{matters['kvallsoppet'].pk}"}).status_code == 404
    assert client.post(url, {"suggestion": f"note:{note.pk}:999999"}).status_code == 404
    assert not note.followups.exists()


def test_nothing_offered_nothing_suggested(client_for, staff):
    """Without follow-ups to offer, inputs get no suggestions (and the page still draws)."""
    factories.NoteFactory(text="Kvällsöppet!")
    response = client_for(staff).get(reverse("followups:triage"))
    assert [item.suggested_followups for item in response.context["notes"]] == [[]]


def test_follow_up_documents_read_title_description_and_linked_inputs(matters):
    """A follow-up's words are its own and its linked notes' (five queries for all)."""
    followup = matters["foretagslots"]
    documents = suggestions.followup_documents([followup])
    assert {"företagslots", "verkstad", "behåll"} <= documents[followup.pk]


@pytest.mark.parametrize("size", [3, 30])
def test_inbox_with_suggestions_query_count(
    matters, conference, client_for, staff, django_assert_num_queries, size
):
    """The inbox with follow-ups offered: its own 16 queries (tests/followups/
    test_query_counts.py) and the suggestions' 8, at 3 and 30 waiting inputs of each kind and
    with more follow-ups and links."""
    for number in range(size):
        factories.NoteFactory(text=f"Kvällsöppet på bygglov {number}")
        factories.DisagreementFactory(text=f"Kontaktcenter svarar inte {number}")
        extra = factories.FollowUpFactory(conference=conference, title=f"Ärende {number}")
        extra.notes.add(factories.NoteFactory(text=f"Länkad {number}"))
    client = client_for(staff)
    client.get(reverse("followups:triage"))
    with django_assert_num_queries(16 + 8):
        response = client.get(reverse("followups:triage"))
    assert all(len(item.suggested_followups) <= 3 for item in response.context["notes"])
