"""The dashboard as tables and charts, built from the selectors' counts.

Every chart is drawn from the table shown beside it, and the CSV downloads write the same
tables, so the three never disagree. Python only arranges counts the database returned (and
adds up disjoint groups of them); it never counts rows itself.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from feedback.models import Note
from followups.models import FollowUp

from . import selectors
from .charts import Chart, bar_chart, column_chart

PROMISE_COLOURS = {
    FollowUp.Promise.ON_TIME: "#1d6b34",
    FollowUp.Promise.LATE: "#8a5a00",
    FollowUp.Promise.OVERDUE: "#b02a37",
    FollowUp.Promise.PENDING: "#5c636a",
}
PROMISE_ORDER = [
    FollowUp.Promise.ON_TIME,
    FollowUp.Promise.LATE,
    FollowUp.Promise.OVERDUE,
    FollowUp.Promise.PENDING,
]
PROMISE_LABELS = {
    FollowUp.Promise.ON_TIME: _("Published on time"),
    FollowUp.Promise.LATE: _("Published late"),
    FollowUp.Promise.OVERDUE: _("Overdue now"),
    FollowUp.Promise.PENDING: _("Not yet due"),
}


def share(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percent, or None when there is nothing to divide."""
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class Link:
    """A cell that links to the page of what it names."""

    text: str
    url: str

    def __str__(self):
        return str(self.text)


def cell_text(value) -> str:
    """How a cell reads, on the page and in the CSV alike."""
    if value is None:
        return "–"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


@dataclass
class Table:
    """A table of the dashboard; ``key`` names its CSV download."""

    key: str
    caption: str
    headers: list
    rows: list = field(default_factory=list)

    @property
    def text_rows(self) -> list[list[str]]:
        return [[cell_text(cell) for cell in row] for row in self.rows]

    @property
    def text_headers(self) -> list[str]:
        return [str(header) for header in self.headers]

    @property
    def numeric_columns(self) -> list[bool]:
        """Which columns hold numbers (right-aligned on the page)."""
        return [
            all(row[index] is None or isinstance(row[index], int) for row in self.rows)
            for index in range(len(self.headers))
        ]

    @property
    def headers_with_alignment(self) -> list[tuple[str, bool]]:
        return list(zip(self.text_headers, self.numeric_columns, strict=True))

    @property
    def cells(self) -> list[list[tuple[str, bool, str]]]:
        """Each row as ``(text, is_number, link)`` triples for the page; ``link`` may be empty."""
        numeric = self.numeric_columns
        return [
            [
                (cell_text(cell), is_number, cell.url if isinstance(cell, Link) else "")
                for cell, is_number in zip(row, numeric, strict=True)
            ]
            for row in self.rows
        ]


@dataclass
class Dashboard:
    filters: selectors.DashboardFilter
    key_figures: list = field(default_factory=list)
    tables: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)
    # Every conference with its promise counts, for the promises table and the trend.
    all_conferences: list = field(default_factory=list)
    # Indicators, targets and the action plan beside the dialogue (``indicators_part``).
    indicator_part: object = None

    def add(self, table: Table, *chart_list: Chart):
        self.tables[table.key] = table
        for chart in chart_list:
            self.charts[chart.chart_id] = chart


def _percent_text(value: int | None) -> str:
    return cell_text(value) if value is None else f"{value}\u00a0%"


def _bar_items(table: Table, value_column: int = 1, label_column: int = 0):
    return [(row[label_column], row[value_column] or 0, cell_text(row[value_column])) for row in table.rows]


