"""Similar notes: groups, near-duplicates, suggested themes and topics, and accepting one.

The same method runs on both databases: PostgreSQL's ``swedish`` configuration and pg_trgm
there, the same in Python on SQLite. The tests marked "both databases" pass on each
(``DATABASE_URL=postgres://…`` runs them on PostgreSQL); on PostgreSQL they also compare its
own answers with the Python method's on the same data, within the tolerance they state.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback import evaluation, similarity
from feedback.labelled_notes import CLUSTERS, labelled_notes
from feedback.models import Note, Theme, Topic
from feedback.selectors import similar as selectors
from tests import factories
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")


def _labelled_workshop(count=None):
    """The labelled set as one workshop's published notes, tagged as staff would tag them."""
    workshop = factories.WorkshopFactory()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    notes = []
    for text, theme, topic, _key in labelled_notes()[:count]:
        tags = {"themes": [themes[theme]], "topics": [topics[topic]]}
        notes.append(factories.NoteFactory(workshop=workshop, text=text, **tags))
    return workshop, notes


# --- the method ---


def test_lexemes_are_swedish_stems_without_stop_words():
    """Lower-cased, Swedish stop words dropped, Snowball-stemmed, a hyphenated compound whole
    and in parts, numbers as they are."""
    assert similarity.lexemes("Företagarna vill ha snabbare e-tjänster, 24 timmar om dygnet!") == {
        "företag",
        "vill",
        "snabb",
        "e-tjänst",
        "e",
        "tjänst",
        "24",
        "timm",
        "dygnet",
    }


def test_trigram_similarity_is_pg_trgms():
    """The same figure pg_trgm gives (checked against PostgreSQL 15: 0.6666667)."""
    assert similarity.trigram_similarity("Bygglov på kvällen", "bygglov på kvällstid") == pytest.approx(2 / 3)
    assert similarity.trigram_similarity("", "något") == 0.0


@pytest.mark.parametrize("threshold", [0.3, 0.6, 0.9])
def test_similar_pairs_finds_exactly_the_pairs_comparing_all_would(threshold):
    """The prefix filter misses no pair and adds none, against comparing every pair (the
    labelled set with typed-twice copies: a changed letter, an added word)."""
    import itertools

    texts = [text for text, *_ in labelled_notes()]
    texts += [text.replace("a", "e", 1) for text in texts[::3]] + [f"{text} igen" for text in texts[::5]]
    sets = dict(enumerate(map(similarity.trigrams, texts)))
    every = sorted(
        (a, b)
        for a, b in itertools.combinations(sets, 2)
        if similarity.trigram_similarity(sets[a], sets[b]) >= threshold
    )
    assert sorted((a, b) for a, b, _score in similarity.similar_pairs(sets, threshold=threshold)) == every


@on_postgresql
def test_postgresql_and_python_give_the_same_lexemes_for_the_labelled_set():
    """Tolerance: every one of the 210 notes gets the same lexemes from PostgreSQL's
    ``swedish`` configuration as from the Python method (the known differences, e-mail and web
    addresses, do not occur in notes like these)."""
    texts = [text for text, *_ in labelled_notes()]
    from_postgresql = similarity.texts_lexemes(texts)
    different = [
        (text, pg ^ py)
        for text, pg, py in zip(texts, from_postgresql, map(similarity.lexemes, texts), strict=True)
        if pg != py
    ]
    assert different == []


@on_postgresql
def test_postgresql_and_python_give_the_same_figures():
    """The whole evaluation over PostgreSQL's lexemes equals the Python method's, to 1e-9."""
    python = evaluation.evaluate()
    postgresql = evaluation.evaluate(similarity.texts_lexemes)
    for name in python:
        if name != "seconds":
            assert postgresql[name] == pytest.approx(python[name], abs=1e-9), name


def test_the_labelled_set_meets_its_targets():
    """Leave-one-out on the 210 labelled notes, thresholds just under the measured figures so a
    regression fails: themes in the top three ≥ 0.85 (the issue's target; with three themes
    this is easy, so the first theme is held to 0.83 and the topic in the top three to 0.85),
    follow-up recall at 3 ≥ 0.75 (target 0.7), and groups by words and tags that reproduce the
    fourteen matters."""
    figures = evaluation.evaluate()
    assert figures["notes"] >= 200
    assert figures["theme_top3"] >= 0.85
    assert figures["theme_top1"] >= 0.83
    assert figures["topic_top3"] >= 0.85
    assert figures["followup_recall_at_3"] >= 0.75
    assert figures["ari_by_text_and_tags"] >= 0.95
    assert figures["groups_by_text_and_tags"] == len(CLUSTERS)


