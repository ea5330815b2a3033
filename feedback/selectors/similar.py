"""Reads for similar notes: a workshop's groups, near-duplicates, and tags suggested for a note.

The method is in ``feedback.similarity``; these read what it needs in a fixed number of
queries whatever the number of notes, and return plain objects for pages.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from feedback import similarity
from feedback.models import Note, Theme, Topic
from workshops.models import Workshop

# Tags are suggested from at most this many of the most recent published, tagged notes, so the
# cost of a suggestion stays flat however many years of notes there are.
SUGGESTION_CORPUS = 2000


@dataclass
class NoteGroup:
    """Notes of a workshop that say much the same thing."""

    notes: list[Note]
    label: list[str]
    themes: list[Theme] = field(default_factory=list)

    @property
    def note_ids(self) -> str:
        """The notes' ids, comma-separated (the value of a "cite this group" button)."""
        return ",".join(str(note.pk) for note in self.notes)

    @property
    def theme(self) -> Theme | None:
        """The theme most of the group's notes carry (the first in order among equals)."""
        return self.themes[0] if self.themes else None


@dataclass
class ThemeGroups:
    """A theme and the groups whose notes mostly carry it."""

    theme: Theme | None
    groups: list[NoteGroup]


def _workshop_notes(workshop: Workshop) -> QuerySet:
    # Published and waiting notes: hidden and withdrawn ones are not input to work with.
    return Note.objects.filter(
        workshop=workshop, status__in=[Note.Status.PUBLISHED, Note.Status.PENDING]
    ).order_by("created_at", "pk")


def _notes_with_lexemes(notes: QuerySet) -> list[Note]:
    """The notes with group, author, themes and topics, and their lexemes: three queries."""
    notes = notes.select_related("group", "author").prefetch_related("themes", "topics")
    if similarity.on_postgresql():
        notes = notes.annotate(similarity_lexemes=similarity.lexeme_array("text"))
    found = list(notes)
    for note in found:
        note.similarity_lexemes = frozenset(
            getattr(note, "similarity_lexemes", None) or ()
        ) or similarity.lexemes(note.text)
    return found


def similar_note_groups(*, workshop: Workshop) -> list[ThemeGroups]:
    """A workshop's published and waiting notes in groups of similar notes, under the theme
    each group's notes mostly carry (themes in order, groups largest first). Three queries."""
    notes = _notes_with_lexemes(_workshop_notes(workshop))
    by_pk = {note.pk: note for note in notes}
    theme_ids = {note.pk: [theme.pk for theme in note.themes.all()] for note in notes}
    groups = similarity.group_similar(
        {note.pk: note.similarity_lexemes for note in notes},
        topics={note.pk: [topic.pk for topic in note.topics.all()] for note in notes},
        themes=theme_ids,
    )
    themes = {theme.pk: theme for note in notes for theme in note.themes.all()}
    sections: dict[int | None, list[NoteGroup]] = defaultdict(list)
    for group in groups:
        members = [by_pk[pk] for pk in group.keys]
        counts = Counter(theme for pk in group.keys for theme in theme_ids[pk])
        ranked = sorted(counts, key=lambda pk: (-counts[pk], themes[pk].order, themes[pk].name_sv))
        label = similarity.readable_label(group.label_lexemes, [note.text for note in members])
        note_group = NoteGroup(notes=members, label=label, themes=[themes[pk] for pk in ranked])
        sections[ranked[0] if ranked else None].append(note_group)
    ordered = sorted(
        sections, key=lambda pk: (pk is None, themes[pk].order if pk else 0, themes[pk].name_sv if pk else "")
    )
    return [ThemeGroups(theme=themes.get(pk), groups=sections[pk]) for pk in ordered]


def groups_among(notes: list[Note], *, minimum: int = 2) -> list[NoteGroup]:
    """Groups of at least ``minimum`` similar notes among notes already read (their themes and
    topics prefetched), largest first: by their words (the Python method, whatever the
    database), topics and themes. No query: for the summary editor's note picker."""
    by_pk = {note.pk: note for note in notes}
    groups = similarity.group_similar(
        {note.pk: similarity.lexemes(note.text) for note in notes},
        topics={note.pk: [topic.pk for topic in note.topics.all()] for note in notes},
        themes={note.pk: [theme.pk for theme in note.themes.all()] for note in notes},
    )
    found = []
    for group in groups:
        if len(group.keys) >= minimum:
            members = [by_pk[pk] for pk in group.keys]
            label = similarity.readable_label(group.label_lexemes, [note.text for note in members])
            found.append(NoteGroup(notes=members, label=label))
    return found


