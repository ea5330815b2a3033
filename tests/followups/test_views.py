import pytest
from django.utils import timezone

from aleforetag.core.models import AuditEntry
from followups import services
from followups.models import FeedbackNotice, FollowUp
from tests import factories

from .conftest import advance

S = FollowUp.Status


def test_board_groups_followups_by_status(conference, staff, client_for):
    """Each status is a column holding its follow-ups."""
    on_agenda = advance(
        services.followup_create(actor=staff, conference=conference, title="På agendan"),
        S.ON_AGENDA,
        actor=staff,
    )
    services.followup_create(actor=staff, conference=conference, title="Helt ny")
    page = client_for(staff).get(f"/uppfoljning/konferenser/{conference.slug}/tavla/").content.decode()
    agenda_column = page.split('id="column-on_agenda"')[1].split('id="column-discussed"')[0]
    assert on_agenda.title in agenda_column
    assert "Helt ny" not in agenda_column


def test_moving_on_the_board_is_a_plain_form_post(new_followup, staff, client_for):
    """The board's form moves a follow-up without JavaScript and returns to the board."""
    response = client_for(staff).post(
        f"/uppfoljning/arenden/{new_followup.pk}/flytta/",
        {"to_status": "on_agenda", "version": 1, "next": "board"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/tavla/")
    new_followup.refresh_from_db()
    assert new_followup.status == S.ON_AGENDA


def test_step_that_needs_a_text_asks_for_it_first(new_followup, staff, client_for):
    """Choosing "declined" on the board opens the page to write the reason; nothing moves yet."""
    response = client_for(staff).post(
        f"/uppfoljning/arenden/{new_followup.pk}/flytta/", {"to_status": "declined", "version": 1}
    )
    assert response.status_code == 200
    assert 'name="decline_reason"' in response.content.decode()
    new_followup.refresh_from_db()
    assert new_followup.status == S.NEW


def test_missing_text_gets_a_message_and_keeps_the_comment(new_followup, staff, client_for):
    """Submitting the decline page without a reason: message next to the field, comment kept."""
    response = client_for(staff).post(
        f"/uppfoljning/arenden/{new_followup.pk}/flytta/",
        {
            "to_status": "declined",
            "version": 1,
            "decline_reason": " ",
            "comment": "Min kommentar",
            "with_text": "1",
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Ange skälet till att ärendet avslås." in content
    assert "Min kommentar" in content
    new_followup.refresh_from_db()
    assert new_followup.status == S.NEW


def test_publishing_through_the_page_notifies_once(
    new_followup, staff, business_owner, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    """Publishing feedback through the move page e-mails the business owner once; a repeated
    post (double click) is refused and sends nothing more."""
    services.followup_link_inputs(
        actor=staff, followup=new_followup, notes=[factories.NoteFactory(author=business_owner)]
    )
    followup = advance(new_followup, S.DECIDED, actor=staff)
    client = client_for(staff)
    data = {
        "to_status": "feedback_published",
        "version": followup.version,
        "decision": followup.decision,
        "feedback_text": "Nu har vi kvällsöppet.",
        "with_text": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/uppfoljning/arenden/{followup.pk}/flytta/", data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/uppfoljning/arenden/{followup.pk}/flytta/", data).status_code == 400
    assert len(mailoutbox) == 1
    assert FeedbackNotice.objects.filter(user=business_owner).count() == 1


def test_concurrent_edit_is_refused_and_keeps_what_was_typed(new_followup, staff, other_staff, client_for):
    """Two staff open the same follow-up; the second save is refused with a message, the typed
    title is kept in the form and the first save stands."""
    first, second = client_for(staff), client_for(other_staff)
    base = {"conference": new_followup.conference.pk, "description": "", "theme": "", "responsible": ""}
    url = f"/uppfoljning/arenden/{new_followup.pk}/andra/"
    assert first.post(url, {**base, "title": "Första", "version": 1}).status_code == 302
    response = second.post(url, {**base, "title": "Andra", "version": 1})
    content = response.content.decode()
    assert "Någon annan ändrade ärendet" in content
    assert 'value="Andra"' in content
    new_followup.refresh_from_db()
    assert new_followup.title == "Första"
    assert AuditEntry.objects.filter(action="followup.update").count() == 1


def test_invalid_edit_keeps_the_input(new_followup, staff, client_for):
    """An empty title is refused next to the field; nothing is saved."""
    response = client_for(staff).post(
        f"/uppfoljning/arenden/{new_followup.pk}/andra/",
        {"conference": new_followup.conference.pk, "title": "", "description": "Kvar", "version": 1},
    )
    assert "Kvar" in response.content.decode()
    new_followup.refresh_from_db()
    assert new_followup.title == "Kvällsöppet"


def test_conference_create_defaults_the_promised_date(staff, client_for):
    """A conference created without a promised date gets 31 January of the next year."""
    response = client_for(staff).post(
        "/uppfoljning/konferenser/ny/",
        {
            "year": 2030,
            "title": "Konferens 2030",
            "slug": "konferens-2030",
            "starts_on": "2030-11-20",
            "ends_on": "2030-11-21",
            "place": "Ale",
            "description": "",
            "promised_feedback_date": "",
        },
    )
    assert response.status_code == 302
    from followups.models import Conference

    assert str(Conference.objects.get(year=2030).promised_feedback_date) == "2031-01-31"


def test_conference_page_shows_decisions_and_the_promise(conference, staff, client_for):
    """The public conference page lists the agenda with status, decision and whether the
    promise was kept."""
    followup = advance(
        services.followup_create(actor=staff, conference=conference, title="Nyhetsbrev"),
        S.FEEDBACK_PUBLISHED,
        actor=staff,
    )
    page = client_for(None).get(conference.get_absolute_url()).content.decode()
    assert "Nyhetsbrev" in page
    assert followup.decision in page
    assert "I tid" in page
    assert "Återkoppling publicerad" in page


def test_followup_page_shows_timeline_and_feedback(conference, staff, client_for):
    """The public follow-up page shows the feedback and every step of the timeline."""
    followup = advance(
        services.followup_create(actor=staff, conference=conference, title="Nyhetsbrev"),
        S.FEEDBACK_PUBLISHED,
        actor=staff,
    )
    page = client_for(None).get(followup.get_absolute_url()).content.decode()
    assert followup.feedback_text in page
    for step in ("På dagordningen", "Diskuterat", "Beslutat", "Återkoppling publicerad"):
        assert step in page


def test_my_influence_shows_where_each_note_went(conference, staff, business_owner, client_for):
    """Each note lists every follow-up it feeds with status, decision, dates and on time; a note
    in no follow-up says so; the notice is listed and can be marked read."""
    fed, waiting = factories.NoteFactory(author=business_owner), factories.NoteFactory(author=business_owner)
    followup = services.followup_create(actor=staff, conference=conference, title="Kvällsöppet", notes=[fed])
    followup = advance(followup, S.FEEDBACK_PUBLISHED, actor=staff)
    FeedbackNotice.objects.create(user=business_owner, followup=followup)
    client = client_for(business_owner)
    page = client.get("/uppfoljning/mitt-inflytande/").content.decode()
    assert fed.text in page and waiting.text in page
    assert "Kvällsöppet" in page and followup.decision in page and "I tid" in page
    assert "Inte i något ärende än" in page
    assert "Nytt:" in page
    assert client.post("/uppfoljning/mitt-inflytande/last/").status_code == 302
    assert FeedbackNotice.objects.get(user=business_owner).read_at is not None


def test_workshop_page_links_to_its_conference(conference, client_for):
    """The workshop page's "Detta händer nu" links to the conference its input goes to."""
    workshop = factories.WorkshopFactory()
    conference.workshops.add(workshop)
    page = client_for(None).get(f"/workshoppar/{workshop.slug}/").content.decode()
    assert "Detta händer nu" in page
    assert conference.get_absolute_url() in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_pages_render_in_both_languages(conference, staff, client_for, language):
    """The board renders in Swedish and English."""
    client = client_for(staff)
    client.cookies["django_language"] = language
    page = client.get(f"/uppfoljning/konferenser/{conference.slug}/tavla/").content.decode()
    assert ("Tavla" if language == "sv" else "Board") in page


def test_unlink_from_the_manage_page(new_followup, staff, client_for):
    """A wrongly linked note can be removed from the follow-up page."""
    note = factories.NoteFactory()
    services.followup_link_inputs(actor=staff, followup=new_followup, notes=[note])
    client_for(staff).post(
        f"/uppfoljning/arenden/{new_followup.pk}/koppla-bort/", {"kind": "note", "id": note.pk}
    )
    assert not new_followup.notes.exists()


def test_answer_texts_can_be_corrected_without_new_notices(new_followup, staff, client_for, mailoutbox):
    """Correcting published feedback saves the text and sends nothing."""
    followup = advance(new_followup, S.FEEDBACK_PUBLISHED, actor=staff)
    response = client_for(staff).post(
        f"/uppfoljning/arenden/{followup.pk}/svar/",
        {"decision": "Rättat beslut", "feedback_text": "Rättad återkoppling", "version": followup.version},
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.feedback_text == "Rättad återkoppling"
    assert followup.feedback_published_at < timezone.now()
    assert mailoutbox == []


@pytest.mark.parametrize("page", ["9" * 5000, "0", "-1", "abc"])
def test_an_odd_page_number_never_gives_a_500(client, conference, page):
    """A page number of thousands of digits, zero, negative or no number at all: the page
    answers without an error (the first page, or 404 past the last)."""
    response = client.get(conference.get_absolute_url(), {"sida": page})
    assert response.status_code in {200, 404}
