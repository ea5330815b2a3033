"""Reads for the politicians' dashboard: every figure is counted by the database.

Each selector runs a fixed number of queries (one, unless its docstring says otherwise),
whatever the amount of data. A ``DashboardFilter`` narrows the figures to one year and one
theme; ``year=None`` means every year and ``theme=None`` every theme.

How the year applies: workshops, participation, notes and summaries by the year the workshop
started (local time); follow-ups and promises by the year of their conference.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Cast, ExtractYear, Lower
from django.utils import timezone

from feedback.models import Disagreement, Note, Summary, Theme, Topic
from followups.models import Conference, FollowUp
from workshops.models import Participation, Workshop

TOP_TOPICS = 10
OVERDUE_LISTED = 25

# Disagreements that still stand: a withdrawn one no longer counts.
STANDING_DISAGREEMENT = [
    Disagreement.Status.OPEN,
    Disagreement.Status.IN_FOLLOWUP,
    Disagreement.Status.ANSWERED,
]


@dataclass(frozen=True)
class DashboardFilter:
    """What the dashboard shows: one year (or all) and one theme (or all), judged at ``now``."""

    year: int | None
    theme: Theme | None
    now: datetime.datetime

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)


@dataclass(frozen=True)
class FilterOptions:
    years: list[int]
    default_year: int
    themes: list[Theme]


def next_workshop_start(*, now: datetime.datetime) -> datetime.datetime | None:
    """When the next published workshop starts after ``now`` (None when none is planned): the
    moment the figures of held workshops change without a write. One query."""
    return (
        Workshop.objects.published()
        .filter(starts_at__gt=now)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def dashboard_filter_options(*, now: datetime.datetime) -> FilterOptions:
    """The years that have a published workshop or a conference (newest first), the themes, and
    the year shown by default: the latest year in which a workshop has been held. Three queries."""
    workshop_years = {
        row["year"]: row["held"]
        for row in Workshop.objects.published()
        .annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(held=Count("pk", filter=Q(starts_at__lte=now)))
        .order_by("year")
    }
    conference_years = set(Conference.objects.values_list("year", flat=True))
    years = sorted(set(workshop_years) | conference_years, reverse=True)
    this_year = timezone.localdate(now).year
    held_years = [year for year, held in workshop_years.items() if held]
    past_conference_years = [year for year in conference_years if year <= this_year]
    default_year = max(held_years or past_conference_years or [this_year])
    if default_year not in years:
        years.insert(0, default_year)
    return FilterOptions(years=years, default_year=default_year, themes=list(Theme.objects.order_by("order")))


# --- participation -------------------------------------------------------------------------


def _held_workshops(filters: DashboardFilter) -> QuerySet:
    workshops = Workshop.objects.published().filter(starts_at__lte=filters.now)
    if filters.year is not None:
        workshops = workshops.filter(starts_at__year=filters.year)
    return workshops


def participation_figures(*, filters: DashboardFilter) -> dict:
    """Workshops held, attended participants by role and unique organisations reached.

    Counts published workshops that have started and participations marked as attended. The
    theme does not apply: workshops cover every theme. Two queries."""
    workshops = _held_workshops(filters)
    held = workshops.count()
    counts = Participation.objects.filter(attended=True, workshop__in=workshops).aggregate(
        total=Count("pk"),
        organisations=Count("organisation", distinct=True),
        **{role: Count("pk", filter=Q(role=role)) for role in Participation.Role.values},
    )
    return {
        "workshops_held": held,
        "participants": counts.pop("total"),
        "organisations": counts.pop("organisations"),
        "by_role": [(role, counts[role.value]) for role in Participation.Role],
    }


def returning_business_owners(*, filters: DashboardFilter) -> int:
    """Business owners who attended a workshop in the period and more than one workshop in all
    (counting every workshop held up to the end of the period).

    A person is their account, or for walk-ins without an account their e-mail address; walk-ins
    with neither cannot be recognised and never count as returning. One query."""
    person = Case(
        When(user__isnull=False, then=Cast("user_id", CharField())),
        When(~Q(email=""), then=Lower("email")),
        default=Value(None),
        output_field=CharField(),
    )
    participations = Participation.objects.filter(
        attended=True,
        role=Participation.Role.BUSINESS_OWNER,
        workshop__status=Workshop.Status.PUBLISHED,
        workshop__starts_at__lte=filters.now,
    )
    in_period = Q()
    if filters.year is not None:
        participations = participations.filter(workshop__starts_at__year__lte=filters.year)
        in_period = Q(workshop__starts_at__year=filters.year)
    return (
        participations.annotate(person=person)
        .filter(person__isnull=False)
        .values("person")
        .annotate(workshops=Count("workshop", distinct=True), in_period=Count("pk", filter=in_period))
        .filter(workshops__gt=1, in_period__gt=0)
        .order_by()
        .count()
    )


# --- input ---------------------------------------------------------------------------------


def _published_notes(filters: DashboardFilter) -> QuerySet:
    notes = Note.objects.published()
    if filters.year is not None:
        notes = notes.filter(workshop__starts_at__year=filters.year)
    if filters.theme is not None:
        notes = notes.filter(themes=filters.theme)
    return notes


def _note_condition(filters: DashboardFilter) -> Q:
    """The published-notes condition, seen from a theme or topic through ``notes__``."""
    condition = Q(notes__status=Note.Status.PUBLISHED)
    if filters.year is not None:
        condition &= Q(notes__workshop__starts_at__year=filters.year)
    return condition


def notes_by_kind(*, filters: DashboardFilter) -> list[tuple]:
    """Published notes per kind, every kind listed (zero included), in the kinds' order. One query."""
    counts = dict(_published_notes(filters).values_list("kind").annotate(n=Count("pk")).order_by())
    return [(kind, counts.get(kind.value, 0)) for kind in Note.Kind]


