"""Reads for notes: the notes page, an author's own notes, the moderation queue."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, QuerySet

from feedback.models import Note, Theme, Topic
from workshops.models import Workshop

# Must match the expression of the GIN index in migration 0003.
NOTE_SEARCH_VECTOR = SearchVector("text", config="swedish")


def _with_tags(notes: QuerySet) -> QuerySet:
    return notes.select_related("group").prefetch_related("themes", "topics")


def notes_for_notes_page(*, workshop: Workshop, include_unpublished: bool = False) -> QuerySet:
    """The notes of a workshop for its notes page, oldest first, with group, themes and topics.

    Published notes only, unless ``include_unpublished`` (staff and politicians): then also
    pending and hidden ones, which the page marks. Withdrawn notes are never included."""
    if include_unpublished:
        notes = Note.objects.filter(workshop=workshop).exclude(status=Note.Status.WITHDRAWN)
    else:
        notes = Note.objects.published().filter(workshop=workshop)
    return _with_tags(notes).order_by("created_at", "pk")


def notes_search(notes: QuerySet, query: str) -> QuerySet:
    """Narrow notes to those matching a search: Swedish full-text search on PostgreSQL
    (stemmed, web-search syntax), a case-insensitive contains match elsewhere."""
    query = query.strip()
    if not query:
        return notes
    if connection.vendor == "postgresql":
        return notes.annotate(search=NOTE_SEARCH_VECTOR).filter(
            search=SearchQuery(query, config="swedish", search_type="websearch")
        )
    return notes.filter(text__icontains=query)


def themes_in_order() -> list[Theme]:
    """Every theme, in the order pages list them (one query)."""
    return list(Theme.objects.order_by("order", "name_sv"))


def theme_note_counts(*, notes: QuerySet, themes: list[Theme] | None = None) -> list[Theme]:
    """``themes`` (default: every theme, in order), each with ``note_count``: how many of
    ``notes`` it tags.

    One grouped query that starts from ``notes`` (a workshop's few hundred) and looks their
    tags up by the (note, theme) index, so its cost does not grow with other workshops' notes;
    a count per theme that started from the theme would read every tag of that theme."""
    counts = dict(
        Note.themes.through.objects.filter(note__in=notes.order_by().values("pk"))
        .order_by()
        .values("theme")
        .annotate(n=Count("*"))
        .values_list("theme", "n")
    )
    themes = themes_in_order() if themes is None else themes
    for theme in themes:
        theme.note_count = counts.get(theme.pk, 0)
    return themes


def notes_of_author(*, user) -> QuerySet:
    """A business owner's own notes, newest first, with workshop, group, themes and topics."""
    return (
        _with_tags(Note.objects.filter(author=user)).select_related("workshop").order_by("-created_at", "-pk")
    )


def notes_pending_moderation() -> QuerySet:
    """Notes waiting for a staff decision, oldest first, with everything the queue shows."""
    return (
        _with_tags(Note.objects.pending()).select_related("workshop", "author").order_by("created_at", "pk")
    )


def note_for_author(*, pk: int) -> Note:
    """One note with its workshop, group and tags; raises ``Note.DoesNotExist``."""
    return _with_tags(Note.objects.select_related("workshop")).get(pk=pk)


def themes_and_topics() -> tuple[list[Theme], list[Topic]]:
    """Every theme and every topic, in order, for a page of transcription rows: two queries."""
    return themes_in_order(), list(Topic.objects.order_by("theme__order", "order", "name_sv"))


def normalised_text(text: str) -> str:
    """A note's text as compared for repeats: case and spacing ignored."""
    return " ".join(text.split()).casefold()


def texts_already_saved(*, workshop: Workshop, texts: list[str]) -> set[str]:
    """Which of ``texts`` repeat a note already saved for the workshop (not withdrawn),
    compared without regard to case and spacing; returned normalised. One query."""
    wanted = {normalised_text(text) for text in texts}
    if not wanted:
        return set()
    saved = (
        Note.objects.filter(workshop=workshop)
        .exclude(status=Note.Status.WITHDRAWN)
        .values_list("text", flat=True)
    )
    return {normalised for normalised in map(normalised_text, saved.iterator()) if normalised in wanted}
