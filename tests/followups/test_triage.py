import html
import re

import pytest
from django.utils import timezone

from feedback.models import Disagreement, Note
from followups import selectors, services
from followups.models import FollowUp
from tests import factories


@pytest.fixture
def inputs(db, workshop):
    notes = factories.NoteFactory.create_batch(3, workshop=workshop)
    disagreement = factories.DisagreementFactory(point__summary__workshop=workshop)
    return notes, disagreement


def test_inbox_holds_published_notes_and_open_disagreements(inputs):
    """Every published note and every non-withdrawn disagreement not in a follow-up is listed;
    pending, hidden and withdrawn notes and withdrawn disagreements are not."""
    notes, disagreement = inputs
    factories.NoteFactory(status=Note.Status.PENDING)
    factories.NoteFactory(status=Note.Status.WITHDRAWN)
    factories.DisagreementFactory(status=Disagreement.Status.WITHDRAWN)
    assert list(selectors.triage_notes()) == notes
    assert list(selectors.triage_disagreements()) == [disagreement]
    assert selectors.triage_count() == 4


def test_inbox_empties_as_inputs_are_linked(inputs, conference, staff):
    """Linking notes and the disagreement (or creating a follow-up from them) takes them out of
    the inbox, and the disagreement moves to "taken into a follow-up"."""
    notes, disagreement = inputs
    followup = services.followup_create(actor=staff, conference=conference, title="Första", notes=notes[:1])
    assert selectors.triage_count() == 3
    services.followup_link_inputs(
        actor=staff, followup=followup, notes=notes[1:], disagreements=[disagreement]
    )
    assert selectors.triage_count() == 0
    assert list(selectors.triage_notes()) == []
    disagreement.refresh_from_db()
    assert disagreement.status == Disagreement.Status.IN_FOLLOWUP


def test_note_cited_by_a_linked_summary_point_is_taken_care_of(conference, staff):
    """A note the linked summary point rests on no longer waits in the inbox."""
    note = factories.NoteFactory()
    point = factories.SummaryPointFactory()
    point.notes.add(note)
    followup = services.followup_create(actor=staff, conference=conference, title="Via punkt")
    services.followup_link_inputs(actor=staff, followup=followup, summary_points=[point])
    assert note not in selectors.triage_notes()


def test_unlinking_returns_the_disagreement_to_the_inbox(inputs, conference, staff):
    """Removing a wrong link puts the disagreement back in the inbox, open again."""
    _notes, disagreement = inputs
    followup = services.followup_create(
        actor=staff, conference=conference, title="Fel", disagreements=[disagreement]
    )
    services.followup_unlink_input(actor=staff, followup=followup, disagreement=disagreement)
    disagreement.refresh_from_db()
    assert disagreement.status == Disagreement.Status.OPEN
    assert disagreement in selectors.triage_disagreements()


def test_inbox_filters_by_workshop_theme_and_topic(db):
    """The filters narrow both lists."""
    service, relation = factories.theme("service-och-leverans"), factories.theme("forstaelse-och-relation")
    hours = factories.topic("oppettider")
    first = factories.NoteFactory(themes=[service], topics=[hours])
    second = factories.NoteFactory(themes=[relation])
    assert list(selectors.triage_notes(workshop=first.workshop)) == [first]
    assert list(selectors.triage_notes(theme=relation)) == [second]
    assert list(selectors.triage_notes(topic=hours)) == [first]
    on_service = factories.DisagreementFactory(point__summary__theme=service)
    factories.DisagreementFactory(point__summary__theme=relation)
    assert list(selectors.triage_disagreements(theme=service)) == [on_service]
    assert list(selectors.triage_disagreements(workshop=on_service.point.summary.workshop)) == [on_service]
    on_service.point.notes.add(first)
    assert list(selectors.triage_disagreements(topic=hours)) == [on_service]


def test_inbox_count_is_one_query(inputs, django_assert_num_queries):
    """The count in the staff navigation costs a single COUNT query."""
    with django_assert_num_queries(1):
        assert selectors.triage_count() == 4


def test_bulk_link_from_the_inbox_page(inputs, conference, staff, client_for):
    """Ticking inputs and choosing a follow-up links them all in one form post."""
    notes, disagreement = inputs
    followup = services.followup_create(actor=staff, conference=conference, title="Mål")
    response = client_for(staff).post(
        "/uppfoljning/inkorg/koppla/",
        {"followup": followup.pk, "notes": [n.pk for n in notes], "disagreements": [disagreement.pk]},
    )
    assert response.status_code == 302
    assert set(followup.notes.all()) == set(notes)
    assert list(followup.disagreements.all()) == [disagreement]


def test_bulk_link_without_ticks_says_so_and_changes_nothing(inputs, conference, staff, client_for):
    """Nothing ticked: a clear message, no link made."""
    followup = services.followup_create(actor=staff, conference=conference, title="Mål")
    response = client_for(staff).post("/uppfoljning/inkorg/koppla/", {"followup": followup.pk})
    assert response.status_code == 400
    assert "Kryssa i minst en anteckning eller invändning." in response.content.decode()
    assert not followup.notes.exists()