def build_dashboard(filters: selectors.DashboardFilter) -> Dashboard:
    """Every figure of the dashboard for ``filters``, as tables with their charts."""
    from .indicators_part import add_indicator_part  # it builds on this module's tables

    dashboard = Dashboard(filters=filters)
    people = _participation(dashboard, filters)
    notes_total = _input(dashboard, filters)
    followups_total = _followups(dashboard, filters)
    overdue_total = _promises(dashboard, filters)
    _trend(dashboard, filters)
    add_indicator_part(dashboard, filters)
    dashboard.key_figures = [
        (_("Workshops held"), people["workshops_held"]),
        (_("Participants"), people["participants"]),
        (_("Organisations reached"), people["organisations"]),
        (_("Published notes"), notes_total),
        (_("Follow-ups"), followups_total),
        (_("Promises overdue now"), overdue_total),
    ]
    return dashboard


def _participation(dashboard: Dashboard, filters) -> dict:
    people = selectors.participation_figures(filters=filters)
    returning = selectors.returning_business_owners(filters=filters)
    roles = Table(
        "participants_by_role",
        _("Participants by role"),
        [_("Role"), _("Participants")],
        [[role.label, count] for role, count in people["by_role"]],
    )
    summary = Table(
        "participation",
        _("Participation"),
        [_("Figure"), _("Number")],
        [
            [_("Workshops held"), people["workshops_held"]],
            [_("Participants"), people["participants"]],
            [_("Unique organisations reached"), people["organisations"]],
            [_("Returning business owners"), returning],
        ],
    )
    dashboard.add(roles, bar_chart(chart_id="roles_chart", title=roles.caption, items=_bar_items(roles)))
    dashboard.add(summary)
    return people


def _input(dashboard: Dashboard, filters) -> int:
    kinds = Table(
        "notes_by_kind",
        _("Published notes by kind"),
        [_("Kind"), _("Notes")],
        [[Note.Kind(kind).label, count] for kind, count in selectors.notes_by_kind(filters=filters)],
    )
    themes = Table(
        "notes_by_theme",
        _("Published notes by theme"),
        [_("Theme"), _("Notes")],
        [[theme.name, theme.note_count] for theme in selectors.notes_by_theme(filters=filters)],
    )
    topics = Table(
        "top_topics",
        _("Top topics"),
        [_("Topic"), _("Theme"), _("Notes")],
        [[topic.name, topic.theme.name, topic.note_count] for topic in selectors.top_topics(filters=filters)],
    )
    summaries = list(selectors.disagreement_by_summary(filters=filters))
    disagreement = Table(
        "disagreement",
        _("Disagreement with the summaries"),
        [
            _("Workshop"),
            _("Theme"),
            _("Points"),
            _("Disagreements"),
            _("Points disagreed with"),
            _("Share of points disagreed with (%)"),
        ],
        [
            [
                summary.workshop.title,
                summary.theme.name,
                summary.point_count,
                summary.disagreement_count,
                summary.disputed_point_count,
                share(summary.disputed_point_count, summary.point_count),
            ]
            for summary in summaries
        ],
    )
    points = sum(summary.point_count for summary in summaries)
    disputed = sum(summary.disputed_point_count for summary in summaries)
    if len(summaries) > 1:
        disagreement.rows.append(
            [
                _("All summaries"),
                "",
                points,
                sum(summary.disagreement_count for summary in summaries),
                disputed,
                share(disputed, points),
            ]
        )
    dashboard.add(kinds, bar_chart(chart_id="kinds_chart", title=kinds.caption, items=_bar_items(kinds)))
    dashboard.add(themes, bar_chart(chart_id="themes_chart", title=themes.caption, items=_bar_items(themes)))
    dashboard.add(
        topics,
        bar_chart(chart_id="topics_chart", title=topics.caption, items=_bar_items(topics, value_column=2)),
    )
    dashboard.add(
        disagreement,
        bar_chart(
            chart_id="disagreement_chart",
            title=_("Share of summary points disagreed with"),
            items=[
                (
                    f"{summary.theme.name} {summary.workshop.starts_at.year}",
                    share(summary.disputed_point_count, summary.point_count) or 0,
                    _percent_text(share(summary.disputed_point_count, summary.point_count)),
                )
                for summary in summaries
            ],
            maximum=100,
        ),
    )
    return sum(count for _kind, count in kinds.rows)