@dataclass
class NearDuplicate:
    """Two notes of a workshop whose texts are nearly the same."""

    first: Note
    second: Note
    similarity: float

    @property
    def same_author(self) -> bool:
        """Submitted twice by one person (two paper notes have no author: typed twice)."""
        return self.first.author_id is not None and self.first.author_id == self.second.author_id


def _with_trigrams(notes: QuerySet) -> QuerySet:
    """On PostgreSQL, each note read with pg_trgm's trigrams of its text (``similarity_trigrams``)."""
    if similarity.on_postgresql():
        return notes.annotate(similarity_trigrams=similarity.trigram_array("text"))
    return notes


def _trigrams_of(note: Note) -> frozenset[str]:
    """A note's trigrams: read with it on PostgreSQL (``_with_trigrams``), computed here elsewhere."""
    if hasattr(note, "similarity_trigrams"):
        return frozenset(note.similarity_trigrams or ())
    return similarity.trigrams(note.text)


def near_duplicate_pairs(
    *, notes: list[Note], threshold: float = similarity.DUPLICATE_THRESHOLD
) -> list[tuple[int, int, float]]:
    """(first pk, second pk, similarity) of the pairs of ``notes`` whose trigram similarity is
    at least ``threshold``, first pk lower, most similar first. The trigrams are pg_trgm's
    (``show_trgm``, read with the notes as ``similarity_trigrams``) on PostgreSQL, the same
    computed in Python elsewhere; the similarity is pg_trgm's ``similarity()`` on them.

    Comparing in the database with ``similarity()`` or the ``%`` operator took 13 and 9 seconds
    for a workshop of 1,000 notes (PostgreSQL 15), pairing in Python about one."""
    grams = {note.pk: _trigrams_of(note) for note in notes}
    found = [
        (first, second, round(score, 6))
        for first, second, score in similarity.similar_pairs(grams, threshold=threshold)
    ]
    return sorted(found, key=lambda pair: (-pair[2], pair[0], pair[1]))


def near_duplicates(*, workshop: Workshop) -> list[NearDuplicate]:
    """Pairs of the workshop's published and waiting notes that are nearly the same text:
    a paper note typed twice, or one person's note submitted twice. One query."""
    notes = list(_with_trigrams(_workshop_notes(workshop).select_related("group", "author")))
    by_pk = {note.pk: note for note in notes}
    return [
        NearDuplicate(first=by_pk[first], second=by_pk[second], similarity=score)
        for first, second, score in near_duplicate_pairs(notes=notes)
    ]


def near_duplicates_for(notes: list[Note]) -> dict[int, NearDuplicate]:
    """For each of ``notes``, the most similar other published or waiting note of its workshop
    at ``DUPLICATE_THRESHOLD`` or more (``first`` is the note itself), by note id; for the
    moderation queue. One query, whatever the number of notes."""
    if not notes:
        return {}
    others = _with_trigrams(
        Note.objects.filter(
            workshop__in={note.workshop_id for note in notes},
            status__in=[Note.Status.PUBLISHED, Note.Status.PENDING],
        )
        .only("workshop_id", "author_id", "text", "status", "created_at")
        .order_by("created_at", "pk")
    )
    by_workshop = defaultdict(list)
    grams = {}
    for other in others:
        by_workshop[other.workshop_id].append(other)
        grams[other.pk] = _trigrams_of(other)
    found = {}
    for note in notes:
        mine = grams.get(note.pk) or similarity.trigrams(note.text)
        best = None
        for other in by_workshop[note.workshop_id]:
            if other.pk == note.pk:
                continue
            score = round(similarity.trigram_similarity(mine, grams[other.pk]), 6)
            if score >= similarity.DUPLICATE_THRESHOLD and (best is None or score > best.similarity):
                best = NearDuplicate(first=note, second=other, similarity=score)
        if best is not None:
            found[note.pk] = best
    return found


# --- suggested themes and topics ---