def test_adjusted_rand_index_and_purity():
    """1 for the same grouping whatever the names, about 0 for unrelated ones."""
    assert evaluation.adjusted_rand_index("aabbcc", [1, 1, 2, 2, 3, 3]) == 1.0
    assert evaluation.adjusted_rand_index("aabb", [1, 2, 1, 2]) < 0
    assert evaluation.purity("aabb", [1, 1, 1, 1]) == 0.5


# --- groups (both databases) ---


def test_the_demo_notes_group_under_the_seeds_three_themes(client_for):
    """With the demo, the 2017 lunch's notes are grouped under the seed's three themes, each
    group's notes all carrying the theme it is shown under; the notes that share a topic are
    grouped together."""
    call_command("load_demo", force=True)
    staff = get_user_model().objects.get(email="naringsliv@example.se")
    workshop = Workshop.objects.get(slug="lunch-med-kommunstyrelsen-2017")
    response = client_for(staff).get(reverse("feedback:note-groups", args=[workshop.slug]))
    assert response.status_code == 200
    sections = response.context["sections"]
    assert [section.theme.slug for section in sections] == [
        "service-och-leverans",
        "forstaelse-och-relation",
        "samarbete",
    ]
    grouped = [note for section in sections for group in section.groups for note in group.notes]
    assert sorted(note.pk for note in grouped) == sorted(
        Note.objects.filter(workshop=workshop).published().values_list("pk", flat=True)
    )
    for section in sections:
        for group in section.groups:
            assert all(section.theme in note.themes.all() for note in group.notes)
    together = {frozenset(note.text[:20] for note in group.notes) for s in sections for group in s.groups}
    assert frozenset({"Varje gång vi ringer", "Det saknas folk på m"}) in together
    assert frozenset({"Ta fram gemensamma m", "Följ upp målen varje"}) in together


def test_groups_are_the_labelled_matters_on_both_databases():
    """The labelled set's 210 notes, tagged, come out as its fourteen matters, each labelled
    with words from its notes; the same on SQLite and PostgreSQL."""
    workshop, notes = _labelled_workshop()
    sections = selectors.similar_note_groups(workshop=workshop)
    matter = {note.pk: key for note, (*_rest, key) in zip(notes, labelled_notes(), strict=True)}
    groups = [group for section in sections for group in section.groups]
    assert len(groups) == len(CLUSTERS)
    for group in groups:
        assert len({matter[note.pk] for note in group.notes}) == 1
        assert group.label and all(word.isalpha() or "-" in word for word in group.label)


@on_postgresql
def test_postgresql_groups_equal_the_python_methods():
    """The groups from PostgreSQL's lexemes are exactly those of the Python method, by words
    alone (no tags to lean on)."""
    workshop, notes = _labelled_workshop()
    from_postgresql = similarity.text_lexemes(Note.objects.filter(workshop=workshop))
    from_python = {note.pk: similarity.lexemes(note.text) for note in notes}
    assert [g.keys for g in similarity.group_similar(from_postgresql)] == [
        g.keys for g in similarity.group_similar(from_python)
    ]


def test_near_duplicates_paper_note_typed_twice_and_same_person_twice(business_owner):
    """A paper note typed twice with a slip, and one person's note sent twice, are flagged;
    two notes on the same matter in different words are not. Same on both databases."""
    workshop = factories.WorkshopFactory()
    typed = factories.NoteFactory(workshop=workshop, text="Bygglovsenheten borde ha öppet en kväll i veckan.")
    again = factories.NoteFactory(workshop=workshop, text="Bygglovsenheten borde ha öppet en kvall i veckan")
    mine = factories.NoteFactory(
        workshop=workshop, author=business_owner, text="Kontaktcenter kopplar fel hela tiden."
    )
    mine_again = factories.NoteFactory(
        workshop=workshop,
        author=business_owner,
        status=Note.Status.PENDING,
        text="Kontaktcenter kopplar fel hela tiden!!",
    )
    factories.NoteFactory(workshop=workshop, text="Öppna en kväll i veckan så att vi hinner komma förbi.")
    pairs = selectors.near_duplicates(workshop=workshop)
    assert [(p.first, p.second, p.same_author) for p in pairs] == [
        (mine, mine_again, True),
        (typed, again, False),
    ]
    # The figures equal the Python definition of pg_trgm's similarity.
    for pair in pairs:
        assert pair.similarity == pytest.approx(
            similarity.trigram_similarity(pair.first.text, pair.second.text), abs=1e-6
        )


