"""A note's text is shown as text, never run as markup, everywhere it appears."""

import pytest
from django.urls import reverse

from feedback.models import Note
from tests import factories

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
REASON = "<b>fet</b>"


@pytest.fixture
def evil_notes(workshop, business_owner):
    published = factories.NoteFactory(
        workshop=workshop, author=business_owner, text=EVIL, source=Note.Source.BROWSER
    )
    pending = factories.NoteFactory(
        workshop=workshop,
        author=business_owner,
        text=EVIL,
        status=Note.Status.PENDING,
        source=Note.Source.BROWSER,
    )
    hidden = factories.NoteFactory(
        workshop=workshop, author=business_owner, text=EVIL, status=Note.Status.HIDDEN, hidden_reason=REASON
    )
    return {"published": published, "pending": pending, "hidden": hidden}


@pytest.mark.parametrize(
    ("viewer", "where"),
    [
        ("anonymous", "list"),
        ("politician", "list"),
        ("staff", "list"),
        ("owner", "mine"),
        ("owner", "update"),
        ("owner", "withdraw"),
        ("staff", "moderation"),
        ("staff", "hide"),
    ],
)
def test_script_in_a_note_is_shown_as_text(
    viewer, where, evil_notes, workshop, client_for, business_owner, politician, staff
):
    """The text (and a hidden note's reason) is escaped on the notes page for every role, in
    the author's list and forms, and on the staff pages."""
    user = {"anonymous": None, "politician": politician, "staff": staff, "owner": business_owner}[viewer]
    url = {
        "list": reverse("feedback:note-list", args=[workshop.slug]),
        "mine": reverse("feedback:note-mine"),
        "update": reverse("feedback:note-update", args=[evil_notes["published"].pk]),
        "withdraw": reverse("feedback:note-withdraw", args=[evil_notes["published"].pk]),
        "moderation": reverse("feedback:note-moderation"),
        "hide": reverse("feedback:note-hide", args=[evil_notes["hidden"].pk]),
    }[where]
    html = client_for(user).get(url).content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert(1)>" not in html
    assert ESCAPED in html
    assert "<b>fet</b>" not in html
