"""Every figure of the dashboard against the hand-built data set (see conftest.py),
for each year and theme combination the page offers."""

import datetime

import pytest
from django.utils import translation

from dashboard import selectors
from dashboard.report import build_dashboard
from feedback.models import Note
from followups.models import FollowUp
from tests.factories import theme, topic
from workshops.models import Participation

from .conftest import NOW, C, F, S

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Labels in English, so that the expected rows can name them."""
    with translation.override("en"):
        yield


D = datetime.date


def board(year, theme_slug=None):
    filters = selectors.DashboardFilter(year=year, theme=theme(theme_slug) if theme_slug else None, now=NOW)
    return build_dashboard(filters)


def column(dashboard, key, index=1):
    return [row[index] for row in dashboard.tables[key].rows]


# --- filter options ------------------------------------------------------------------------


def test_years_offered_are_those_with_a_published_workshop_or_a_conference(dataset):
    """2019 (an upcoming workshop and a conference), 2018 and 2017, newest first; the draft
    workshop adds nothing. The default is 2018, the latest year a workshop was held."""
    options = selectors.dashboard_filter_options(now=NOW)
    assert options.years == [2019, 2018, 2017]
    assert options.default_year == 2018
    assert [t.slug for t in options.themes] == [S, F, C]


def test_default_year_without_any_held_workshop_is_the_current_year(db):
    """With no data at all the dashboard opens on the current year."""
    options = selectors.dashboard_filter_options(now=NOW)
    assert options.default_year == 2019
    assert options.years == [2019]


# --- participation -------------------------------------------------------------------------

PARTICIPATION = {
    # year: (workshops held, participants, organisations, returning), participants by role
    2017: ((1, 5, 3, 0), (3, 1, 1, 0)),
    2018: ((2, 7, 3, 2), (5, 1, 0, 1)),
    2019: ((0, 0, 0, 0), (0, 0, 0, 0)),
    None: ((3, 12, 4, 2), (8, 2, 1, 1)),
}


@pytest.mark.parametrize("year", [2017, 2018, 2019, None])
@pytest.mark.parametrize("theme_slug", [None, C])
def test_participation_counts_attended_people_at_held_published_workshops(dataset, year, theme_slug):
    """Workshops held, attended participants by role, unique organisations and returning business
    owners (A in 2018, and walk-in Eva recognised by her e-mail in any case); Nils without e-mail,
    C whose first registration was not attended and B whose second workshop is a draft do not
    return. The theme filter changes nothing here."""
    figures, by_role = PARTICIPATION[year]
    dashboard = board(year, theme_slug)
    assert column(dashboard, "participation") == list(figures)
    assert dashboard.tables["participants_by_role"].rows == [
        [role.label, count] for role, count in zip(Participation.Role, by_role, strict=True)
    ]


# --- input ---------------------------------------------------------------------------------

OPEN_H, P, U, T = "oppettider", "personalbrist", "utbildningar", "tala-val-om-varandra"
NOTES = {
    # (year, theme): notes by theme (S, F, C or the one theme), by kind
    # (suggestion, problem, praise, question), top topics
    (2017, None): ([2, 2, 1], [2, 1, 0, 1], [(OPEN_H, 1), (P, 1), (U, 1), (T, 1)]),
    (2017, S): ([2], [2, 0, 0, 0], [(OPEN_H, 1), (P, 1)]),
    (2018, None): ([2, 1, 1], [2, 1, 1, 0], [(OPEN_H, 2), (P, 1), (T, 1)]),
    (2018, C): ([1], [1, 0, 0, 0], [(T, 1)]),
    (2019, None): ([0, 0, 0], [0, 0, 0, 0], []),
    (None, None): ([4, 3, 2], [4, 2, 1, 1], [(OPEN_H, 3), (P, 2), (T, 2), (U, 1)]),
    (None, S): ([4], [3, 1, 0, 0], [(OPEN_H, 3), (P, 2)]),
}


@pytest.mark.parametrize(("year", "theme_slug"), list(NOTES))
def test_notes_count_published_notes_by_theme_kind_and_topic(dataset, year, theme_slug):
    """Pending, hidden and withdrawn notes are left out; a note with two themes counts under
    both; the theme filter keeps notes of that theme and the topics under it."""
    by_theme, by_kind, topics = NOTES[(year, theme_slug)]
    dashboard = board(year, theme_slug)
    theme_slugs = [theme_slug] if theme_slug else [S, F, C]
    assert dashboard.tables["notes_by_theme"].rows == [
        [theme(slug).name, count] for slug, count in zip(theme_slugs, by_theme, strict=True)
    ]
    assert dashboard.tables["notes_by_kind"].rows == [
        [kind.label, count] for kind, count in zip(Note.Kind, by_kind, strict=True)
    ]
    assert dashboard.tables["top_topics"].rows == [
        [topic(slug).name, topic(slug).theme.name, count] for slug, count in topics
    ]
    assert dashboard.key_figures[3][1] == sum(by_kind)


DISAGREEMENT = {
    # rows: workshop, theme, points, disagreements, points disagreed with, share (%)
    (2017, None): [
        ["Lunch 2017", S, 3, 2, 1, 33],
        ["Lunch 2017", F, 2, 2, 2, 100],
        ["All summaries", "", 5, 4, 3, 60],
    ],
    (2017, S): [["Lunch 2017", S, 3, 2, 1, 33]],
    (2018, None): [["Frukost 2018", S, 0, 0, 0, None]],
    (2018, C): [],
    (None, None): [
        ["Frukost 2018", S, 0, 0, 0, None],
        ["Lunch 2017", S, 3, 2, 1, 33],
        ["Lunch 2017", F, 2, 2, 2, 100],
        ["All summaries", "", 5, 4, 3, 60],
    ],
}


@pytest.mark.parametrize(("year", "theme_slug"), list(DISAGREEMENT))
def test_disagreement_per_published_summary_and_share_of_points(dataset, year, theme_slug):
    """Standing disagreements per published summary (withdrawn ones and draft summaries left
    out) and the share of points someone disagreed with; a totals row when there are several."""
    expected = [
        [row[0], theme(row[1]).name if row[1] else "", *row[2:]] for row in DISAGREEMENT[(year, theme_slug)]
    ]
    rows = board(year, theme_slug).tables["disagreement"].rows
    assert [[str(cell) if index == 0 else cell for index, cell in enumerate(row)] for row in rows] == expected


# --- follow-ups and promises ---------------------------------------------------------------

FUNNEL = {
    # new, on agenda, discussed, decided, feedback published, declined
    (2017, None): [0, 1, 0, 1, 2, 1],
    (2017, S): [0, 0, 0, 0, 1, 1],
    (2018, None): [1, 0, 1, 0, 1, 0],
    (2018, C): [0, 0, 1, 0, 0, 0],
    (2019, None): [1, 0, 0, 0, 1, 0],
    (None, None): [2, 1, 1, 1, 4, 1],
}


@pytest.mark.parametrize(("year", "theme_slug"), list(FUNNEL))
def test_funnel_counts_followups_of_the_years_conference_at_each_status(dataset, year, theme_slug):
    """Every status is listed, in the order a follow-up moves; the year is the conference's."""
    dashboard = board(year, theme_slug)
    assert dashboard.tables["followup_funnel"].rows == [
        [status.label, count]
        for status, count in zip(FollowUp.Status, FUNNEL[(year, theme_slug)], strict=True)
    ]
    assert dashboard.key_figures[4][1] == sum(FUNNEL[(year, theme_slug)])