def notes_by_theme(*, filters: DashboardFilter) -> QuerySet:
    """Themes (the filtered one, or all) annotated with ``note_count``, published notes tagged
    with the theme. A note with two themes counts under both. One query."""
    themes = Theme.objects.all()
    if filters.theme is not None:
        themes = themes.filter(pk=filters.theme.pk)
    # A note is tagged with a theme once (the through table is unique on the pair) and its
    # workshop is a single row, so the joined rows are the notes: no DISTINCT (a sort) needed.
    return themes.annotate(note_count=Count("notes", filter=_note_condition(filters))).order_by(
        "order", "name_sv"
    )


def top_topics(*, filters: DashboardFilter, limit: int = TOP_TOPICS) -> QuerySet:
    """The topics most published notes are tagged with (those with at least one), most first,
    annotated with ``note_count``; with a theme filter, the topics under that theme. One query."""
    topics = Topic.objects.select_related("theme")
    if filters.theme is not None:
        topics = topics.filter(theme=filters.theme)
    return (
        topics.annotate(note_count=Count("notes", filter=_note_condition(filters)))
        .filter(note_count__gt=0)
        .order_by("-note_count", "theme__order", "order", "name_sv")[:limit]
    )


def disagreement_by_summary(*, filters: DashboardFilter) -> QuerySet:
    """Published summaries with ``point_count``, ``disagreement_count`` (standing disagreements)
    and ``disputed_point_count`` (points at least one standing disagreement is about). One query."""
    summaries = Summary.objects.filter(status=Summary.Status.PUBLISHED).select_related("workshop", "theme")
    if filters.year is not None:
        summaries = summaries.filter(workshop__starts_at__year=filters.year)
    if filters.theme is not None:
        summaries = summaries.filter(theme=filters.theme)
    standing = Q(points__disagreements__status__in=STANDING_DISAGREEMENT)
    return summaries.annotate(
        point_count=Count("points", distinct=True),
        disagreement_count=Count("points__disagreements", filter=standing, distinct=True),
        disputed_point_count=Count("points", filter=standing, distinct=True),
    ).order_by("-workshop__starts_at", "workshop__pk", "theme__order")


# --- follow-ups and promises ---------------------------------------------------------------


def _followups(filters: DashboardFilter) -> QuerySet:
    followups = FollowUp.objects.all()
    if filters.year is not None:
        followups = followups.filter(conference__year=filters.year)
    if filters.theme is not None:
        followups = followups.filter(theme=filters.theme)
    return followups


def followup_funnel(*, filters: DashboardFilter) -> list[tuple]:
    """How many follow-ups stand at each status, every status listed in the order a follow-up
    moves through them. One query."""
    counts = dict(_followups(filters).values_list("status").annotate(n=Count("pk")).order_by())
    return [(status, counts.get(status.value, 0)) for status in FollowUp.Status]