@dataclass
class TagSuggestion:
    """Up to three themes and three topics suggested for one text, best first."""

    themes: list[Theme] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)

    def __bool__(self):
        return bool(self.themes or self.topics)

    @property
    def choices(self) -> list[tuple[str, Theme | Topic]]:
        """Each suggested tag with the name of the field that takes it ("theme", "topic")."""
        return [("theme", theme) for theme in self.themes] + [("topic", topic) for topic in self.topics]


def _suggestion_corpus(exclude: set[int]):
    """The most recent published notes with a theme: their lexemes, their themes' and topics'
    ids, and those themes and topics (each read once, not once per link). Five queries (three
    when no published note has a theme)."""
    # EXISTS, not a join and DISTINCT: PostgreSQL then walks the status and date index
    # backwards and stops at the limit instead of sorting every published note (at 50,000
    # notes 6 ms instead of 25, and the corpus is a subquery of the three queries below).
    corpus = (
        Note.objects.published()
        .filter(Exists(Note.themes.through.objects.filter(note=OuterRef("pk"))))
        .exclude(pk__in=exclude)
        .order_by("-created_at", "-pk")
        .values("pk")[:SUGGESTION_CORPUS]
    )
    documents = similarity.text_lexemes(Note.objects.filter(pk__in=corpus))
    themes, topics, tags = defaultdict(list), defaultdict(list), {}
    # The links as id pairs: a few thousand of them name a few dozen themes and topics, which
    # are read once each (as objects per link, they took most of a suggestion's time).
    for kind, model, links, found in (
        ("theme", Theme, Note.themes.through.objects.values_list("note_id", "theme_id"), themes),
        ("topic", Topic, Note.topics.through.objects.values_list("note_id", "topic_id"), topics),
    ):
        for note_id, tag_id in links.filter(note__in=corpus):
            found[note_id].append(tag_id)
        ids = {tag_id for tag_ids in found.values() for tag_id in tag_ids}
        for tag in model.objects.filter(pk__in=ids):
            tags[kind, tag.pk] = tag
    return documents, themes, topics, tags


def suggest_tags_for_texts(
    texts: list[str],
    *,
    current: list[tuple[set[int], set[int]]] | None = None,
    exclude_notes: set[int] = frozenset(),
    lexemes: list[frozenset[str]] | None = None,
) -> list[TagSuggestion]:
    """For each text, up to three themes and three topics that its most similar tagged notes
    carry (weighted by similarity), leaving out those it already has (``current``: theme ids,
    topic ids per text). Only suggestions: nothing is stored. Five queries, six on
    PostgreSQL without ``lexemes`` given, whatever the number of texts."""
    if not texts:
        return []
    current = current or [(set(), set())] * len(texts)
    lexemes = lexemes if lexemes is not None else similarity.texts_lexemes(texts)
    documents, note_themes, note_topics, tags = _suggestion_corpus(set(exclude_notes))
    index = similarity.Index(documents)
    suggestions = []
    for found, (has_themes, has_topics) in zip(lexemes, current, strict=True):
        vector = index.vector(found)
        neighbours = index.nearest(vector, limit=similarity.SUGGESTION_NEIGHBOURS) if vector else []
        theme_ids = similarity.vote(neighbours, note_themes, exclude=has_themes)
        topic_ids = similarity.vote(neighbours, note_topics, exclude=has_topics)
        suggestions.append(
            TagSuggestion(
                themes=[tags["theme", pk] for pk in theme_ids],
                topics=[tags["topic", pk] for pk in topic_ids],
            )
        )
    return suggestions


def suggest_tags_for_notes(notes: list[Note]) -> dict[int, TagSuggestion]:
    """Suggested themes and topics for saved notes (their themes and topics prefetched), by
    note id; the notes themselves are not among the notes suggestions come from."""
    if not notes:
        return {}
    lexemes = similarity.text_lexemes(Note.objects.filter(pk__in=[note.pk for note in notes]))
    suggestions = suggest_tags_for_texts(
        [note.text for note in notes],
        current=[
            ({theme.pk for theme in note.themes.all()}, {topic.pk for topic in note.topics.all()})
            for note in notes
        ],
        exclude_notes={note.pk for note in notes},
        lexemes=[lexemes.get(note.pk, frozenset()) for note in notes],
    )
    return {note.pk: suggestion for note, suggestion in zip(notes, suggestions, strict=True)}