def _followups(dashboard: Dashboard, filters) -> int:
    funnel = Table(
        "followup_funnel",
        _("Follow-ups by status"),
        [_("Status"), _("Follow-ups")],
        [
            [FollowUp.Status(status).label, count]
            for status, count in selectors.followup_funnel(filters=filters)
        ],
    )
    dashboard.add(funnel, bar_chart(chart_id="funnel_chart", title=funnel.caption, items=_bar_items(funnel)))
    return sum(count for _status, count in funnel.rows)


def _promises(dashboard: Dashboard, filters) -> int:
    conferences = list(selectors.promises_by_conference(filters=filters, every_year=True))
    dashboard.all_conferences = conferences
    shown = [c for c in conferences if filters.year is None or c.year == filters.year]
    promises = Table(
        "promises",
        _("Promised feedback by conference"),
        [
            _("Conference"),
            _("Feedback promised by"),
            _("Follow-ups"),
            _("Due"),
            *[PROMISE_LABELS[outcome] for outcome in PROMISE_ORDER],
        ],
        [
            [
                Link(conference.title, conference.get_absolute_url()),
                conference.promised_feedback_date,
                conference.promised,
                conference.due,
                *[getattr(conference, outcome) for outcome in PROMISE_ORDER],
            ]
            for conference in shown
        ],
    )
    totals = {outcome: sum(getattr(c, outcome) for c in shown) for outcome in PROMISE_ORDER}
    if len(shown) > 1:
        promises.rows.append(
            [
                _("All conferences"),
                None,
                sum(c.promised for c in shown),
                sum(c.due for c in shown),
                *totals.values(),
            ]
        )
    chart = bar_chart(
        chart_id="promises_chart",
        title=_("Promised feedback: outcome"),
        items=[
            (PROMISE_LABELS[outcome], totals[outcome], totals[outcome], PROMISE_COLOURS[outcome])
            for outcome in PROMISE_ORDER
        ]
        if shown
        else [],
    )
    dashboard.add(promises, chart)
    overdue = Table(
        "overdue",
        _("Overdue follow-ups"),
        [_("Follow-up"), _("Conference"), _("Theme"), _("Feedback promised by"), _("Days overdue")],
        [
            [
                Link(followup.title, followup.get_absolute_url()),
                followup.conference.title,
                followup.theme.name if followup.theme else "",
                followup.conference.promised_feedback_date,
                (filters.today - followup.conference.promised_feedback_date).days,
            ]
            for followup in selectors.overdue_followups(filters=filters)
        ],
    )
    dashboard.add(overdue)
    return totals[FollowUp.Promise.OVERDUE]


def _trend(dashboard: Dashboard, filters) -> None:
    notes = selectors.notes_per_year(filters=filters)
    kept = {c.year: c for c in dashboard.all_conferences}
    rows = []
    for year in sorted(set(notes) | set(kept)):
        conference = kept.get(year)
        judged = (conference.on_time + conference.late + conference.overdue) if conference else 0
        on_time = conference.on_time if conference else 0
        rows.append([year, notes.get(year, 0), judged, on_time, share(on_time, judged)])
    trend = Table(
        "trend",
        _("Year by year"),
        [
            _("Year"),
            _("Published notes"),
            _("Promises due or answered"),
            _("Kept on time"),
            _("Share kept on time (%)"),
        ],
        rows,
    )
    dashboard.add(
        trend,
        column_chart(
            chart_id="trend_notes_chart",
            title=_("Published notes per year"),
            items=[(row[0], row[1], cell_text(row[1])) for row in rows],
        ),
        column_chart(
            chart_id="trend_promises_chart",
            title=_("Promises kept on time per year"),
            items=[
                (
                    row[0],
                    row[4] or 0,
                    _percent_text(row[4]),
                    PROMISE_COLOURS["on_time"],
                )
                for row in rows
            ],
            maximum=100,
        ),
    )
