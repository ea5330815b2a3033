import datetime
import io

import pytest
from django.core.management import call_command

from aleforetag.accounts.models import User
from feedback.models import Note, Theme
from followups import selectors
from followups.models import Conference, FeedbackNotice, FollowUp, StatusChange


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, stdout=io.StringIO())
    return Conference.objects.get(year=2017)


def _counts():
    return (
        FollowUp.objects.count(),
        StatusChange.objects.count(),
        FeedbackNotice.objects.count(),
        FollowUp.notes.through.objects.count(),
        FollowUp.disagreements.through.objects.count(),
    )


def test_demo_conference_covers_every_theme_and_the_promise(demo):
    """The 2017 conference has follow-ups on every theme, answers before 31 January 2018 and
    one follow-up still overdue."""
    followups = list(FollowUp.objects.filter(conference=demo).with_promise())
    assert {f.theme_id for f in followups} == set(Theme.objects.values_list("pk", flat=True))
    assert demo.promised_feedback_date == datetime.date(2018, 1, 31)
    assert any(
        f.feedback_published_on and f.feedback_published_on < datetime.date(2018, 1, 31) for f in followups
    )
    assert [f.promise for f in followups].count(FollowUp.Promise.OVERDUE) == 1
    assert all(f.status_changes.exists() for f in followups)
    assert demo.workshops.filter(slug="lunch-med-kommunstyrelsen-2017").exists()


def test_demo_business_owners_notes_all_went_somewhere(demo, client):
    """Every note of the demo business owner feeds a follow-up and shows on Mitt inflytande."""
    owner = User.objects.get(email="foretagare@example.se")
    notes = list(Note.objects.filter(author=owner))
    assert notes
    mine = list(selectors.my_notes(user=owner))
    fed_by_note, _fed_by_disagreement = selectors.followups_fed_by(notes=mine, disagreements=[])
    assert all(fed_by_note.get(note.pk) for note in mine)
    client.force_login(owner)
    page = client.get("/uppfoljning/mitt-inflytande/").content.decode()
    for note in notes:
        assert note.text.split("\n")[0][:40] in page
    assert "Inte i något ärende än" not in page
    assert FeedbackNotice.objects.filter(user=owner).exists()


def test_demo_leaves_some_input_in_the_inbox(demo):
    """A couple of paper notes still wait in the triage inbox, to show it working."""
    assert selectors.triage_count() >= 2


def test_demo_is_idempotent(demo):
    """Loading the demo again changes no row counts."""
    before = _counts()
    call_command("load_demo", force=True, stdout=io.StringIO())
    assert _counts() == before
