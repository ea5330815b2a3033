"""Staff publish or hide pending notes; hidden notes never reach a public page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aleforetag.core.models import AuditEntry
from feedback.models import Note
from tests import factories

pytestmark = pytest.mark.django_db


def _pending(workshop, author, text, minutes_ago):
    note = factories.NoteFactory(
        workshop=workshop, author=author, source=Note.Source.BROWSER, status=Note.Status.PENDING, text=text
    )
    Note.objects.filter(pk=note.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    return note


def test_queue_lists_pending_notes_oldest_first(client_for, staff, workshop, business_owner):
    """Only pending notes are queued, oldest first, with their workshop and author."""
    _pending(workshop, business_owner, "Nyare", 5)
    _pending(workshop, business_owner, "Äldst", 50)
    factories.NoteFactory(workshop=workshop, text="Redan publicerad")
    factories.NoteFactory(workshop=workshop, text="Redan dold", status=Note.Status.HIDDEN, hidden_reason="x")
    response = client_for(staff).get(reverse("feedback:note-moderation"))
    assert [n.text for n in response.context["page_obj"]] == ["Äldst", "Nyare"]
    page = response.content.decode()
    assert "Redan publicerad" not in page and "Redan dold" not in page
    assert "Karin Företagare" in page
    assert "2 anteckningar väntar på beslut" in page


def test_publishing_shows_the_note_publicly_and_is_audited(client_for, staff, workshop, business_owner):
    """Publish makes the note public, records who and when, and writes the audit log."""
    note = _pending(workshop, business_owner, "Publicera mig", 1)
    response = client_for(staff).post(reverse("feedback:note-publish", args=[note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.status, note.moderated_by) == (Note.Status.PUBLISHED, staff)
    assert note.moderated_at is not None
    assert AuditEntry.objects.filter(action="note.publish", target_id=str(note.pk), actor=staff).exists()
    public = client_for(None).get(reverse("feedback:note-list", args=[workshop.slug])).content.decode()
    assert "Publicera mig" in public


def test_hiding_needs_a_reason_which_the_author_sees(client_for, staff, workshop, business_owner):
    """Hide without a reason is refused next to the field; with one the note is hidden, the
    reason audit-logged and shown to its author."""
    note = _pending(workshop, business_owner, "Dölj mig", 1)
    client = client_for(staff)
    response = client.post(reverse("feedback:note-hide", args=[note.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    note.refresh_from_db()
    assert note.status == Note.Status.PENDING
    response = client.post(reverse("feedback:note-hide", args=[note.pk]), {"reason": "Namnger en anställd."})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.status, note.hidden_reason, note.moderated_by) == (
        Note.Status.HIDDEN,
        "Namnger en anställd.",
        staff,
    )
    entry = AuditEntry.objects.get(action="note.hide")
    assert entry.details == {"reason": "Namnger en anställd."}
    mine = client_for(business_owner).get(reverse("feedback:note-mine")).content.decode()
    assert "Dold" in mine and "Namnger en anställd." in mine


def test_hide_from_the_notes_page_returns_there(client_for, staff, workshop):
    """Staff hide a published note from the notes page and land back on it; an outside
    next address is ignored."""
    note = factories.NoteFactory(workshop=workshop)
    back = reverse("feedback:note-list", args=[workshop.slug]) + "?typ=suggestion"
    client = client_for(staff)
    response = client.post(
        reverse("feedback:note-hide", args=[note.pk]), {"reason": "Dubblett", "next": back}
    )
    assert response["Location"] == back
    response = client.post(
        reverse("feedback:note-publish", args=[note.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("feedback:note-moderation")


def test_withdrawn_note_cannot_be_published(client_for, staff, workshop, business_owner):
    """A note its author withdrew stays withdrawn."""
    note = factories.NoteFactory(workshop=workshop, author=business_owner, status=Note.Status.WITHDRAWN)
    client_for(staff).post(reverse("feedback:note-publish", args=[note.pk]))
    note.refresh_from_db()
    assert note.status == Note.Status.WITHDRAWN


@pytest.fixture
def three_notes(workshop, business_owner):
    return {
        "published": factories.NoteFactory(
            workshop=workshop, author=business_owner, text="Synlig anteckning"
        ),
        "pending": _pending(workshop, business_owner, "Väntande anteckning", 3),
        "hidden": factories.NoteFactory(
            workshop=workshop,
            author=business_owner,
            text="Dold anteckning",
            status=Note.Status.HIDDEN,
            hidden_reason="Personuppgifter",
        ),
    }


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        ("anonymous", {"Synlig anteckning"}),
        ("owner", {"Synlig anteckning"}),
        ("other_owner", {"Synlig anteckning"}),
        ("politician", {"Synlig anteckning", "Väntande anteckning", "Dold anteckning"}),
        ("staff", {"Synlig anteckning", "Väntande anteckning", "Dold anteckning"}),
    ],
)
def test_notes_page_visibility_by_role(
    viewer, sees, three_notes, workshop, client_for, business_owner, other_business_owner, politician, staff
):
    """The public, and business owners, see published notes only; politicians and staff also
    see pending and hidden notes, marked as such with the reason."""
    user = {
        "anonymous": None,
        "owner": business_owner,
        "other_owner": other_business_owner,
        "politician": politician,
        "staff": staff,
    }[viewer]
    page = client_for(user).get(reverse("feedback:note-list", args=[workshop.slug])).content.decode()
    shown = {text for text in ("Synlig anteckning", "Väntande anteckning", "Dold anteckning") if text in page}
    assert shown == sees
    assert ("Personuppgifter" in page) == ("Dold anteckning" in sees)
    if "Dold anteckning" in sees:
        assert 'badge text-bg-danger">Dold<' in page
        assert "Väntar på granskning" in page
    assert "Karin Företagare" not in page.split('id="main"')[1].split("</main>")[0]


def test_own_notes_list_shows_every_status_to_the_author_only(
    three_notes, client_for, business_owner, other_business_owner
):
    """The author sees all three notes with their status and the hidden reason; another
    business owner sees none of them."""
    mine = client_for(business_owner).get(reverse("feedback:note-mine")).content.decode()
    for text in ("Synlig anteckning", "Väntande anteckning", "Dold anteckning", "Personuppgifter"):
        assert text in mine
    others = client_for(other_business_owner).get(reverse("feedback:note-mine")).content.decode()
    for text in ("Synlig anteckning", "Väntande anteckning", "Dold anteckning"):
        assert text not in others


def test_workshop_page_shows_no_note_text(three_notes, workshop, client_for):
    """The workshop page links the notes page but shows no note, hidden or otherwise."""
    page = client_for(None).get(workshop.get_absolute_url()).content.decode()
    assert "Dold anteckning" not in page and "Väntande anteckning" not in page


@pytest.mark.parametrize("count", [3, 30])
def test_queue_query_count_is_constant(
    count, client_for, staff, workshop, business_owner, django_assert_num_queries
):
    """The moderation queue costs the same number of queries for 3 and for 30 pending notes."""
    for index in range(count):
        _pending(workshop, business_owner, f"Väntar {index}", index)
    client = client_for(staff)
    # 9 for the queue, 5 for suggested tags and near-duplicates (tests/feedback/test_similar_notes.py;
    # no published note has a theme here, so the suggestions read no themes or topics).
    with django_assert_num_queries(14):
        response = client.get(reverse("feedback:note-moderation"))
    assert len(response.context["page_obj"]) == min(count, 25)
