"""The public notes page of a workshop: filters, search, counts per theme, paging."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from feedback.models import Note
from tests import factories

pytestmark = pytest.mark.django_db


def _url(workshop, query=""):
    return reverse("feedback:note-list", args=[workshop.slug]) + query


def _texts(response):
    return [note.text for note in response.context["page_obj"]]


def _shown(response):
    """The note texts on the page as rendered (a cached page has no ``page_obj`` in its context)."""
    return re.findall(r'<div class="note-text">(.*?)</div>', response.content.decode())


@pytest.fixture
def tagged(workshop):
    group_a = factories.DiscussionGroupFactory(workshop=workshop, name="Bord A")
    group_b = factories.DiscussionGroupFactory(workshop=workshop, name="Bord B")
    service, relation, collab = (
        factories.theme("service-och-leverans"),
        factories.theme("forstaelse-och-relation"),
        factories.theme("samarbete"),
    )
    factories.NoteFactory(
        workshop=workshop,
        group=group_a,
        text="Öppet en kväll i veckan",
        themes=[service],
        topics=[factories.topic("oppettider")],
    )
    factories.NoteFactory(
        workshop=workshop,
        group=group_b,
        text="Handläggarna byts hela tiden",
        kind=Note.Kind.PROBLEM,
        themes=[service, relation],
        topics=[factories.topic("personalbrist")],
    )
    factories.NoteFactory(workshop=workshop, group=group_b, text="Tala väl om varandra", themes=[collab])
    factories.NoteFactory(
        workshop=workshop, text="Dold text", themes=[collab], status=Note.Status.HIDDEN, hidden_reason="x"
    )
    factories.NoteFactory(text="Annan workshop", themes=[collab])
    return {"a": group_a, "b": group_b}


def test_page_lists_the_workshops_published_notes_oldest_first(client_for, workshop, tagged):
    """Only this workshop's published notes, oldest first."""
    response = client_for(None).get(_url(workshop))
    assert _texts(response) == [
        "Öppet en kväll i veckan",
        "Handläggarna byts hela tiden",
        "Tala väl om varandra",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?tema=service-och-leverans", ["Öppet en kväll i veckan", "Handläggarna byts hela tiden"]),
        ("?tema=forstaelse-och-relation", ["Handläggarna byts hela tiden"]),
        ("?tema=samarbete", ["Tala väl om varandra"]),
        ("?amne=oppettider", ["Öppet en kväll i veckan"]),
        ("?typ=problem", ["Handläggarna byts hela tiden"]),
        ("?tema=service-och-leverans&typ=suggestion", ["Öppet en kväll i veckan"]),
        ("?sok=kväll", ["Öppet en kväll i veckan"]),
        ("?sok=ingenting-sådant", []),
    ],
)
def test_filters_narrow_the_notes(client_for, workshop, tagged, query, expected):
    """Theme, topic, kind and search filters, alone and combined, show the matching notes."""
    assert _texts(client_for(None).get(_url(workshop, query))) == expected


def test_group_filter(client_for, workshop, tagged):
    """The group filter offers the workshop's groups and narrows to one of them."""
    response = client_for(None).get(_url(workshop, f"?grupp={tagged['b'].pk}"))
    assert _texts(response) == ["Handläggarna byts hela tiden", "Tala väl om varandra"]


def test_unknown_filter_values_are_reported_not_crashed(client_for, workshop, tagged):
    """An unknown theme slug is reported next to the filter and ignored."""
    response = client_for(None).get(_url(workshop, "?tema=finns-inte"))
    assert response.status_code == 200
    assert "tema" in response.context["filter"].form.errors
    assert len(_texts(response)) == 3


def test_counts_per_theme(client_for, workshop, tagged):
    """Each theme shows how many of the listed notes it tags; hidden notes do not count."""
    response = client_for(None).get(_url(workshop))
    counts = {theme.slug: theme.note_count for theme in response.context["theme_counts"]}
    assert counts == {"service-och-leverans": 2, "forstaelse-och-relation": 1, "samarbete": 1}
    assert "Service och leverans</a>\n          (2)" in response.content.decode()


