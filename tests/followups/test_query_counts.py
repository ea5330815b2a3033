"""Exact query counts of the follow-up pages, equal at two data sizes."""

import re

import pytest
from django.utils import timezone

from followups.models import FeedbackNotice, FollowUp
from tests import factories

SIZES = [3, 30]
S = FollowUp.Status


def _followups(conference, n, *, author=None):
    staff = factories.StaffFactory()
    themes = [
        factories.theme(slug) for slug in ("service-och-leverans", "forstaelse-och-relation", "samarbete")
    ]
    statuses = [S.NEW, S.ON_AGENDA, S.DISCUSSED, S.DECIDED, S.FEEDBACK_PUBLISHED, S.DECLINED]
    followups = []
    for i in range(n):
        status = statuses[i % len(statuses)]
        followup = factories.FollowUpFactory(
            conference=conference,
            theme=themes[i % 3],
            responsible=staff,
            status=status,
            decision="Beslut" if status in (S.DECIDED, S.FEEDBACK_PUBLISHED) else "",
            feedback_text="Svar" if status == S.FEEDBACK_PUBLISHED else "",
            decline_reason="Skäl" if status == S.DECLINED else "",
            feedback_published_at=timezone.now() if status in FollowUp.ANSWERED else None,
        )
        followup.notes.add(*factories.NoteFactory.create_batch(2, author=author))
        followup.disagreements.add(
            factories.DisagreementFactory(author=author or factories.BusinessOwnerFactory())
        )
        followup.summary_points.add(factories.SummaryPointFactory())
        followups.append(followup)
    return followups


@pytest.fixture
def count_queries(django_assert_num_queries):
    """Assert the page takes ``expected`` queries and answer 200."""

    def run(client, url, expected):
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200
        return response

    return run


@pytest.mark.parametrize("size", SIZES)
def test_board_query_count(conference, staff, client_for, count_queries, size):
    """The staff board: session, user, roles, site settings, inbox count, conference,
    follow-ups (the window of counts, the promise counts, the cards shown); the same for a
    colleague."""
    _followups(conference, size)
    client, colleague = client_for(staff), client_for(factories.StaffFactory())
    response = count_queries(client, f"/uppfoljning/konferenser/{conference.slug}/tavla/", 9)
    count_queries(colleague, f"/uppfoljning/konferenser/{conference.slug}/tavla/", 9)
    assert response.content.decode().count('name="to_status"') == sum(
        1 for f in FollowUp.objects.all() if f.allowed_moves
    )


@pytest.mark.parametrize("size", SIZES)
def test_conference_page_query_count(conference, client_for, count_queries, size):
    """The public conference page for a visitor: site settings, conference, workshops,
    follow-ups (the window of counts, the promise counts, the rows shown). A signed-in user's
    page adds the session, the user and their roles."""
    conference.workshops.add(factories.WorkshopFactory())
    _followups(conference, size)
    visitor = client_for(None)
    count_queries(visitor, conference.get_absolute_url(), 6)
    count_queries(client_for(factories.BusinessOwnerFactory()), conference.get_absolute_url(), 9)


@pytest.mark.parametrize("size", SIZES)
def test_my_influence_query_count(conference, business_owner, client_for, count_queries, size):
    """Mitt inflytande: session, user, roles, site settings, notices, both counts, two pages
    (the notes with their themes), the links from both to follow-ups (direct and through cited
    summary points) and the follow-ups."""
    followups = _followups(conference, size, author=business_owner)
    for followup in followups:
        point = followup.summary_points.first()
        point.notes.add(followup.notes.first())
        FeedbackNotice.objects.create(user=business_owner, followup=followup)
    client = client_for(business_owner)
    response = count_queries(client, "/uppfoljning/mitt-inflytande/", 11)
    assert followups[-1].title in response.content.decode()


def test_my_influence_list_follows_every_write_and_stays_personal(conference, business_owner, client_for):
    """One's list of inputs shows a new link, a follow-up's new status, a new note and a new
    notice at the next request, and never another person's inputs."""
    note = factories.NoteFactory(author=business_owner, text="Längre öppettider i receptionen")
    other = factories.BusinessOwnerFactory()
    factories.NoteFactory(author=other, text="Någon annans anteckning")
    mine, theirs = client_for(business_owner), client_for(other)

    def page(client):
        return client.get("/uppfoljning/mitt-inflytande/").content.decode()

    assert "Längre öppettider" in page(mine) and "Någon annans" not in page(mine)
    assert "Någon annans" in page(theirs) and "Längre öppettider" not in page(theirs)
    followup = factories.FollowUpFactory(conference=conference, title="Öppettider")
    followup.notes.add(note)
    assert "Öppettider</a>" in page(mine)
    FollowUp.objects.filter(pk=followup.pk).update(status=FollowUp.Status.ON_AGENDA)
    assert "På dagordningen" in page(mine)
    factories.NoteFactory(author=business_owner, text="Fler parkeringar")
    assert "Fler parkeringar" in page(mine)
    FeedbackNotice.objects.create(user=business_owner, followup=followup)
    assert "Nytt:" in page(mine)


