"""Reads of the summaries half: staff lists, the public "what we heard", history and comparison."""

import difflib
import re
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ..models import Disagreement, Note, Summary, SummaryPoint, SummaryRevision
from .notes import notes_search

# Words, runs of punctuation and runs of white space: the units a changed line is compared in.
TOKENS = re.compile(r"\w+|[^\w\s]+|\s+")
COUNTED_DISAGREEMENTS = ~Q(status=Disagreement.Status.WITHDRAWN)


def _count_subquery(queryset, column="point"):
    counted = queryset.order_by().values(column).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def points_with_counts():
    """Summary points annotated with ``note_count`` (published cited notes) and
    ``disagreement_count`` (not withdrawn), each computed in the database."""
    cited = SummaryPoint.notes.through.objects.filter(
        summarypoint_id=OuterRef("pk"), note__status=Note.Status.PUBLISHED
    )
    disagreements = Disagreement.objects.filter(COUNTED_DISAGREEMENTS, point=OuterRef("pk"))
    return SummaryPoint.objects.annotate(
        note_count=_count_subquery(cited, "summarypoint_id"),
        disagreement_count=_count_subquery(disagreements),
    ).order_by("order", "pk")


def summaries_for_staff():
    """Every summary, newest workshop first, with workshop, theme, editor and checker joined."""
    return (
        Summary.objects.select_related("workshop", "theme", "last_edited_by", "checked_by")
        .annotate(point_count=Count("points"))
        .order_by("-workshop__starts_at", "workshop__pk", "theme__order")
    )


def summary_for_staff(*, pk: int) -> Summary:
    """One summary with its points, each point's cited notes and counts, and its revisions."""
    notes = Note.objects.select_related("group").order_by("created_at", "pk")
    points = points_with_counts().prefetch_related(Prefetch("notes", queryset=notes))
    revisions = SummaryRevision.objects.select_related("saved_by").order_by("-number")
    return (
        Summary.objects.select_related("workshop", "theme", "last_edited_by", "checked_by", "returned_by")
        .prefetch_related(Prefetch("points", queryset=points), Prefetch("revisions", queryset=revisions))
        .get(pk=pk)
    )


def summary_for_editing(*, pk: int) -> Summary:
    """One summary with its points and their cited note ids, for the editor."""
    points = SummaryPoint.objects.order_by("order", "pk").prefetch_related(
        Prefetch("notes", queryset=Note.objects.only("pk"))
    )
    return (
        Summary.objects.select_related("workshop", "theme", "last_edited_by")
        .prefetch_related(Prefetch("points", queryset=points))
        .get(pk=pk)
    )


def notes_for_picker(*, workshop, theme=None, topic=None, group=None, text: str = "", always=()):
    """Published notes of a workshop a summary point may cite, filtered by theme, topic, group
    and text; the notes in ``always`` (already cited) are included whatever the filter."""
    matching = Q()
    if theme is not None:
        matching &= Q(themes=theme)
    if topic is not None:
        matching &= Q(topics=topic)
    if group is not None:
        matching &= Q(group=group)
    ids = Note.objects.published().filter(matching, workshop=workshop)
    if text:
        ids = notes_search(ids, text)
    ids = ids.values("pk")
    return (
        Note.objects.published()
        .filter(Q(pk__in=ids) | Q(pk__in=list(always)), workshop=workshop)
        .select_related("group")
        # Topics too: the picker's groups of similar notes read them (issue 21).
        .prefetch_related("themes", "topics")
        .order_by("created_at", "pk")
    )


def summaries_published_for_workshop(*, workshop, user=None) -> list[Summary]:
    """The workshop's published summaries by theme, each point with ``note_count`` and
    ``disagreement_count``; for a signed-in user each point also carries ``my_disagreement``
    (their open one, or None). Three queries at most, whatever the number of points."""
    summaries = list(
        Summary.objects.filter(workshop=workshop, status=Summary.Status.PUBLISHED)
        .select_related("theme", "checked_by")
        .prefetch_related(Prefetch("points", queryset=points_with_counts()))
        .order_by("theme__order", "theme__name_sv")
    )
    mine = {}
    if summaries and user is not None and user.is_authenticated:
        mine = {
            disagreement.point_id: disagreement
            for disagreement in Disagreement.objects.filter(
                COUNTED_DISAGREEMENTS, author=user, point__summary__in=summaries
            )
        }
    for summary in summaries:
        for point in summary.points.all():
            point.my_disagreement = mine.get(point.pk)
    return summaries


