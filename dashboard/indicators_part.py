"""The dashboard's answer to "is the business climate getting better?" (issue 23): for each
theme, its indicators (with their target line) beside what business owners said and what
was done, year by year; what moved since the year before; the action-plan points behind or
overdue.

Built from the indicators' selectors and two dashboard selectors, six queries in all, and
cached with the rest of the dashboard's figures (``figures.COUNTED_MODELS`` lists the
indicators' models). Python arranges the rows the database returned; it counts nothing."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indicators import selectors as indicator_selectors
from indicators.charts import IndicatorChart, indicator_charts
from indicators.templatetags.indicators_tags import change_text, figure_text

from . import selectors
from .report import Dashboard, Link, Table


@dataclass
class IndicatorView:
    series: indicator_selectors.Series
    charts: tuple[IndicatorChart, IndicatorChart]  # wide and narrow
    table: Table


@dataclass
class ThemePart:
    theme: object  # a Theme, or None for the business climate as a whole
    dialogue: Table | None
    indicators: list[IndicatorView] = field(default_factory=list)


@dataclass
class IndicatorPart:
    themes: list[ThemePart]
    moves: Table
    behind: Table
    compared_year: int | None
    has_examples: bool


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else (_("Yes") if value else _("No"))


def _better_worse(value: bool | None, has_change: bool) -> str:
    if not has_change:
        return "–"
    return _("unchanged") if value is None else (_("better") if value else _("worse"))


def _value_text(point, indicator) -> str:
    text = figure_text(point.value, indicator)
    return f"{text} ({_('example')})" if point.is_example and point.value is not None else text


def add_indicator_part(dashboard: Dashboard, filters: selectors.DashboardFilter) -> None:
    """Add the indicator part's tables (each with its CSV download) and charts to ``dashboard``."""
    all_series = indicator_selectors.indicator_series(theme=filters.theme)
    notes = selectors.notes_per_theme_and_year(filters=filters)
    followups = selectors.followups_per_theme_and_year(filters=filters)
    points = indicator_selectors.action_points_per_theme_and_year()
    behind_points = indicator_selectors.action_points_behind_or_overdue(
        today=filters.today, theme=filters.theme
    )

    measured_years = [s.latest().year for s in all_series if s.latest() is not None]
    compared_year = filters.year or (max(measured_years) if measured_years else None)

    moves = Table(
        "indicator-moves",
        _("What moved since the year before"),
        [
            _("Indicator"),
            _("Theme"),
            _("Year"),
            _("Value"),
            _("Compared with"),
            _("Value then"),
            pgettext("difference", "Change"),
            _("Better or worse"),
            _("Target"),
            _("Target reached"),
        ],
    )
    for series in all_series:
        movement = series.movement(compared_year)
        if movement is None:
            continue
        indicator = series.indicator
        moves.rows.append(
            [
                Link(indicator.name, indicator.get_absolute_url()),
                indicator.theme.name if indicator.theme else _("As a whole"),
                str(movement.now.year),
                _value_text(movement.now, indicator),
                str(movement.then.year) if movement.then else None,
                _value_text(movement.then, indicator) if movement.then else None,
                change_text(movement.change, indicator),
                _better_worse(movement.improved, movement.change is not None),
                figure_text(movement.now.target, indicator),
                _yes_no(movement.target_reached),
            ]
        )
    behind = Table(
        "plan-behind",
        _("Action-plan points behind schedule or overdue"),
        [_("Point"), _("Plan year"), _("Theme"), _("Owner"), _("Deadline"), _("Status"), _("Days overdue")],
        [
            [
                Link(point.title, point.get_absolute_url()),
                str(point.year),
                point.theme.name if point.theme else "",
                point.owner.full_name if point.owner else "",
                point.deadline,
                point.get_status_display(),
                max(0, (filters.today - point.deadline).days),
            ]
            for point in behind_points
        ],
    )
    # Added in the page's order: the CSV downloads are checked against the page's tables.
    dashboard.add(moves)
    dashboard.add(behind)
    themes = [t for t in selectors.dashboard_themes() if filters.theme is None or t.pk == filters.theme.pk]
    parts = []
    for theme in [*themes, None]:
        theme_series = [s for s in all_series if s.indicator.theme_id == (theme.pk if theme else None)]
        if theme is None and not theme_series:
            continue
        part = ThemePart(theme=theme, dialogue=_dialogue_table(theme, theme_series, notes, followups, points))
        if part.dialogue is not None:
            dashboard.add(part.dialogue)
        for series in theme_series:
            part.indicators.append(_indicator_view(series))
            dashboard.add(part.indicators[-1].table)
        parts.append(part)

    dashboard.indicator_part = IndicatorPart(
        themes=parts,
        moves=moves,
        behind=behind,
        compared_year=compared_year,
        has_examples=any(s.has_examples for s in all_series),
    )


def _dialogue_table(theme, theme_series, notes, followups, points) -> Table | None:
    if theme is None:
        return None
    years = (
        {year for (t, year) in notes if t == theme.pk}
        | {year for (t, year) in followups if t == theme.pk}
        | {year for (t, year) in points if t == theme.pk}
    )
    rows = []
    for year in sorted(years):
        followup = followups.get((theme.pk, year), {"total": 0, "answered": 0})
        point = points.get((theme.pk, year), {"total": 0, "done": 0})
        rows.append(
            [
                str(year),
                notes.get((theme.pk, year), 0),
                followup["total"],
                followup["answered"],
                point["total"],
                point["done"],
            ]
        )
    return Table(
        f"dialogue-{theme.slug}",
        _("%(theme)s: what was said and done, year by year") % {"theme": theme.name},
        [
            _("Year"),
            _("Published notes"),
            _("Follow-ups"),
            _("Follow-ups answered"),
            _("Action-plan points"),
            _("Points done"),
        ],
        rows,
    )


def _indicator_view(series) -> IndicatorView:
    indicator = series.indicator
    rows = []
    previous = None
    for point in series.points:
        change = None
        if point.value is not None and previous is not None:
            change = change_text(point.value - previous.value, indicator)
        rows.append(
            [
                str(point.year),
                _value_text(point, indicator),
                figure_text(point.target, indicator),
                _yes_no(point.reached),
                change,
            ]
        )
        if point.value is not None:
            previous = point
    table = Table(
        f"indicator-{indicator.slug}",
        _("%(indicator)s (%(unit)s): value and target by year")
        % {"indicator": indicator.name, "unit": indicator.unit},
        [_("Year"), _("Value"), _("Target"), _("Target reached"), pgettext("difference", "Change")],
        rows,
    )
    return IndicatorView(
        series=series, charts=indicator_charts(series, chart_id=f"chart-{indicator.slug}"), table=table
    )
