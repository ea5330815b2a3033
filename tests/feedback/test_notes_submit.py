"""A business owner leaves a note in the browser; bad input stores nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Note
from tests import factories

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "group": "",
        "text": "Bygglov borde ha kvällsöppet.",
        "kind": "suggestion",
        "themes": [factories.theme().pk],
    }
    data.update(overrides)
    return data


def test_note_with_two_themes_waits_for_moderation(client_for, business_owner, workshop):
    """With pre-moderation (the default) a browser note is stored pending, with its author,
    group, kind, themes and topics, and the author's list shows it as waiting."""
    group = factories.DiscussionGroupFactory(workshop=workshop)
    client = client_for(business_owner)
    themes = [factories.theme("service-och-leverans"), factories.theme("samarbete")]
    response = client.post(
        reverse("feedback:note-create", args=[workshop.slug]),
        _data(group=group.pk, kind="problem", themes=[t.pk for t in themes], topics=[factories.topic().pk]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:note-mine")
    note = Note.objects.get()
    assert (note.author, note.group, note.kind, note.source, note.status) == (
        business_owner,
        group,
        Note.Kind.PROBLEM,
        Note.Source.BROWSER,
        Note.Status.PENDING,
    )
    assert set(note.themes.all()) == set(themes)
    assert list(note.topics.all()) == [factories.topic()]
    page = client.get(reverse("feedback:note-mine")).content.decode()
    assert "Bygglov borde ha kvällsöppet." in page
    assert "Väntar på granskning" in page


def test_note_is_published_at_once_without_pre_moderation(client_for, business_owner):
    """A workshop that does not pre-moderate publishes browser notes immediately."""
    workshop = factories.WorkshopFactory(pre_moderation=False)
    client_for(business_owner).post(reverse("feedback:note-create", args=[workshop.slug]), _data())
    assert Note.objects.get().status == Note.Status.PUBLISHED
    page = client_for(None).get(reverse("feedback:note-list", args=[workshop.slug])).content.decode()
    assert "Bygglov borde ha kvällsöppet." in page


def test_form_states_the_limit_without_javascript(client_for, business_owner, workshop):
    """The 2,000-character limit is written next to the field and set as maxlength; the live
    counter script is a static file (no inline script)."""
    page = (
        client_for(business_owner).get(reverse("feedback:note-create", args=[workshop.slug])).content.decode()
    )
    assert "Högst 2 000 tecken." in page
    assert 'maxlength="2000"' in page
    assert "feedback/js/character-count.js" in page
    assert "<script>" not in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": ""}, "text", "Detta fält måste fyllas i."),
        ({"text": "   "}, "text", "Detta fält måste fyllas i."),
        ({"text": "x" * 2001}, "text", "högst 2000 tecken; den har 2001"),
        ({"themes": []}, "themes", "Välj minst ett tema."),
        ({"themes": [999999]}, "themes", "Välj ett giltigt alternativ"),
        ({"themes": ["inte-ett-id"]}, "themes", "är inte ett giltigt värde"),
        ({"kind": "rant"}, "kind", "Välj ett giltigt alternativ"),
        ({"topics": [999999]}, "topics", "Välj ett giltigt alternativ"),
    ],
)
def test_bad_input_gets_a_field_error_and_stores_nothing(
    client_for, business_owner, workshop, overrides, field, message
):
    """Each bad value is refused with a message next to its field, what was typed is kept,
    and no note is stored."""
    response = client_for(business_owner).post(
        reverse("feedback:note-create", args=[workshop.slug]), _data(**{"text": "Behåll mig", **overrides})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    if "text" not in overrides:
        assert "Behåll mig" in response.content.decode()
    assert not Note.objects.exists()


def test_group_of_another_workshop_is_refused(client_for, business_owner, workshop):
    """Only the workshop's own discussion groups can be chosen."""
    other_group = factories.DiscussionGroupFactory()
    response = client_for(business_owner).post(
        reverse("feedback:note-create", args=[workshop.slug]), _data(group=other_group.pk)
    )
    assert "group" in response.context["form"].errors
    assert not Note.objects.exists()


def test_exactly_2000_characters_with_line_breaks_are_accepted(client_for, business_owner, workshop):
    """The browser sends a line break as two characters; it counts as one, like the counter."""
    text = ("a" * 99 + "\r\n") * 20
    assert len(text.replace("\r\n", "\n")) == 2000
    client_for(business_owner).post(
        reverse("feedback:note-create", args=[workshop.slug]), _data(text=text.strip())
    )
    assert len(Note.objects.get().text) == 1999


@pytest.mark.parametrize("notes_open_until", ["past", None])
def test_closed_workshop_takes_no_notes(client_for, business_owner, notes_open_until):
    """After notes_open_until, or when notes were never opened, the page says so instead of
    showing the form, and a submitted note is refused and not stored."""
    workshop = factories.WorkshopFactory(
        notes_open_until=timezone.now() - timezone.timedelta(minutes=1) if notes_open_until else None
    )
    client = client_for(business_owner)
    url = reverse("feedback:note-create", args=[workshop.slug])
    page = client.get(url).content.decode()
    assert "Anteckningarna för den här workshoppen" in page
    assert 'name="text"' not in page
    response = client.post(url, _data())
    assert response.status_code == 200
    assert "stängde" in response.content.decode() or "är stängda" in response.content.decode()
    assert not Note.objects.exists()


def test_workshop_page_links_the_note_form_and_the_notes_page(client_for, business_owner, workshop):
    """The workshop page links "Lämna en anteckning" while notes are open, and "Alla anteckningar"."""
    page = client_for(business_owner).get(workshop.get_absolute_url()).content.decode()
    assert reverse("feedback:note-create", args=[workshop.slug]) in page
    assert reverse("feedback:note-list", args=[workshop.slug]) in page
    assert "Lämna en anteckning" in page
    assert "Alla anteckningar" in page


def test_note_form_in_english(client_for, business_owner, workshop):
    """With the language cookie set to English the form speaks English."""
    client = client_for(business_owner)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("feedback:note-create", args=[workshop.slug])).content.decode()
    assert "Leave a note" in page
    assert "At most 2,000 characters." in page
    assert "Service and delivery" in page