def summary_published(*, workshop_slug: str, theme_slug: str) -> Summary:
    """A published summary of a published workshop, with its points and their published cited
    notes (no authors). Raises ``Summary.DoesNotExist`` otherwise."""
    notes = Note.objects.published().select_related("group").order_by("created_at", "pk")
    points = points_with_counts().prefetch_related(Prefetch("notes", queryset=notes))
    return (
        Summary.objects.filter(status=Summary.Status.PUBLISHED, workshop__status="published")
        .select_related("workshop", "theme", "checked_by")
        .prefetch_related(Prefetch("points", queryset=points))
        .get(workshop__slug=workshop_slug, theme__slug=theme_slug)
    )


def point_for_disagreement(*, pk: int) -> SummaryPoint:
    """A summary point with its summary, workshop and theme, for the disagreement form."""
    return SummaryPoint.objects.select_related("summary__workshop", "summary__theme").get(pk=pk)


def disagreements_for_reading(*, summary=None):
    """Disagreements that were not withdrawn, newest first, with point, summary and author joined."""
    queryset = Disagreement.objects.filter(COUNTED_DISAGREEMENTS).select_related(
        "author", "point__summary__workshop", "point__summary__theme"
    )
    if summary is not None:
        queryset = queryset.filter(point__summary=summary)
    return queryset.order_by("-created_at", "-pk")


# --- comparing two versions ---


@dataclass
class DiffRow:
    """One row of a side-by-side comparison: the old and new line, split into changed and
    unchanged pieces, and the kind of change (equal, replace, delete, insert)."""

    kind: str
    old: list[tuple[str, bool]] | None
    new: list[tuple[str, bool]] | None


def _revision_lines(revision: SummaryRevision, notes: dict[int, str]) -> list[str]:
    lines = [_("Status: %(status)s") % {"status": revision.get_status_display()}]
    lines += [line for line in revision.introduction.splitlines() if line.strip()]
    for number, point in enumerate(sorted(revision.points, key=lambda p: (p["order"], p["id"])), start=1):
        lines.append(f"{number}. {point['text']}")
        for note_id in point.get("notes", []):
            cite = _("cites note %(number)s: %(text)s") % {"number": note_id, "text": notes.get(note_id, "–")}
            lines.append(f"– {cite}")
    return lines


def _word_pieces(old: str, new: str):
    old_words, new_words = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    old_pieces, new_pieces = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            old_pieces.append(("".join(old_words[i1:i2]), changed))
        if j2 > j1:
            new_pieces.append(("".join(new_words[j1:j2]), changed))
    return old_pieces, new_pieces


def revision_diff(old: SummaryRevision, new: SummaryRevision) -> list[DiffRow]:
    """Compare two saved versions line by line (status, introduction, points and cited notes)
    with difflib; changed lines are split into changed and unchanged words."""
    note_ids = {
        note_id for revision in (old, new) for point in revision.points for note_id in point.get("notes", [])
    }
    notes = {note.pk: note.text[:80] for note in Note.objects.filter(pk__in=note_ids).only("pk", "text")}
    old_lines, new_lines = _revision_lines(old, notes), _revision_lines(new, notes)
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [DiffRow("equal", [(line, False)], [(line, False)]) for line in old_lines[i1:i2]]
            continue
        left, right = old_lines[i1:i2], new_lines[j1:j2]
        for index in range(max(len(left), len(right))):
            old_line = left[index] if index < len(left) else None
            new_line = right[index] if index < len(right) else None
            if old_line is not None and new_line is not None:
                old_pieces, new_pieces = _word_pieces(old_line, new_line)
                rows.append(DiffRow("replace", old_pieces, new_pieces))
            elif old_line is not None:
                rows.append(DiffRow("delete", [(old_line, True)], None))
            else:
                rows.append(DiffRow("insert", None, [(new_line, True)]))
    return rows


# --- review (Arbetsyta) ---


def summaries_awaiting_review(*, user):
    """Summaries in review that ``user`` may check: never one they edited last (four eyes),
    oldest request first, with workshop and theme joined."""
    return (
        Summary.objects.filter(status=Summary.Status.IN_REVIEW)
        .exclude(last_edited_by=user)
        .select_related("workshop", "theme", "last_edited_by")
        .order_by("last_edited_at", "pk")
    )


def summaries_sent_back_to(*, user):
    """Drafts ``user`` edited last that a reviewer sent back, latest first, with who sent
    them back (their comment is on the summary)."""
    return (
        Summary.objects.filter(status=Summary.Status.DRAFT, last_edited_by=user, returned_at__isnull=False)
        .select_related("workshop", "theme", "returned_by")
        .order_by("-returned_at", "pk")
    )


def summaries_checked_for(*, user, since):
    """Summaries ``user`` edited last that another staff member checked and published since
    ``since``, latest check first, with the checker."""
    return (
        Summary.objects.filter(status=Summary.Status.PUBLISHED, last_edited_by=user, checked_at__gte=since)
        .select_related("workshop", "theme", "checked_by")
        .order_by("-checked_at", "pk")
    )
