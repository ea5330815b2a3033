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
    assert response.status_code == 400
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
    """Twenty empty rows by default (a real stack of paper notes), more on request, never
    more than sixty."""
    client = client_for(staff)
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    assert len(client.get(url).context["formset"].forms) == 20
    assert len(client.get(url + "?rader=12").context["formset"].forms) == 12
    assert len(client.get(url + "?rader=5000").context["formset"].forms) == 60
    assert len(client.get(url + "?rader=abc").context["formset"].forms) == 20


@pytest.mark.parametrize("rows", [20, 60])
def test_transcription_page_query_count(client_for, staff, workshop, django_assert_num_queries, rows):
    """The frame and the workshop, then themes and topics once for every row, and the groups:
    the same whatever the number of rows."""
    client = client_for(staff)
    url = reverse("feedback:note-transcribe", args=[workshop.slug]) + f"?rader={rows}"
    client.get(url)
    with django_assert_num_queries(9):
        client.get(url)


def _twenty(texts: dict[int, str], *, theme="samarbete") -> dict:
    """Twenty rows, those in ``texts`` (by index) filled in."""
    return _rows(
        *[_row(texts[i], theme) if i in texts else {"text": "", "kind": "suggestion"} for i in range(20)]
    )


def test_an_error_in_row_17_of_20_keeps_all_20_rows(client_for, staff, workshop):
    """Twenty filled rows, the 17th without a theme: all twenty come back as typed, the 17th
    marked, nothing saved."""
    data = _twenty({i: f"Lapp nummer {i + 1}" for i in range(20)})
    data["rad-16-themes"] = []
    response = client_for(staff).post(reverse("feedback:note-transcribe", args=[workshop.slug]), data)
    assert response.status_code == 400
    forms = response.context["formset"].forms
    assert len(forms) == 20
    assert [bool(form.errors) for form in forms] == [i == 16 for i in range(20)]
    page = response.content.decode()
    assert all(f"Lapp nummer {i + 1}<" in page for i in range(20))
    assert 'href="#row-17"' in page
    assert not Note.objects.exists()


def test_more_rows_keeps_typed_text(client_for, staff, workshop):
    """ "More rows" draws the page again with everything typed (texts, themes, topics) and ten
    more empty rows; nothing is saved and no error is shown."""
    data = _twenty({0: "Första lappen", 5: "Sjätte lappen"})
    data["rad-5-topics"] = [factories.topic("oppettider").pk]
    data["more_rows"] = "1"
    response = client_for(staff).post(reverse("feedback:note-transcribe", args=[workshop.slug]), data)
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert len(forms) == 30
    page = response.content.decode()
    assert "Första lappen" in page and "Sjätte lappen" in page and "Inget är sparat än" not in page
    assert forms[5]["topics"].value() == [str(factories.topic("oppettider").pk)]
    assert not Note.objects.exists()


def test_save_and_continue_with_the_next_group(client_for, staff, workshop):
    """Saving with "continue" opens the page again for the next table group of the workshop."""
    first = factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", order=1)
    second = factories.DiscussionGroupFactory(workshop=workshop, name="Bord 2", order=2)
    client = client_for(staff)
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    data = {"group": first.pk, "next_group": "1", **_twenty({0: "Från bord ett"})}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == f"{url}?grupp={second.pk}"
    page = client.get(response["Location"])
    assert page.context["group_form"]["group"].value() == second.pk
    assert Note.objects.get().group == first


def test_a_row_repeating_a_saved_note_is_warned_about(client_for, staff, workshop):
    """A row that repeats (case and spacing aside) a note already saved for the workshop, or
    another row, is marked and nothing is saved until confirmed."""
    factories.NoteFactory(workshop=workshop, text="Längre  öppettider på bygglov")
    client = client_for(staff)
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    data = _twenty({0: "längre öppettider på bygglov", 1: "Något nytt", 2: "Två gånger", 3: "två gånger"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert [getattr(form, "repeats", False) for form in response.context["formset"].forms[:4]] == [
        True,
        False,
        True,
        True,
    ]
    assert "Spara ändå" in response.content.decode()
    assert Note.objects.count() == 1
    response = client.post(url, {**data, "repeats_ok": "1"})
    assert response.status_code == 302
    assert Note.objects.count() == 5


def test_sixty_notes_in_three_pages(client_for, staff, workshop):
    """A stack of sixty paper notes goes in with three pages of twenty."""
    client = client_for(staff)
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    for page in range(3):
        data = _twenty({i: f"Lapp {page * 20 + i + 1}" for i in range(20)})
        assert client.post(url, data).status_code == 302
    assert Note.objects.filter(source=Note.Source.PAPER).count() == 60


def test_topics_of_the_chosen_themes_come_first(client_for, staff, workshop):
    """The compact topic list puts the ticked themes' topics first when the page is drawn again."""
    data = _twenty({0: "Om samarbete"}, theme="samarbete")
    data["more_rows"] = "1"
    response = client_for(staff).post(reverse("feedback:note-transcribe", args=[workshop.slug]), data)
    groups = response.context["formset"].forms[0].topic_groups()
    assert groups[0]["theme"] == factories.theme("samarbete")
