"""In the admin, an admin cannot write in a business owner's name (issue 19, finding 5): a note's
author and source are never set there, a browser note's text stays the author's, and every
note added or changed there is in the portal's audit log."""

import pytest
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback.models import Note
from tests import factories

pytestmark = pytest.mark.django_db


def _note_data(workshop, theme, **extra):
    return {
        "workshop": workshop.pk,
        "group": "",
        "text": "Kommunen borde svara snabbare.",
        "kind": Note.Kind.SUGGESTION,
        "themes": [theme.pk],
        "status": Note.Status.PUBLISHED,
        "hidden_reason": "",
        **extra,
    }


def test_staff_cannot_add_a_note_as_a_business_owner(client_for, admin_user, business_owner, workshop):
    """Posting author, source "browser" and status published makes a paper note without an
    author, moderated by the staff member, and an audit entry."""
    theme = factories.NoteFactory(workshop=workshop).themes.first() or factories.theme()
    response = client_for(admin_user).post(
        reverse("admin:feedback_note_add"),
        _note_data(workshop, theme, author=business_owner.pk, source=Note.Source.BROWSER),
    )
    assert response.status_code == 302, response.content[:3000]
    note = Note.objects.get(text="Kommunen borde svara snabbare.")
    assert note.author is None
    assert note.source == Note.Source.PAPER
    assert note.moderated_by == admin_user
    entry = AuditEntry.objects.get(action="note.admin_create")
    assert (entry.actor, entry.target_id) == (admin_user, str(note.pk))


def test_staff_cannot_change_a_business_owners_words(client_for, admin_user, business_owner, workshop):
    """A browser note's text, status and author stay as they are whatever the admin form posts."""
    note = factories.NoteFactory(
        workshop=workshop,
        author=business_owner,
        source=Note.Source.BROWSER,
        status=Note.Status.PENDING,
        text="Mina egna ord.",
    )
    theme = factories.theme()
    response = client_for(admin_user).post(
        reverse("admin:feedback_note_change", args=[note.pk]),
        _note_data(workshop, theme, text="Andra ord.", author=admin_user.pk, source=Note.Source.PAPER),
    )
    assert response.status_code == 302, response.content[:3000]
    note.refresh_from_db()
    assert (note.text, note.status, note.author, note.source) == (
        "Mina egna ord.",
        Note.Status.PENDING,
        business_owner,
        Note.Source.BROWSER,
    )
    page = client_for(admin_user).get(reverse("admin:feedback_note_change", args=[note.pk])).content.decode()
    assert 'name="text"' not in page and 'name="author"' not in page


def test_edits_to_paper_notes_are_in_the_audit_log(client_for, admin_user, workshop):
    """Correcting a transcribed paper note is recorded with who, when and which fields."""
    note = factories.NoteFactory(workshop=workshop, source=Note.Source.PAPER, text="Fel stavat.")
    theme = note.themes.first() or factories.theme()
    response = client_for(admin_user).post(
        reverse("admin:feedback_note_change", args=[note.pk]),
        _note_data(workshop, theme, text="Rätt stavat.", status=note.status),
    )
    assert response.status_code == 302, response.content[:3000]
    note.refresh_from_db()
    assert note.text == "Rätt stavat."
    entry = AuditEntry.objects.get(action="note.admin_update")
    assert entry.actor == admin_user and "text" in entry.details["fields"]
