"""The note services own the rules: open window, tags, paper batches all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback.models import Note
from feedback.services import notes as services
from tests import factories

pytestmark = pytest.mark.django_db


def test_submit_to_a_closed_workshop_stores_nothing(business_owner):
    """note_submit refuses a workshop whose notes are closed."""
    workshop = factories.WorkshopFactory(notes_open_until=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        services.note_submit(
            author=business_owner,
            workshop=workshop,
            text="Sent",
            kind="suggestion",
            themes=[factories.theme()],
        )
    assert not Note.objects.exists()


def test_submit_to_a_draft_workshop_stores_nothing(business_owner):
    """A draft workshop takes no notes even if its window is set."""
    workshop = factories.WorkshopFactory(status="draft")
    with pytest.raises(ValidationError):
        services.note_submit(
            author=business_owner,
            workshop=workshop,
            text="Utkast",
            kind="suggestion",
            themes=[factories.theme()],
        )
    assert not Note.objects.exists()


def test_submit_without_themes_stores_nothing(business_owner, workshop):
    """A note needs at least one theme; the failed note is rolled back."""
    with pytest.raises(ValidationError) as error:
        services.note_submit(
            author=business_owner, workshop=workshop, text="Text", kind="suggestion", themes=[]
        )
    assert "themes" in error.value.message_dict
    assert not Note.objects.exists()


def test_submit_with_a_group_of_another_workshop_is_refused(business_owner, workshop):
    """Note.clean keeps the group within the note's workshop."""
    with pytest.raises(ValidationError) as error:
        services.note_submit(
            author=business_owner,
            workshop=workshop,
            group=factories.DiscussionGroupFactory(),
            text="Text",
            kind="suggestion",
            themes=[factories.theme()],
        )
    assert "group" in error.value.message_dict
    assert not Note.objects.exists()


def test_transcription_is_all_or_nothing(staff, workshop):
    """One bad paper note in a batch saves none of them."""
    good = services.PaperNote(text="Bra", kind="praise", themes=[factories.theme()])
    bad = services.PaperNote(text="x" * 2001, kind="praise", themes=[factories.theme()])
    with pytest.raises(ValidationError):
        services.notes_transcribe(actor=staff, workshop=workshop, group=None, notes=[good, bad])
    assert not Note.objects.exists()


def test_hiding_needs_a_reason(staff, workshop):
    """note_hide with a blank reason is refused and changes nothing."""
    note = factories.NoteFactory(workshop=workshop, status=Note.Status.PENDING)
    with pytest.raises(ValidationError):
        services.note_hide(actor=staff, note=note, reason="   ")
    note.refresh_from_db()
    assert note.status == Note.Status.PENDING


def test_publishing_a_hidden_note_clears_its_reason(staff, workshop):
    """A note published after being hidden no longer carries the old reason."""
    note = factories.NoteFactory(workshop=workshop, status=Note.Status.HIDDEN, hidden_reason="Fel workshop")
    services.note_publish(actor=staff, note=note)
    note.refresh_from_db()
    assert (note.status, note.hidden_reason) == (Note.Status.PUBLISHED, "")