def test_moderation_flags_a_note_the_same_person_sent_twice(client_for, staff, business_owner):
    """A waiting note nearly the same as the author's earlier one is flagged as sent twice; one
    nearly the same as a paper note is flagged as such; a different one is not flagged."""
    workshop = factories.WorkshopFactory()
    factories.NoteFactory(
        workshop=workshop, author=business_owner, text="Kontaktcenter kopplar fel hela tiden."
    )
    factories.NoteFactory(workshop=workshop, text="Bygglov borde ha öppet en kväll i veckan.")
    again = factories.NoteFactory(
        workshop=workshop,
        author=business_owner,
        status=Note.Status.PENDING,
        text="Kontaktcenter kopplar fel hela tiden!",
    )
    typed = factories.NoteFactory(
        workshop=workshop, status=Note.Status.PENDING, text="Bygglov borde ha öppet en kvall i veckan"
    )
    other = factories.NoteFactory(
        workshop=workshop, status=Note.Status.PENDING, text="Ett nyhetsbrev varje månad."
    )
    response = client_for(staff).get(reverse("feedback:note-moderation"))
    flagged = {note.pk: note.near_duplicate for note in response.context["page_obj"]}
    assert flagged[again.pk].same_author and flagged[again.pk].second.text.startswith("Kontaktcenter")
    assert not flagged[typed.pk].same_author and flagged[typed.pk].second.text.startswith("Bygglov")
    assert flagged[other.pk] is None
    page = response.content.decode()
    assert "Samma person skickade nästan samma anteckning tidigare:" in page


# --- suggested themes and topics (both databases) ---


def test_suggestions_come_from_the_most_similar_tagged_notes():
    """A new text about opening hours gets the opening-hours topic and its theme first, from
    the labelled notes; themes and topics the text already has are left out."""
    _labelled_workshop()
    [suggestion] = selectors.suggest_tags_for_texts(["Kan ni ha kvällsöppet på bygglov?"])
    assert suggestion.themes[0].slug == "service-och-leverans"
    assert suggestion.topics[0].slug == "oppettider"
    assert len(suggestion.themes) <= 3 and len(suggestion.topics) <= 3
    service = Theme.objects.get(slug="service-och-leverans")
    [without] = selectors.suggest_tags_for_texts(
        ["Kan ni ha kvällsöppet på bygglov?"], current=[({service.pk}, set())]
    )
    assert service not in without.themes


@on_postgresql
def test_postgresql_suggests_what_the_python_method_suggests():
    """For every labelled note, the themes and topics suggested on PostgreSQL are those the
    Python method suggests for the same data."""
    _labelled_workshop()
    texts = [text for text, *_ in labelled_notes()]
    on_postgresql_ = selectors.suggest_tags_for_texts(texts)
    python_lexemes = [similarity.lexemes(text) for text in texts]
    with similarity.python_only():
        in_python = selectors.suggest_tags_for_texts(texts, lexemes=python_lexemes)
    assert [(s.themes, s.topics) for s in on_postgresql_] == [(s.themes, s.topics) for s in in_python]


def test_suggestions_are_never_applied_by_themselves(client_for, staff, business_owner):
    """Drawing the moderation queue with suggestions changes no note's tags and writes nothing;
    only the person's click on one suggestion adds that one tag, audit-logged."""
    _labelled_workshop(60)
    workshop = factories.WorkshopFactory()
    note = factories.NoteFactory(
        workshop=workshop,
        author=business_owner,
        status=Note.Status.PENDING,
        text="Öppet en kväll i veckan på bygglov vore bra.",
        themes=[Theme.objects.get(slug="samarbete")],
    )
    client = client_for(staff)
    before = (list(note.themes.all()), list(note.topics.all()), AuditEntry.objects.count())
    response = client.get(reverse("feedback:note-moderation"))
    assert response.status_code == 200
    [shown] = response.context["page_obj"]
    assert [theme.slug for theme in shown.suggested.themes][:1] == ["service-och-leverans"]
    assert (list(note.themes.all()), list(note.topics.all()), AuditEntry.objects.count()) == before
    topic = Topic.objects.get(slug="oppettider")
    page = response.content.decode()
    assert f'name="topic" value="{topic.pk}"' in page
    response = client.post(
        reverse("feedback:note-accept-suggestion", args=[note.pk]),
        {"topic": topic.pk, "next": reverse("feedback:note-moderation")},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('feedback:note-moderation')}#note-{note.pk}"
    assert set(note.topics.all()) == {topic}
    assert set(note.themes.all()) == {Theme.objects.get(slug="samarbete"), topic.theme}
    assert AuditEntry.objects.filter(action="note.accept_suggestion", target_id=str(note.pk)).count() == 1


