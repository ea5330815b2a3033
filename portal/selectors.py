"""Reads for the open-data files, across the workshops, feedback and followups apps: only
what the public site already shows, and no personal data."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from feedback.models import Note, Summary, SummaryPoint
from followups.models import FollowUp
from workshops.models import Participation, Workshop


def _count(queryset, column: str) -> Coalesce:
    counts = (
        queryset.filter(**{column: OuterRef("pk")})
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def open_workshops() -> QuerySet[Workshop]:
    """Published workshops, oldest first, with how many took part and how many notes are
    published; one query whatever their number."""
    return (
        Workshop.objects.published()
        .annotate(
            attended_count=_count(Participation.objects.filter(attended=True), "workshop"),
            published_note_count=_count(Note.objects.published(), "workshop"),
        )
        .order_by("starts_at", "slug")
    )


def open_summaries() -> QuerySet[Summary]:
    """Published summaries of published workshops with their points, each point with how many
    published notes it cites; two queries whatever their number."""
    cited = SummaryPoint.notes.through.objects.filter(note__status=Note.Status.PUBLISHED)
    points = SummaryPoint.objects.annotate(cited_note_count=_count(cited, "summarypoint")).order_by(
        "order", "pk"
    )
    return (
        Summary.objects.filter(status=Summary.Status.PUBLISHED, workshop__status=Workshop.Status.PUBLISHED)
        .select_related("workshop", "theme")
        .prefetch_related(Prefetch("points", queryset=points))
        .order_by("workshop__starts_at", "workshop__slug", "theme__order")
    )


def open_followups() -> QuerySet[FollowUp]:
    """Follow-ups as the public follow-up pages show them, with their conference, theme and
    whether the promised feedback date was kept; one query whatever their number."""
    return (
        FollowUp.objects.select_related("conference", "theme")
        .annotate(
            published_note_count=Count("notes", filter=Q(notes__status=Note.Status.PUBLISHED), distinct=True)
        )
        .order_by("conference__year", "pk")
    )
