"""Reads for indicators, the action plan and "Ni sa – vi gjorde". Each selector runs the fixed
number of queries its docstring gives, whatever the amount of data."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from feedback.models import Summary, Theme
from followups.models import Conference, FollowUp
from workshops.models import Workshop

from .models import ActionPoint, Indicator, IndicatorYear

# --- series: an indicator's years arranged (no query) ---------------------------------------


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal | None
    target: Decimal | None
    is_example: bool
    reached: bool | None = None  # None: no value or no target


@dataclass
class Series:
    """An indicator with its years, oldest first, and what they say about one year."""

    indicator: Indicator
    points: list[Point] = field(default_factory=list)

    @classmethod
    def of(cls, indicator: Indicator) -> "Series":
        """From an indicator whose years were read (``years_list``, or ``years`` prefetched):
        no query."""
        rows = getattr(indicator, "years_list", None)
        if rows is None:
            rows = indicator.years.all()
        return cls(
            indicator,
            [
                Point(
                    row.year,
                    row.value,
                    row.target,
                    row.is_example,
                    None
                    if row.value is None or row.target is None
                    else indicator.reached(row.value, row.target),
                )
                for row in rows
            ],
        )

    @property
    def has_examples(self) -> bool:
        return any(point.is_example for point in self.points)

    @property
    def measured(self) -> list[Point]:
        return [point for point in self.points if point.value is not None]

    def at(self, year: int) -> Point | None:
        return next((point for point in self.points if point.year == year), None)

    def latest(self, year: int | None = None) -> Point | None:
        """The latest measured year (at or before ``year`` when given)."""
        measured = [p for p in self.measured if year is None or p.year <= year]
        return measured[-1] if measured else None

    def before(self, point: Point) -> Point | None:
        """The measured year before ``point``."""
        earlier = [p for p in self.measured if p.year < point.year]
        return earlier[-1] if earlier else None

    def movement(self, year: int | None = None) -> "Movement | None":
        """How the latest value (at or before ``year``) moved from the value measured before
        it, and where it stands against that year's target; None without any value."""
        now = self.latest(year)
        if now is None:
            return None
        then = self.before(now)
        change = None if then is None else now.value - then.value
        improved = None if then is None else self.indicator.improved(then.value, now.value)
        reached = None if now.target is None else self.indicator.reached(now.value, now.target)
        return Movement(now=now, then=then, change=change, improved=improved, target_reached=reached)

    def since(self, year: int) -> "Movement | None":
        """How the indicator moved from ``year`` (its latest value at or before it) to the
        latest value; when ``year`` is the latest, from the value measured before it."""
        now, then = self.latest(), self.latest(year)
        if now is None or then is None or then.year == now.year:
            return self.movement()
        return Movement(
            now=now,
            then=then,
            change=now.value - then.value,
            improved=self.indicator.improved(then.value, now.value),
            target_reached=None if now.target is None else self.indicator.reached(now.value, now.target),
        )


@dataclass(frozen=True)
class Movement:
    now: Point
    then: Point | None
    change: Decimal | None
    improved: bool | None  # None: unchanged, or nothing to compare with
    target_reached: bool | None  # None: no target for the year

    @property
    def is_example(self) -> bool:
        return self.now.is_example or (self.then is not None and self.then.is_example)


# --- indicators -----------------------------------------------------------------------------


def indicators_with_years(*, theme: Theme | None = None) -> list[Indicator]:
    """Every indicator (of ``theme`` when given) with its theme and its years (oldest first)
    attached as ``years_list``, in the register's order. Two queries, also when there is none."""
    indicators = Indicator.objects.select_related("theme")
    years = IndicatorYear.objects.order_by("year")
    if theme is not None:
        indicators = indicators.filter(theme=theme)
        years = years.filter(indicator__theme=theme)
    # The indicators without a theme last, on SQLite and PostgreSQL alike.
    indicators = list(indicators.order_by(F("theme__order").asc(nulls_last=True), "order", "name_sv"))
    by_indicator: dict[int, list[IndicatorYear]] = {}
    for row in years:
        by_indicator.setdefault(row.indicator_id, []).append(row)
    for indicator in indicators:
        indicator.years_list = by_indicator.get(indicator.pk, [])
    return indicators


def indicator_series(*, theme: Theme | None = None) -> list[Series]:
    """``indicators_with_years`` as series. Two queries."""
    return [Series.of(indicator) for indicator in indicators_with_years(theme=theme)]


def indicator_for_page(*, slug: str) -> Indicator:
    """One indicator with its theme, its years and the action-plan points serving it (with
    their themes). Three queries; ``Indicator.DoesNotExist`` when there is none."""
    return (
        Indicator.objects.select_related("theme")
        .prefetch_related(
            Prefetch("years", queryset=IndicatorYear.objects.order_by("year")),
            Prefetch("action_points", queryset=ActionPoint.objects.order_by("-year", "deadline", "pk")),
        )
        .get(slug=slug)
    )


def group_by_theme(items, theme_of) -> list[tuple[Theme | None, list]]:
    """Items grouped under their theme, themes in their order and the items without one last."""
    groups: dict = {}
    for item in items:
        groups.setdefault(theme_of(item), []).append(item)
    themed = sorted((t for t in groups if t is not None), key=lambda t: (t.order, t.name_sv))
    return [(t, groups[t]) for t in themed] + ([(None, groups[None])] if None in groups else [])