def promise_conditions(today: datetime.date, *, from_conference: bool = False) -> dict[str, Q]:
    """The four promise outcomes as conditions on follow-ups (seen from a conference through
    ``followups__`` with ``from_conference``).

    An answer (feedback, or a declined follow-up's reason) published on or before the promised
    date, local time, is on time, after it late; no answer with the date passed is overdue,
    otherwise the promise is not yet due. Same rules as ``FollowUpQuerySet.with_promise``."""
    followup = "followups__" if from_conference else ""
    promised_date = "promised_feedback_date" if from_conference else "conference__promised_feedback_date"
    published = f"{followup}feedback_published_at"
    answered = Q(**{f"{published}__isnull": False})
    unanswered = Q(**{f"{published}__isnull": True})
    date_passed = Q(**{f"{promised_date}__lt": today})
    return {
        FollowUp.Promise.ON_TIME: answered & Q(**{f"{published}__date__lte": F(promised_date)}),
        FollowUp.Promise.LATE: answered & Q(**{f"{published}__date__gt": F(promised_date)}),
        FollowUp.Promise.OVERDUE: unanswered & date_passed,
        FollowUp.Promise.PENDING: unanswered & ~date_passed,
    }


def promises_by_conference(*, filters: DashboardFilter, every_year: bool = False) -> QuerySet:
    """Conferences (of the filtered year, or all with ``every_year``), oldest first, with
    ``promised`` (follow-ups), ``due`` (promised date passed) and one count per promise outcome
    (``on_time``, ``late``, ``overdue``, ``pending``); the theme filter narrows the follow-ups.
    One query."""
    conferences = Conference.objects.all()
    if filters.year is not None and not every_year:
        conferences = conferences.filter(year=filters.year)
    scope = Q(followups__isnull=False)
    if filters.theme is not None:
        scope = Q(followups__theme=filters.theme)
    outcomes = promise_conditions(filters.today, from_conference=True)
    return conferences.annotate(
        promised=Count("followups", filter=scope),
        due=Count("followups", filter=scope & Q(promised_feedback_date__lt=filters.today)),
        **{outcome: Count("followups", filter=scope & condition) for outcome, condition in outcomes.items()},
    ).order_by("year")


def overdue_followups(*, filters: DashboardFilter, limit: int = OVERDUE_LISTED) -> QuerySet:
    """Follow-ups whose promised date has passed without an answer, the longest overdue first,
    with their conference and theme. One query."""
    condition = promise_conditions(filters.today)[FollowUp.Promise.OVERDUE]
    return (
        _followups(filters)
        .filter(condition)
        .select_related("conference", "theme")
        .order_by("conference__promised_feedback_date", "pk")[:limit]
    )


def notes_per_year(*, filters: DashboardFilter) -> dict[int, int]:
    """Published notes per workshop year, every year (the theme filter applies). One query."""
    every_year = DashboardFilter(year=None, theme=filters.theme, now=filters.now)
    return dict(
        _published_notes(every_year)
        .annotate(year=ExtractYear("workshop__starts_at"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )


# --- beside the indicators (issue 23): the dialogue per theme, year by year -------------------


def notes_per_theme_and_year(*, filters: DashboardFilter) -> dict[tuple[int, int], int]:
    """Published notes per (theme id, workshop year), every year (the theme filter applies; a
    note with two themes counts under both). One query."""
    every_year = DashboardFilter(year=None, theme=filters.theme, now=filters.now)
    rows = (
        _published_notes(every_year)
        .annotate(year=ExtractYear("workshop__starts_at"))
        .values_list("themes", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(theme, year): n for theme, year, n in rows if theme is not None}


def followups_per_theme_and_year(*, filters: DashboardFilter) -> dict[tuple[int | None, int], dict[str, int]]:
    """Per (theme id, conference year): follow-ups and how many are answered (feedback
    published or declined with a reason), every year (the theme filter applies). One query."""
    every_year = DashboardFilter(year=None, theme=filters.theme, now=filters.now)
    rows = (
        _followups(every_year)
        .values("theme", "conference__year")
        .annotate(total=Count("pk"), answered=Count("pk", filter=Q(feedback_published_at__isnull=False)))
        .order_by()
    )
    return {
        (row["theme"], row["conference__year"]): {"total": row["total"], "answered": row["answered"]}
        for row in rows
    }


def dashboard_themes() -> list[Theme]:
    """Every theme in its order. One query."""
    return list(Theme.objects.order_by("order", "name_sv"))