PROMISES = {
    # conference year, promised by, follow-ups, due, on time, late, overdue, not yet due
    (2017, None): [[2017, D(2018, 1, 31), 5, 5, 2, 1, 2, 0]],
    (2017, S): [[2017, D(2018, 1, 31), 2, 2, 2, 0, 0, 0]],
    (2018, None): [[2018, D(2019, 1, 31), 3, 3, 1, 0, 2, 0]],
    (2018, C): [[2018, D(2019, 1, 31), 1, 1, 0, 0, 1, 0]],
    (2019, None): [[2019, D(2020, 1, 31), 2, 0, 1, 0, 0, 1]],
    (None, None): [
        [2017, D(2018, 1, 31), 5, 5, 2, 1, 2, 0],
        [2018, D(2019, 1, 31), 3, 3, 1, 0, 2, 0],
        [2019, D(2020, 1, 31), 2, 0, 1, 0, 0, 1],
        ["All conferences", None, 10, 8, 4, 1, 4, 1],
    ],
}


@pytest.mark.parametrize(("year", "theme_slug"), list(PROMISES))
def test_promises_by_conference_on_time_late_overdue_and_pending(dataset, year, theme_slug):
    """Feedback (or a decline) published by the promised date, local time, is on time; published
    at 00:30 on 1 February is late although it was still 31 January in UTC; unanswered with the
    date passed is overdue; the 2019 conference's promise is not yet due."""
    rows = board(year, theme_slug).tables["promises"].rows
    expected = [
        [f"Näringslivsrådets konferens {row[0]}" if isinstance(row[0], int) else row[0], *row[1:]]
        for row in PROMISES[(year, theme_slug)]
    ]
    assert [[str(row[0]), *row[1:]] for row in rows] == expected