def test_followups_fed_by_each_input_in_order_each_once(conference, business_owner):
    """Direct links, links through a summary point citing the note, and disagreements' links,
    each follow-up once per input, in conference and agenda order; unlinked inputs are absent."""
    from followups import selectors

    older = factories.ConferenceFactory(year=conference.year - 1)
    note, cited, alone = factories.NoteFactory.create_batch(3, author=business_owner)
    disagreement = factories.DisagreementFactory(author=business_owner)
    late = factories.FollowUpFactory(conference=conference, title="B")
    early = factories.FollowUpFactory(conference=older, title="A")
    point = factories.SummaryPointFactory()
    point.notes.add(note, cited)
    late.notes.add(note)
    late.summary_points.add(point)  # note reaches "late" twice: listed once
    early.summary_points.add(point)
    late.disagreements.add(disagreement)
    by_note, by_disagreement = selectors.followups_fed_by(
        notes=[note, cited, alone], disagreements=[disagreement]
    )
    assert by_note == {note.pk: [early, late], cited.pk: [early, late]}
    assert by_disagreement == {disagreement.pk: [late]}
    assert by_note[note.pk][1].promise == FollowUp.Promise.PENDING


@pytest.mark.parametrize("size", SIZES)
def test_triage_query_count(staff, client_for, count_queries, size):
    """The inbox: session, user, roles, site settings, the nav count, the two counts, two paged
    lists with their tags, and the choices of its selects (workshops, themes, topics,
    conferences, follow-ups offered)."""
    factories.NoteFactory.create_batch(size, topics=[factories.topic()])
    factories.DisagreementFactory.create_batch(size)
    client = client_for(staff)
    # 16, and one for the follow-ups suggestions could come from (none offered here; with
    # them, tests/followups/test_triage_suggestions.py).
    first = count_queries(client, "/uppfoljning/inkorg/", 17)
    assert first.context["notes"].paginator.count == size


def test_triage_counts_follow_every_write(staff, client_for, conference):
    """Linking, a new note, a hidden note, a tag and a withdrawn disagreement all show at once,
    with and without filters."""
    client = client_for(staff)

    def counts(query=""):
        context = client.get(f"/uppfoljning/inkorg/{query}").context
        return context["notes"].paginator.count, context["disagreements"].paginator.count

    notes = factories.NoteFactory.create_batch(3)
    disagreement = factories.DisagreementFactory()
    theme = factories.theme("samarbete")
    assert counts() == (3, 1)
    assert counts(f"?theme={theme.pk}") == (0, 0)
    followup = factories.FollowUpFactory(conference=conference)
    followup.notes.add(notes[0])
    assert counts() == (2, 1)
    factories.NoteFactory()
    assert counts() == (3, 1)
    type(notes[1]).objects.filter(pk=notes[1].pk).update(status="hidden")
    assert counts() == (2, 1)
    assert counts(f"?theme={theme.pk}") == (0, 0)
    notes[2].themes.add(theme)
    assert counts(f"?theme={theme.pk}") == (1, 0)
    type(disagreement).objects.filter(pk=disagreement.pk).update(status="withdrawn")
    assert counts() == (2, 0)


@pytest.mark.parametrize("size", SIZES)
def test_followup_page_query_count(conference, client_for, count_queries, size):
    """The public follow-up page: site settings, the follow-up, timeline, notes, themes, points."""
    followup = _followups(conference, 1)[0]
    followup.notes.add(*factories.NoteFactory.create_batch(size))
    followup.summary_points.add(*factories.SummaryPointFactory.create_batch(size))
    count_queries(client_for(None), followup.get_absolute_url(), 6)


@pytest.mark.parametrize("size", SIZES)
def test_manage_page_query_count(conference, staff, client_for, count_queries, size):
    """The staff follow-up page keeps a constant count however much is linked."""
    followup = _followups(conference, 1)[0]
    followup.notes.add(*factories.NoteFactory.create_batch(size))
    followup.disagreements.add(*factories.DisagreementFactory.create_batch(size))
    count_queries(client_for(staff), f"/uppfoljning/arenden/{followup.pk}/hantera/", 15)


@pytest.mark.parametrize("size", SIZES)
def test_conference_list_query_count(db, client_for, count_queries, size):
    """The public conference list: site settings, count, page."""
    for _ in range(size):
        factories.ConferenceFactory()
    count_queries(client_for(None), "/uppfoljning/", 3)


@pytest.mark.parametrize("size", [24, 60])
def test_capped_board_and_paged_pages_keep_their_query_counts(
    conference, staff, client_for, count_queries, size, monkeypatch
):
    """With small caps, the board's capped columns, one column in full page by page, and the
    conference page's later pages cost the same queries at both sizes, and every page shows
    at most its cap of follow-ups while the counts cover them all."""
    from followups import views

    monkeypatch.setattr(views, "BOARD_COLUMN_LIMIT", 2)
    monkeypatch.setattr(views, "BOARD_COLUMN_PER_PAGE", 3)
    monkeypatch.setattr(views, "AGENDA_PER_PAGE", 4)
    _followups(conference, size)
    staff_client = client_for(staff)
    board_url = f"/uppfoljning/konferenser/{conference.slug}/tavla/"
    board = count_queries(staff_client, board_url, 9).content.decode()
    per_status = size // 6
    assert len(re.findall(r"/arenden/\d+/hantera/", board)) == 6 * 2
    assert f'<span class="badge text-bg-secondary">{per_status}</span>' in board
    assert "?kolumn=new" in board
    column = count_queries(staff_client, f"{board_url}?kolumn=new&sida=2", 9).content.decode()
    assert len(re.findall(r"/arenden/\d+/hantera/", column)) == min(3, per_status - 3)
    assert "kolumn=new&amp;sida=1" in column
    page = count_queries(client_for(None), f"{conference.get_absolute_url()}?sida=2", 6).content.decode()
    assert page.count('<th scope="row">') == 4