def test_accepting_nothing_or_a_missing_tag_changes_nothing(client_for, staff):
    """No theme or topic: a message, nothing added; an unknown id: 404."""
    note = factories.NoteFactory(status=Note.Status.PENDING)
    client = client_for(staff)
    url = reverse("feedback:note-accept-suggestion", args=[note.pk])
    response = client.post(url, {}, follow=True)
    assert "Välj ett föreslaget tema eller ämne." in response.content.decode()
    assert client.post(url, {"theme": "999999"}).status_code == 404
    assert client.post(url, {"theme": "x"}).status_code == 302
    assert note.themes.count() == 1 and note.topics.count() == 0


def test_accepting_an_offsite_next_goes_to_moderation(client_for, staff):
    """``next`` to another site is ignored."""
    note = factories.NoteFactory(status=Note.Status.PENDING)
    theme = Theme.objects.get(slug="samarbete")
    response = client_for(staff).post(
        reverse("feedback:note-accept-suggestion", args=[note.pk]),
        {"theme": theme.pk, "next": "https://example.com/"},
    )
    assert response["Location"] == f"{reverse('feedback:note-moderation')}#note-{note.pk}"


# --- query counts ---


@pytest.mark.parametrize("count", [20, 120])
def test_groups_page_queries_do_not_grow(client_for, staff, django_assert_num_queries, count):
    """The groups page reads a fixed number of queries at 20 and 120 notes."""
    workshop, _notes = _labelled_workshop(count)
    client = client_for(staff)
    url = reverse("feedback:note-groups", args=[workshop.slug])
    client.get(url)
    with django_assert_num_queries(QUERIES_GROUPS_PAGE[connection.vendor]):
        assert client.get(url).status_code == 200


# Session, user, workshop, notes, their themes and topics, the notes again for near-duplicates
# (with pg_trgm's trigrams on PostgreSQL), the menu's and frame's queries.
QUERIES_GROUPS_PAGE = {"sqlite": 10, "postgresql": 10}


@pytest.mark.parametrize("count", [3, 20])
def test_moderation_queue_with_suggestions_queries_do_not_grow(
    client_for, staff, django_assert_num_queries, count, business_owner
):
    """The moderation queue with suggestions reads a fixed number of queries at 3 and 20
    waiting notes."""
    _labelled_workshop(40)
    workshop = factories.WorkshopFactory()
    for number in range(count):
        factories.NoteFactory(
            workshop=workshop, author=business_owner, status=Note.Status.PENDING, text=f"Kvällsöppet {number}"
        )
    client = client_for(staff)
    url = reverse("feedback:note-moderation")
    client.get(url)
    with django_assert_num_queries(QUERIES_MODERATION):
        assert client.get(url).status_code == 200


# The queue's 9 (tests/feedback/test_notes_moderation.py) and the suggestions' 7: the page's
# notes' lexemes, the notes suggestions come from, their themes' and topics' ids, those themes
# and topics (not read when no published note has a theme, as in that test); the notes of the
# page's workshops for near-duplicates.
QUERIES_MODERATION = 16


# --- suggestions while transcribing (rows not saved yet) ---


def _typed(*texts, themes=()):
    data = {"group": "", "rad-TOTAL_FORMS": str(len(texts)), "rad-INITIAL_FORMS": "0"}
    for index, text in enumerate(texts):
        data |= {
            f"rad-{index}-text": text,
            f"rad-{index}-kind": "suggestion",
            f"rad-{index}-themes": list(themes),
        }
    return data


def test_transcription_suggests_and_ticks_only_what_staff_choose(client_for, staff):
    """ "Suggest" redraws the rows with what was typed and suggestions for each typed row,
    focus on the asking row's first suggestion; accepting one ticks that tag in that row only;
    nothing is saved until the rows are, and then with the accepted tags."""
    _labelled_workshop(60)
    workshop = factories.WorkshopFactory()
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    client = client_for(staff)
    typed = _typed("Kan bygglov ha kvällsöppet?", "Öppet på kvällen hos miljö")
    notes_before = Note.objects.count()
    response = client.post(url, typed | {"suggest": "0"})
    assert response.status_code == 200
    first, second = response.context["formset"].forms[:2]
    service = Theme.objects.get(slug="service-och-leverans")
    assert first.suggested.themes[0] == service and first.focus_suggestions
    assert second.suggested and not second.focus_suggestions
    page = response.content.decode()
    assert "Kan bygglov ha kvällsöppet?" in page
    assert f'value="0:theme:{service.pk}"' in page and "autofocus" in page
    assert Note.objects.count() == notes_before

    response = client.post(url, typed | {"accept": f"0:theme:{service.pk}"})
    first, second = response.context["formset"].forms[:2]
    assert first["themes"].value() == [str(service.pk)] and second["themes"].value() == []
    assert service not in first.suggested.themes  # ticked: no longer suggested
    assert Note.objects.count() == notes_before

    topic = Topic.objects.get(slug="oppettider")
    response = client.post(url, typed | {"accept": f"1:topic:{topic.pk}:{topic.theme_id}"})
    second = response.context["formset"].forms[1]
    assert (second["topics"].value(), second["themes"].value()) == ([str(topic.pk)], [str(topic.theme_id)])

    saved = typed | {"rad-0-themes": [service.pk], "rad-1-themes": [service.pk], "rad-1-topics": [topic.pk]}
    assert client.post(url, saved).status_code == 302
    assert Note.objects.count() == notes_before + 2
    assert set(Note.objects.get(text="Öppet på kvällen hos miljö").topics.all()) == {topic}