# --- the action plan ------------------------------------------------------------------------


def plan_years(*, include_unpublished: bool) -> list[int]:
    """The years that have an action plan (a published point, or any with
    ``include_unpublished``), newest first. One query."""
    points = ActionPoint.objects.all() if include_unpublished else ActionPoint.objects.published()
    return list(points.order_by("-year").values_list("year", flat=True).distinct())


def plan_for_year(*, year: int, include_unpublished: bool) -> list[ActionPoint]:
    """The points of ``year``'s plan (only published ones unless ``include_unpublished``) by
    deadline, with owner and theme, and the follow-ups (with their conference) and
    indicators each serves. Three queries."""
    points = ActionPoint.objects.filter(year=year)
    if not include_unpublished:
        points = points.published()
    return list(
        points.select_related("owner", "theme")
        .prefetch_related(
            Prefetch("followups", queryset=FollowUp.objects.select_related("conference").order_by("pk")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "name_sv")),
        )
        .order_by("deadline", "pk")
    )


def action_point_for_editing(*, pk: int) -> ActionPoint:
    """One point with its owner and the ids of what it serves. Three queries."""
    return (
        ActionPoint.objects.select_related("owner", "theme")
        .prefetch_related("followups", "indicators")
        .get(pk=pk)
    )


def action_points_behind_or_overdue(
    *, today: datetime.date, year: int | None = None, theme: Theme | None = None, limit: int = 25
) -> list[ActionPoint]:
    """Open points marked behind or whose deadline has passed, the longest overdue first, with
    owner and theme. One query."""
    points = ActionPoint.objects.behind_or_overdue(today)
    if year is not None:
        points = points.filter(year=year)
    if theme is not None:
        points = points.filter(theme=theme)
    return list(points.select_related("owner", "theme").order_by("deadline", "pk")[:limit])


def action_points_per_theme_and_year() -> dict[tuple[int | None, int], dict[str, int]]:
    """Per (theme id, plan year): how many points the plan holds and how many are done. One query."""
    rows = (
        ActionPoint.objects.values("theme", "year")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=ActionPoint.Status.DONE)))
        .order_by()
    )
    return {(row["theme"], row["year"]): {"total": row["total"], "done": row["done"]} for row in rows}


# --- "Ni sa – vi gjorde" --------------------------------------------------------------------


def said_did_years(*, now: datetime.datetime) -> list[int]:
    """The years a story can be told for: a published workshop held, or a conference. Newest
    first. Two queries."""
    workshops = set(
        Workshop.objects.published()
        .filter(starts_at__lte=now)
        .annotate(year=ExtractYear("starts_at"))
        .values_list("year", flat=True)
        .distinct()
    )
    held = Conference.objects.filter(starts_on__lte=timezone.localdate(now))
    conferences = set(held.values_list("year", flat=True))
    return sorted(workshops | conferences, reverse=True)


@dataclass
class SaidDid:
    """One year's story, by theme: what was said, what was done, how the indicators moved."""

    year: int
    themes: list[Theme]
    summaries: dict
    followups: dict
    points: dict
    series: dict
    latest_year: int | None

    @property
    def has_examples(self) -> bool:
        return any(s.has_examples for items in self.series.values() for s in items)


def said_did(*, year: int, now: datetime.datetime) -> SaidDid:
    """What business owners said in ``year`` (published notes and summaries of the year's held
    workshops, by theme), what the municipality did (the year's conference's follow-ups with
    feedback published, and the published action-plan points done that serve them, or the
    year's points that serve none) and every indicator's years. No names of people. Six queries."""
    note_in_year = Q(
        notes__status="published",
        notes__workshop__status=Workshop.Status.PUBLISHED,
        notes__workshop__starts_at__year=year,
        notes__workshop__starts_at__lte=now,
    )
    themes = list(
        Theme.objects.annotate(note_count=Count("notes", filter=note_in_year)).order_by("order", "name_sv")
    )
    summaries = (
        Summary.objects.filter(
            status=Summary.Status.PUBLISHED,
            workshop__status=Workshop.Status.PUBLISHED,
            workshop__starts_at__year=year,
        )
        .select_related("workshop", "theme")
        .order_by("workshop__starts_at", "theme__order")
    )
    followups = (
        FollowUp.objects.filter(conference__year=year, status=FollowUp.Status.FEEDBACK_PUBLISHED)
        .select_related("theme", "conference")
        .order_by("feedback_published_at", "pk")
    )
    points = (
        ActionPoint.objects.published()
        .filter(status=ActionPoint.Status.DONE)
        .filter(Q(followups__conference__year=year) | Q(year=year, followups__isnull=True))
        .select_related("theme")
        .distinct()
        .order_by("done_on", "pk")
    )
    series = indicator_series()
    latest_years = [s.latest().year for s in series if s.latest() is not None]

    def by_theme(items, theme_of):
        grouped: dict = {}
        for item in items:
            grouped.setdefault(theme_of(item), []).append(item)
        return grouped

    return SaidDid(
        year=year,
        themes=themes,
        summaries=by_theme(summaries, lambda s: s.theme_id),
        followups=by_theme(followups, lambda f: f.theme_id),
        points=by_theme(points, lambda p: p.theme_id),
        series=by_theme(series, lambda s: s.indicator.theme_id),
        latest_year=max(latest_years) if latest_years else None,
    )