def test_new_followup_from_ticked_inputs(inputs, conference, staff, client_for):
    """ "New follow-up from these" opens the form with the ticked inputs; saving creates the
    follow-up with them linked."""
    notes, disagreement = inputs
    client = client_for(staff)
    data = {"notes": [notes[0].pk, notes[1].pk], "disagreements": [disagreement.pk]}
    page = client.post("/uppfoljning/arenden/ny/", {**data, "from_inbox": "1"})
    assert page.status_code == 200
    assert notes[0].text in page.content.decode()
    response = client.post(
        "/uppfoljning/arenden/ny/",
        {**data, "conference": conference.pk, "title": "Öppettider", "description": ""},
    )
    assert response.status_code == 302
    followup = conference.followups.get(title="Öppettider")
    assert set(followup.notes.all()) == set(notes[:2])
    assert selectors.triage_count() == 1


def test_nav_shows_the_inbox_count_to_staff_only(inputs, staff, business_owner, client_for):
    """Staff see the inbox and its count in the navigation; business owners see Mitt inflytande."""
    staff_page = client_for(staff).get("/uppfoljning/").content.decode()
    assert "/uppfoljning/inkorg/" in staff_page
    assert '4<span class="visually-hidden">' in staff_page
    owner_page = client_for(business_owner).get("/uppfoljning/").content.decode()
    assert "/uppfoljning/inkorg/" not in owner_page
    assert "/uppfoljning/mitt-inflytande/" in owner_page


def test_inbox_select_offers_open_followups_of_recent_conferences(inputs, conference, staff, client_for):
    """The inbox's follow-up select lists the open follow-ups of conferences whose promised date
    is at most a year past; choosing a conference in the filter lists all of its follow-ups, and
    a follow-up left out of the short list can still be linked to."""
    notes, _disagreement = inputs
    open_now = factories.FollowUpFactory(conference=conference, title="Öppet i år")
    answered = factories.FollowUpFactory(
        conference=conference,
        title="Avböjt",
        status=FollowUp.Status.DECLINED,
        decline_reason="Utanför kommunens ansvar",
        feedback_published_at=timezone.now(),
    )
    old_conference = factories.ConferenceFactory(year=conference.year - 5)
    old_open = factories.FollowUpFactory(conference=old_conference, title="Gammalt öppet")
    client = client_for(staff)

    offered = _offered(client.get("/uppfoljning/inkorg/"))
    assert offered == [(str(open_now.pk), f"{conference.year}: Öppet i år")]

    page = client.get("/uppfoljning/inkorg/", {"conference": old_conference.pk})
    assert _offered(page) == [(str(old_open.pk), f"{old_conference.year}: Gammalt öppet")]
    assert list(page.context["notes"]) == notes

    response = client.post("/uppfoljning/inkorg/koppla/", {"followup": old_open.pk, "notes": [notes[0].pk]})
    assert response.status_code == 302
    assert list(old_open.notes.all()) == [notes[0]]
    assert str(answered.pk) not in dict(offered)
    # The select is cached; a new open follow-up is offered at the next request.
    added = factories.FollowUpFactory(conference=conference, title="Nytt i år")
    assert (str(added.pk), f"{conference.year}: Nytt i år") in _offered(client.get("/uppfoljning/inkorg/"))


def _offered(response) -> list[tuple[str, str]]:
    """The follow-ups the inbox's link select offers, as (value, label), the empty choice left out."""
    page = response.content.decode()
    start = page.index('<select name="followup"')
    select = page[start : page.index("</select>", start)]
    return [
        (value, html.unescape(label))
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
        if value
    ]


@pytest.mark.django_db
def test_inbox_badge_counts_in_one_query_and_follows_every_write(django_assert_num_queries):
    """The navigation's count is one query, and any write that changes what waits (a new
    note, a link made or removed, a queryset update) shows in the very next count; it stops
    counting at its limit."""
    limit = 100
    notes = [factories.NoteFactory() for _ in range(3)]
    with django_assert_num_queries(1):
        assert selectors.triage_count(limit=limit) == 3
    factories.NoteFactory()
    assert selectors.triage_count(limit=limit) == 4
    followup = factories.FollowUpFactory()
    followup.notes.add(notes[0])
    assert selectors.triage_count(limit=limit) == 3
    followup.notes.remove(notes[0])
    assert selectors.triage_count(limit=limit) == 4
    point = factories.SummaryPointFactory()
    point.notes.add(notes[1])
    assert selectors.triage_count(limit=limit) == 4
    followup.summary_points.add(point)
    assert selectors.triage_count(limit=limit) == 3
    Note.objects.filter(pk=notes[2].pk).update(status=Note.Status.PENDING)
    assert selectors.triage_count(limit=limit) == 2
    assert selectors.triage_count(limit=2) == 2
    assert selectors.triage_count(limit=1) == 1