OVERDUE = {
    (2017, None): [("f4", 2017, C, 394), ("f5", 2017, None, 394)],
    (2017, S): [],
    (2018, None): [("f7", 2018, C, 29), ("f8", 2018, S, 29)],
    (2018, C): [("f7", 2018, C, 29)],
    (2019, None): [],
    (None, None): [("f4", 2017, C, 394), ("f5", 2017, None, 394), ("f7", 2018, C, 29), ("f8", 2018, S, 29)],
}


@pytest.mark.parametrize(("year", "theme_slug"), list(OVERDUE))
def test_overdue_followups_listed_with_promised_date_and_days_overdue(dataset, year, theme_slug):
    """The unanswered follow-ups whose promised date has passed, longest overdue first."""
    dashboard = board(year, theme_slug)
    expected = [
        [
            getattr(dataset.followups, key).title,
            f"Näringslivsrådets konferens {conference_year}",
            theme(theme_of).name if theme_of else "",
            D(conference_year + 1, 1, 31),
            days,
        ]
        for key, conference_year, theme_of, days in OVERDUE[(year, theme_slug)]
    ]
    assert [[str(row[0]), *row[1:]] for row in dashboard.tables["overdue"].rows] == expected
    assert dashboard.key_figures[5][1] == len(expected)


TREND = {
    # year, published notes, promises due or answered, kept on time, share kept on time
    None: [[2017, 4, 5, 2, 40], [2018, 4, 3, 1, 33], [2019, 0, 1, 1, 100]],
    S: [[2017, 2, 2, 2, 100], [2018, 2, 2, 1, 50], [2019, 0, 1, 1, 100]],
    C: [[2017, 1, 1, 0, 0], [2018, 1, 1, 0, 0], [2019, 0, 0, 0, None]],
}


@pytest.mark.parametrize("year", [2017, None])
@pytest.mark.parametrize("theme_slug", [None, S, C])
def test_trend_covers_every_year_whatever_year_is_chosen(dataset, year, theme_slug):
    """Notes per workshop year and promises kept on time per conference year, for every year;
    only the theme filter narrows it."""
    assert board(year, theme_slug).tables["trend"].rows == TREND[theme_slug]


def test_key_figures_for_2018(dataset):
    """The figures at the top of the page repeat the tables' totals."""
    assert [value for _label, value in board(2018).key_figures] == [2, 7, 3, 4, 3, 2]


def test_promise_conditions_agree_with_the_followup_annotation(dataset):
    """The dashboard judges promises exactly as ``FollowUpQuerySet.with_promise`` does, when
    the follow-up tracker provides it."""
    queryset = FollowUp.objects.all()
    if not hasattr(queryset, "with_promise"):
        pytest.skip("FollowUpQuerySet.with_promise is not there yet")
    annotated = dict(queryset.with_promise(NOW.date()).values_list("pk", "promise"))
    conditions = selectors.promise_conditions(NOW.date())
    ours = {
        pk: outcome
        for outcome, condition in conditions.items()
        for pk in FollowUp.objects.filter(condition).values_list("pk", flat=True)
    }
    assert ours == annotated
    assert len(ours) == 10
