"""Reads composed across the workshops, feedback and followups apps: the open-data files
(only what the public site already shows, and no personal data) and Arbetsyta, the staff home."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from feedback.models import Note, Summary, SummaryPoint
from feedback.selectors import summaries as summary_selectors
from followups import selectors as followup_selectors
from followups.models import FollowUp
from workshops import selectors as workshop_selectors
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


# --- Arbetsyta ---

# The counts on Arbetsyta stop at this many and then read "99+", so their cost stays flat.
WORKSPACE_COUNT_LIMIT = 99
# How many days ahead a promised feedback date counts as near.
WORKSPACE_DUE_DAYS = 30
# How many days a summary the user wrote stays listed as checked by a colleague.
WORKSPACE_CHECKED_DAYS = 14
# How many summaries waiting for the user's review are named on the page.
WORKSPACE_REVIEW_SHOWN = 5


@dataclass
class Workspace:
    """What waits for one staff member now, each with a count."""

    notes_to_moderate: int
    reviews: list[Summary]
    review_count: int
    sent_back: list[Summary]
    checked: list[Summary]
    inputs_to_link: int
    overdue: int
    due_soon: int
    next_workshop: Workshop | None


def workspace_for(*, user) -> Workspace:
    """Arbetsyta for ``user``: notes waiting for moderation, summaries waiting for *their*
    check (never one they edited last), inputs no follow-up takes care of, follow-ups whose
    promised date is near or passed, their own summaries sent back with a comment or checked lately,
    and the next workshop's registrations. Eight queries
    whatever the amount of data; the counts stop at ``WORKSPACE_COUNT_LIMIT + 1``."""
    limit = WORKSPACE_COUNT_LIMIT + 1
    awaiting = summary_selectors.summaries_awaiting_review(user=user)
    reviews = list(awaiting[:WORKSPACE_REVIEW_SHOWN])
    due = followup_selectors.followups_due_counts(days=WORKSPACE_DUE_DAYS)
    return Workspace(
        notes_to_moderate=Note.objects.pending().order_by()[:limit].count(),
        reviews=reviews,
        sent_back=list(summary_selectors.summaries_sent_back_to(user=user)[:WORKSPACE_REVIEW_SHOWN]),
        checked=list(
            summary_selectors.summaries_checked_for(
                user=user, since=timezone.now() - datetime.timedelta(days=WORKSPACE_CHECKED_DAYS)
            )[:WORKSPACE_REVIEW_SHOWN]
        ),
        review_count=awaiting.order_by()[:limit].count(),
        inputs_to_link=followup_selectors.triage_count(limit=limit),
        overdue=due["overdue"],
        due_soon=due["due_soon"],
        next_workshop=workshop_selectors.workshop_next_for_staff(),
    )