def test_full_text_search_finds_inflected_swedish_words(client_for, workshop, tagged):
    """On PostgreSQL the search is Swedish full-text: "handläggare" finds "Handläggarna"."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search")
    assert _texts(client_for(None).get(_url(workshop, "?sok=handläggare"))) == [
        "Handläggarna byts hela tiden"
    ]


def test_pages_of_twenty_keep_the_filters(client_for, workshop):
    """Twenty notes a page; the page links keep the active filters."""
    for index in range(25):
        factories.NoteFactory(workshop=workshop, text=f"Nummer {index:02d}")
    response = client_for(None).get(_url(workshop, "?typ=suggestion"))
    assert len(_texts(response)) == 20
    assert "?typ=suggestion&amp;sida=2" in response.content.decode()
    assert _texts(client_for(None).get(_url(workshop, "?typ=suggestion&sida=2")))[0] == "Nummer 20"


@pytest.mark.parametrize("role", ["anonymous", "politician"])
def test_query_count_is_the_same_for_10_and_500_notes(
    role, client_for, workshop, politician, django_assert_num_queries
):
    """The notes page runs exactly the same queries with 10 and with 500 notes, filtered or not."""
    factories.DiscussionGroupFactory(workshop=workshop)
    themes = [factories.theme("service-och-leverans"), factories.theme("samarbete")]
    topics = [factories.topic("oppettider")]
    client = client_for(politician if role == "politician" else None)
    # The site frame (site settings; signed in, also the session, the user and their roles), the
    # workshop, the themes (the theme filter's choices and the counts' rows, so a theme filter
    # needs no lookup of its slug), the filter form's topics and groups, the count, the page,
    # its themes and topics, the counts per theme.
    frame = {"anonymous": 1, "politician": 4}[role]
    for size in (10, 500):
        Note.objects.bulk_create(
            [
                Note(workshop=workshop, text=f"Anteckning {i}", status=Note.Status.PUBLISHED)
                for i in range(size - Note.objects.count())
            ]
        )
        for note in Note.objects.all():
            note.themes.set(themes)
            note.topics.set(topics)
        for query, expected in (("", 9), ("?tema=samarbete&sok=Anteckning", 9)):
            with django_assert_num_queries(frame + expected):
                response = client.get(_url(workshop, query))
            assert response.context["page_obj"].paginator.count == size


def test_demo_workshop_notes_are_filterable_by_the_three_themes(client_for):
    """The demo's 2017 lunch shows its notes, and each of the three themes finds some."""
    from portal.demo.feedback import load_demo_feedback
    from portal.demo.users import load_demo_users
    from portal.demo.workshops import load_demo_workshops

    users = load_demo_users()
    workshops = load_demo_workshops(users)
    load_demo_feedback(users, workshops)
    lunch = workshops["lunch"]
    client = client_for(None)
    assert client.get(_url(lunch)).context["page_obj"].paginator.count >= 20
    for slug in ("service-och-leverans", "forstaelse-och-relation", "samarbete"):
        assert client.get(_url(lunch, f"?tema={slug}")).context["page_obj"].paginator.count > 0


def test_notes_page_follows_every_write(client_for, workshop):
    """Any write the page shows (a new note, a queryset update, a theme tag, a renamed group)
    shows at the very next request."""
    group = factories.DiscussionGroupFactory(workshop=workshop, name="Bord A")
    note = factories.NoteFactory(workshop=workshop, group=group, text="Första")
    client = client_for(None)
    assert _shown(client.get(_url(workshop))) == ["Första"]
    factories.NoteFactory(workshop=workshop, text="Andra")
    assert _shown(client.get(_url(workshop))) == ["Första", "Andra"]
    Note.objects.filter(pk=note.pk).update(text="Ändrad")
    assert _shown(client.get(_url(workshop))) == ["Ändrad", "Andra"]
    note.themes.add(factories.theme("samarbete"))
    assert _shown(client.get(_url(workshop, "?tema=samarbete"))) == ["Ändrad"]
    assert "Bord A" in client.get(_url(workshop)).content.decode()
    type(group).objects.filter(pk=group.pk).update(name="Bord B")
    page = client.get(_url(workshop)).content.decode()
    assert "Bord B" in page and "Bord A" not in page


def test_an_overlong_search_is_refused_next_to_the_field(client_for, workshop):
    """A search of more than 200 characters is answered with the field's message and what was
    typed, and not run (SQLite refuses LIKE patterns over 50,000 bytes; no search needs them);
    the page lists the notes as without a search."""
    factories.NoteFactory(workshop=workshop, text="Bygglov tar för lång tid")
    response = client_for(None).get(_url(workshop, "?sok=" + "bygglov " * 5000))
    assert response.status_code == 200
    page = response.content.decode()
    assert "som mest 200 tecken" in page and 'aria-invalid="true"' in page
    assert 'value="bygglov bygglov' in page and "Bygglov tar för lång tid" in page
