"""The author edits or withdraws an own note until notes_open_until; after it, read-only."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from feedback.models import Note
from tests import factories

pytestmark = pytest.mark.django_db

CLOSES = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def open_workshop():
    starts = CLOSES - datetime.timedelta(days=7)
    return factories.WorkshopFactory(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), notes_open_until=CLOSES
    )


@pytest.fixture
def note(open_workshop, business_owner):
    return factories.NoteFactory(
        workshop=open_workshop,
        author=business_owner,
        source=Note.Source.BROWSER,
        status=Note.Status.PUBLISHED,
        text="Före ändringen",
    )


def _data(text="Efter ändringen"):
    return {"group": "", "text": text, "kind": "problem", "themes": [factories.theme("samarbete").pk]}


def test_author_edits_before_the_window_closes(client_for, business_owner, note):
    """One minute before closing the edit is saved, with new kind and themes."""
    with time_machine.travel(CLOSES - datetime.timedelta(minutes=1), tick=False):
        response = client_for(business_owner).post(reverse("feedback:note-update", args=[note.pk]), _data())
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.text, note.kind) == ("Efter ändringen", Note.Kind.PROBLEM)
    assert list(note.themes.all()) == [factories.theme("samarbete")]


def test_edit_form_shows_the_current_note(client_for, business_owner, note):
    """The edit form is filled in with the note as it stands."""
    with time_machine.travel(CLOSES - datetime.timedelta(days=1), tick=False):
        response = client_for(business_owner).get(reverse("feedback:note-update", args=[note.pk]))
    assert response.context["form"].initial["text"] == "Före ändringen"
    assert "Före ändringen" in response.content.decode()


def test_after_the_window_the_note_is_read_only_with_the_reason(client_for, business_owner, note):
    """At notes_open_until the note becomes read-only: the page says why, an edit or a
    withdrawal is refused (403) and the note is unchanged."""
    with time_machine.travel(CLOSES, tick=False):
        client = client_for(business_owner)
        page = client.get(reverse("feedback:note-update", args=[note.pk]))
        assert page.status_code == 200
        assert "form" not in page.context or page.context.get("read_only")
        assert "stängde 1 mars 2030" in page.content.decode()
        assert 'name="text"' not in page.content.decode()
        assert client.post(reverse("feedback:note-update", args=[note.pk]), _data()).status_code == 403
        assert client.post(reverse("feedback:note-withdraw", args=[note.pk])).status_code == 403
        mine = client.get(reverse("feedback:note-mine")).content.decode()
    note.refresh_from_db()
    assert (note.text, note.status) == ("Före ändringen", Note.Status.PUBLISHED)
    assert reverse("feedback:note-update", args=[note.pk]) not in mine
    assert "kan inte längre ändras" in mine


def test_edit_in_a_pre_moderated_workshop_goes_back_to_moderation(client_for, business_owner, note):
    """A changed note is read again by staff before it is shown, when the workshop pre-moderates."""
    with time_machine.travel(CLOSES - datetime.timedelta(hours=1), tick=False):
        client_for(business_owner).post(reverse("feedback:note-update", args=[note.pk]), _data())
    note.refresh_from_db()
    assert note.status == Note.Status.PENDING


def test_edit_without_pre_moderation_stays_published(client_for, business_owner, note, open_workshop):
    """Without pre-moderation the edited note stays published."""
    open_workshop.pre_moderation = False
    open_workshop.save()
    with time_machine.travel(CLOSES - datetime.timedelta(hours=1), tick=False):
        client_for(business_owner).post(reverse("feedback:note-update", args=[note.pk]), _data())
    note.refresh_from_db()
    assert note.status == Note.Status.PUBLISHED


def test_editing_a_hidden_note_never_publishes_it(client_for, business_owner, note, open_workshop):
    """A hidden note that its author edits waits for moderation again, even without
    pre-moderation, and the old reason is cleared."""
    open_workshop.pre_moderation = False
    open_workshop.save()
    Note.objects.filter(pk=note.pk).update(status=Note.Status.HIDDEN, hidden_reason="Namn på en anställd")
    with time_machine.travel(CLOSES - datetime.timedelta(hours=1), tick=False):
        client_for(business_owner).post(reverse("feedback:note-update", args=[note.pk]), _data())
    note.refresh_from_db()
    assert (note.status, note.hidden_reason) == (Note.Status.PENDING, "")


def test_bad_edit_keeps_the_note_and_the_typed_text(client_for, business_owner, note):
    """An edit without a theme is refused next to the field; the typed text is kept on the
    page and the stored note is unchanged."""
    with time_machine.travel(CLOSES - datetime.timedelta(hours=1), tick=False):
        response = client_for(business_owner).post(
            reverse("feedback:note-update", args=[note.pk]), {**_data("Nytt försök"), "themes": []}
        )
    assert response.status_code == 200
    assert "Välj minst ett tema." in response.content.decode()
    assert "Nytt försök" in response.content.decode()
    note.refresh_from_db()
    assert note.text == "Före ändringen"


def test_withdrawn_note_leaves_every_list_but_the_authors(client_for, business_owner, politician, note):
    """A withdrawn note is kept, marked withdrawn for its author and shown nowhere else."""
    with time_machine.travel(CLOSES - datetime.timedelta(hours=1), tick=False):
        client = client_for(business_owner)
        assert (
            "Ta tillbaka anteckningen"
            in client.get(reverse("feedback:note-withdraw", args=[note.pk])).content.decode()
        )
        response = client.post(reverse("feedback:note-withdraw", args=[note.pk]))
        assert response.status_code == 302
        note.refresh_from_db()
        assert note.status == Note.Status.WITHDRAWN
        assert "Tillbakadragen" in client.get(reverse("feedback:note-mine")).content.decode()
        for viewer in (None, politician):
            page = client_for(viewer).get(reverse("feedback:note-list", args=[note.workshop.slug]))
            assert "Före ändringen" not in page.content.decode()
        # A withdrawn note cannot be edited again.
        assert client.post(reverse("feedback:note-update", args=[note.pk]), _data()).status_code == 403


def test_service_refuses_changes_after_closing(business_owner, note):
    """The services enforce the window too, whoever calls them."""
    from django.core.exceptions import ValidationError

    from feedback.services import notes as services

    with time_machine.travel(CLOSES + datetime.timedelta(seconds=1), tick=False):
        assert timezone.now() > note.workshop.notes_open_until
        with pytest.raises(ValidationError):
            services.note_update(note=note, text="x", kind="problem", themes=[factories.theme()])
        with pytest.raises(ValidationError):
            services.note_withdraw(note=note)