@pytest.mark.parametrize("value", ["x", "0:theme", "0:theme:x", "0:colour:1", "0:topic:1", "-1:theme:1"])
def test_a_bad_accept_ticks_nothing(client_for, staff, value):
    """A value that names no row and tag: the rows are drawn again, nothing ticked or saved."""
    workshop = factories.WorkshopFactory()
    response = client_for(staff).post(
        reverse("feedback:note-transcribe", args=[workshop.slug]), _typed("Kvällsöppet") | {"accept": value}
    )
    assert response.status_code in (200, 400)
    assert Note.objects.filter(workshop=workshop).count() == 0
    if response.status_code == 200:
        assert response.context["formset"].forms[0]["themes"].value() == []


@pytest.mark.parametrize("rows", [2, 20])
def test_transcription_suggestions_queries_do_not_grow(client_for, staff, django_assert_num_queries, rows):
    """Suggesting for 2 or 20 typed rows costs the same queries."""
    _labelled_workshop(30)
    workshop = factories.WorkshopFactory()
    url = reverse("feedback:note-transcribe", args=[workshop.slug])
    client = client_for(staff)
    data = _typed(*[f"Kvällsöppet på bygglov {n}" for n in range(rows)]) | {"suggest": "0"}
    client.post(url, data)
    with django_assert_num_queries(QUERIES_TRANSCRIPTION_SUGGEST[connection.vendor]):
        assert client.post(url, data).status_code == 200


# The page's own queries and the suggestions' five (six on PostgreSQL, which stems the typed
# texts in one query).
QUERIES_TRANSCRIPTION_SUGGEST = {"sqlite": 14, "postgresql": 15}


# --- the summary editor: cite a group in one step ---


def test_summary_editor_cites_a_group_of_similar_notes_in_one_step(client_for, staff):
    """The editor's picker offers groups of similar notes; "cite these notes" ticks every note
    of the group in that point, keeps what was typed and saves nothing until "Save"."""
    from tests.feedback.summary_helpers import draft_summary

    workshop, _notes = _labelled_workshop(45)  # three matters of fifteen notes
    summary = draft_summary(workshop=workshop, editor=staff, points=1)
    url = reverse("feedback:summary-edit", args=[summary.pk])
    client = client_for(staff)
    groups = client.get(url).context["note_groups"]
    assert [len(group.notes) for group in groups] == [15, 15, 15]
    group = groups[0]
    point = summary.points.get()
    data = {
        "version": summary.version,
        "introduction": "Ändrad inledning",
        "points-TOTAL_FORMS": "1",
        "points-INITIAL_FORMS": "1",
        "points-0-id": point.pk,
        "points-0-text": "Kvällsöppet efterfrågas",
        "points-0-order": "1",
        "filter-theme": "",
        "action": f"cite-group:0:{group.note_ids}",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    ticked = response.context["formset"].forms[0]["notes"].value()
    assert sorted(map(int, ticked)) == sorted(note.pk for note in group.notes)
    assert "Ändrad inledning" in response.content.decode()
    assert point.notes.count() == 0
    data = {**data, "action": "save", "points-0-notes": ticked}
    assert client.post(url, data).status_code == 302
    assert sorted(point.notes.values_list("pk", flat=True)) == sorted(note.pk for note in group.notes)


def test_typed_text_with_a_nul_character_is_read_without_an_error():
    """Text typed on the transcription page is read before it is validated: a NUL in it (which
    PostgreSQL refuses in a string) is no word and is left out, on either database."""
    assert similarity.texts_lexemes(["Parkering\x00 i Nödinge"]) == similarity.texts_lexemes(
        ["Parkering i Nödinge"]
    )
