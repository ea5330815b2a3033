"""Staff type in paper notes for one workshop and group on one page."""

import pytest
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback.models import Note
from tests import factories

pytestmark = pytest.mark.django_db


def _rows(*rows):
    data = {"rad-TOTAL_FORMS": str(len(rows)), "rad-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"rad-{index}-{key}"] = value
    return data


def _row(text, *theme_slugs, kind="suggestion", topics=()):
    return {
        "text": text,
        "kind": kind,
        "themes": [factories.theme(slug).pk for slug in theme_slugs],
        "topics": [factories.topic(slug).pk for slug in topics],
    }


def test_filled_rows_are_saved_as_published_paper_notes(client_for, staff, workshop):
    """Every filled row becomes a published paper note without author, in the chosen group,
    moderated by the staff member; empty rows are skipped; the batch is audit-logged."""
    group = factories.DiscussionGroupFactory(workshop=workshop)
    data = _rows(
        _row("Kvällsöppet på bygglov", "service-och-leverans", topics=["oppettider"]),
        {"text": "", "kind": "suggestion"},
        _row("Prata gott om varandra", "samarbete", "forstaelse-och-relation", kind="praise"),
        {"text": "", "kind": "suggestion"},
    )
    response = client_for(staff).post(
        reverse("feedback:note-transcribe", args=[workshop.slug]), {"group": group.pk, **data}
    )
    assert response.status_code == 302
    notes = list(Note.objects.order_by("pk"))
    assert [n.text for n in notes] == ["Kvällsöppet på bygglov", "Prata gott om varandra"]
    for note in notes:
        assert (note.source, note.status, note.author, note.group, note.moderated_by) == (
            Note.Source.PAPER,
            Note.Status.PUBLISHED,
            None,
            group,
            staff,
        )
    assert notes[1].kind == Note.Kind.PRAISE
    assert notes[1].themes.count() == 2
    assert list(notes[0].topics.values_list("slug", flat=True)) == ["oppettider"]
    entry = AuditEntry.objects.get(action="note.transcribe")
    assert (entry.actor, entry.details["count"]) == (staff, 2)


def test_an_error_on_one_row_keeps_every_row_and_saves_nothing(client_for, staff, workshop):
    """A row without a theme is marked at its field and in the summary; every row typed is
    shown again as typed; no note is stored."""
    data = _rows(
        _row("Första raden", "samarbete"),
        _row("Andra raden utan tema"),
        _row("Tredje raden", "service-och-leverans"),
    )
    response = client_for(staff).post(reverse("feedback:note-transcribe", args=[workshop.slug]), data)
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Första raden", "Andra raden utan tema", "Tredje raden"):
        assert text in page
    formset = response.context["formset"]
    assert formset.forms[1].errors == {"themes": ["Välj minst ett tema."]}
    assert not formset.forms[0].errors and not formset.forms[2].errors
    assert 'href="#row-2"' in page
    assert "Inget är sparat än" in page
    # The other rows keep their ticked themes.
    assert formset.forms[2]["themes"].value() == [str(factories.theme("service-och-leverans").pk)]
    assert not Note.objects.exists()


def test_too_long_text_on_a_row_is_refused(client_for, staff, workshop):
    """2,001 characters on a row is refused next to that row's text."""
    data = _rows(_row("x" * 2001, "samarbete"))
    response = client_for(staff).post(reverse("feedback:note-transcribe", args=[workshop.slug]), data)
    assert "text" in response.context["formset"].forms[0].errors
    assert not Note.objects.exists()


def test_all_rows_empty_asks_for_a_note(client_for, staff, workshop):
    """Submitting only empty rows stores nothing and says to type at least one note."""
    data = _rows({"text": "", "kind": "suggestion"}, {"text": "", "kind": "suggestion"})
    response = client_for(staff).post(reverse("feedback:note-transcribe", args=[workshop.slug]), data)
    assert "Skriv minst en anteckning." in response.content.decode()
    assert not Note.objects.exists()


def test_group_of_another_workshop_is_refused(client_for, staff, workshop):
    """The group must be one of the workshop's own."""
    other = factories.DiscussionGroupFactory()
    data = {"group": other.pk, **_rows(_row("Text", "samarbete"))}
    response = client_for(staff).post(reverse("feedback:note-transcribe", args=[workshop.slug]), data)
    assert "group" in response.context["group_form"].errors
    assert not Note.objects.exists()


def test_page_offers_the_requested_number_of_rows(client_for, staff, workshop):
    """Five empty rows by default, more on request, never more than fifty."""
    client = client_for(staff)
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    assert len(client.get(url).context["formset"].forms) == 5
    assert len(client.get(url + "?rader=12").context["formset"].forms) == 12
    assert len(client.get(url + "?rader=5000").context["formset"].forms) == 50
    assert len(client.get(url + "?rader=abc").context["formset"].forms) == 5


def test_transcription_page_query_count(client_for, staff, workshop, django_assert_num_queries):
    """The transcription page costs a fixed number of queries for its five rows."""
    client = client_for(staff)
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    client.get(url)
    # The frame and the workshop, then the groups, and themes and topics for each of the five rows.
    with django_assert_num_queries(17):
        client.get(url)
