"""The dashboard's indicator part (dashboard/indicators_part.py) against the hand-built data set
of conftest.py: every figure, through the CSV downloads (which hold exactly the page's tables),
the target line in the chart, the theme filter, query counts at two sizes and the cache."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import ActionPoint
from indicators.services import indicator_year_set
from portal.factories import ActionPointFactory, IndicatorFactory, IndicatorYearFactory
from tests.dashboard.test_views import DASHBOARD_QUERIES, _year_of_data, csv_rows, page_tables
from tests.factories import theme

from .conftest import C, S

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:dashboard")
HEADERS = {
    "indicator-moves": [
        "Indikator",
        "Tema",
        "År",
        "Värde",
        "Jämfört med",
        "Värde då",
        "Förändring",
        "Bättre eller sämre",
        "Mål",
        "Målet nått",
    ],
    "plan-behind": ["Punkt", "Planår", "Tema", "Ansvarig", "Klart senast", "Status", "Dagar försenat"],
    "dialogue": [
        "År",
        "Publicerade anteckningar",
        "Uppföljning",
        "Besvarade ärenden",
        "Punkter i handlingsplanen",
        "Klara punkter",
    ],
    "indicator": ["År", "Värde", "Mål", "Målet nått", "Förändring"],
}


def table(client, key, query):
    """A table's CSV download, header first (the dashboard's tests check it equals the page's)."""
    response = client.get(reverse("dashboard:table-csv", args=[key]) + "?" + query)
    assert response.status_code == 200, key
    return csv_rows(response)


@pytest.fixture
def reader(client_for, politician):
    return client_for(politician)


@pytest.mark.parametrize("query", ["ar=2018", "ar=alla"])
def test_what_moved_since_the_year_before(indicator_set, reader, query):
    """2018 against the year measured before (all years: the latest year measured, 2018): a
    grade up 0,3 past its target, an example value first measured, an unchanged grade, and a
    ranking that fell by 36 places, which is better."""
    assert table(reader, "indicator-moves", query) == [
        HEADERS["indicator-moves"],
        [
            "Service till företagen",
            "Service och leverans",
            "2018",
            "3,5",
            "2017",
            "3,2",
            "+0,3",
            "bättre",
            "3,4",
            "Ja",
        ],
        ["NKI bygglov", "Service och leverans", "2018", "64 (exempel)", "–", "–", "–", "–", "65", "Nej"],
        [
            "Dialog med beslutsfattare",
            "Samarbete",
            "2018",
            "3,0",
            "2017",
            "3,0",
            "±0",
            "oförändrat",
            "–",
            "–",
        ],
        [
            "Placering i rankingen",
            "Som helhet",
            "2018",
            "151",
            "2017",
            "187",
            "\u221236",
            "bättre",
            "160",
            "Ja",
        ],
    ]


def test_what_moved_in_an_earlier_year(indicator_set, reader):
    """2017: the indicators measured by then, each against its year before (if any)."""
    assert table(reader, "indicator-moves", "ar=2017")[1:] == [
        [
            "Service till företagen",
            "Service och leverans",
            "2017",
            "3,2",
            "2016",
            "3,0",
            "+0,2",
            "bättre",
            "3,3",
            "Nej",
        ],
        ["Dialog med beslutsfattare", "Samarbete", "2017", "3,0", "–", "–", "–", "–", "–", "–"],
        ["Placering i rankingen", "Som helhet", "2017", "187", "–", "–", "–", "–", "180", "Nej"],
    ]


def test_points_behind_or_overdue(indicator_set, reader, staff):
    """Open points past their deadline and points marked behind, longest overdue first; done,
    cancelled and planned points on time are not listed."""
    assert table(reader, "plan-behind", "ar=2018") == [
        HEADERS["plan-behind"],
        [
            "E-tjänst för bygglov",
            "2018",
            "Service och leverans",
            staff.full_name,
            "2018-12-31",
            "Pågår",
            "60",
        ],
        ["Svar i sociala medier", "2019", "Samarbete", staff.full_name, "2019-06-30", "Försenad", "0"],
    ]


def test_each_theme_beside_what_was_said_and_done(indicator_set, reader):
    """Per theme and year: published notes (a hidden one left out), follow-ups of the year's
    conference and how many are answered, action-plan points and how many are done."""
    assert table(reader, f"dialogue-{S}", "ar=2018") == [
        HEADERS["dialogue"],
        ["2017", "2", "2", "1", "0", "0"],
        ["2018", "1", "1", "0", "2", "1"],
    ]
    assert table(reader, "dialogue-forstaelse-och-relation", "ar=2018")[1:] == [
        ["2018", "1", "0", "0", "0", "0"],
        ["2019", "0", "0", "0", "1", "0"],
    ]
    assert table(reader, f"dialogue-{C}", "ar=2018")[1:] == [
        ["2017", "1", "1", "1", "0", "0"],
        ["2018", "0", "0", "0", "1", "0"],
        ["2019", "0", "0", "0", "1", "0"],
    ]


def test_an_indicator_year_by_year_with_its_targets(indicator_set, reader):
    """Every year, a target set ahead without a value included; the change from the year
    measured before."""
    assert table(reader, "indicator-service", "ar=2018") == [
        HEADERS["indicator"],
        ["2016", "3,0", "–", "–", "–"],
        ["2017", "3,2", "3,3", "Nej", "+0,2"],
        ["2018", "3,5", "3,4", "Ja", "+0,3"],
        ["2019", "–", "3,6", "–", "–"],
    ]
    assert table(reader, "indicator-placering", "ar=2018")[1:] == [
        ["2017", "187", "180", "Nej", "–"],
        ["2018", "151", "160", "Ja", "\u221236"],
    ]


def test_the_chart_draws_the_values_and_the_dashed_target_line(indicator_set, reader):
    """Each indicator's chart: a line through its values and a dashed line through its targets,
    with a text alternative naming every figure; marked as example figures where they are."""
    body = reader.get(URL, {"ar": "2018"}).content.decode()
    start = body.index('id="chart-service-title"')
    chart = body[start : body.index("</svg>", start)]
    assert 'class="target-line"' in chart and 'stroke-dasharray="6 4"' in chart
    assert 'class="value-line"' in chart
    assert "2016: 3,0; 2017: 3,2, mål 3,3; 2018: 3,5, mål 3,4; 2019: mål 3,6." in chart
    assert "Exempelsiffror." in body
    assert "style=" not in body


def test_the_theme_filter_narrows_the_part_to_the_theme(indicator_set, reader):
    """With a theme chosen: its indicators, its points and its dialogue only."""
    query = f"ar=2018&tema={C}"
    assert [row[0] for row in table(reader, "indicator-moves", query)[1:]] == ["Dialog med beslutsfattare"]
    assert [row[0] for row in table(reader, "plan-behind", query)[1:]] == ["Svar i sociala medier"]
    shown = reader.get(URL, {"ar": "2018", "tema": C}).context["dashboard"].tables
    assert not any(key.startswith("dialogue-") and key != f"dialogue-{C}" for key in shown)
    assert "indicator-service" not in shown


def test_every_table_of_the_part_matches_its_csv(indicator_set, reader):
    """The page's tables of the part, cell for cell, are the CSV downloads."""
    response = reader.get(URL, {"ar": "2018"})
    keys = [
        key
        for key in response.context["dashboard"].tables
        if key.startswith(("indicator", "plan", "dialogue"))
    ]
    tables = page_tables(response)[-len(keys) :]
    for key, shown in zip(keys, tables, strict=True):
        body = shown["rows"][1:]
        if body == [["Inget att visa för det här urvalet."]]:
            body = []
        assert table(reader, key, "ar=2018") == [shown["rows"][0], *body], key


@pytest.mark.parametrize("size", [1, 12])
def test_the_dashboard_with_indicators_runs_a_fixed_number_of_queries(
    db, client_for, politician, staff, django_assert_num_queries, size
):
    """The same number of queries for one indicator (with its years and points) and for twelve."""
    for year in (2017, 2018):
        _year_of_data(year)
    for number in range(size):
        indicator = IndicatorFactory(theme=theme([S, C][number % 2]))
        for year in (2016, 2017, 2018):
            IndicatorYearFactory(indicator=indicator, year=year, value=Decimal("3.1"), target=Decimal("3.3"))
        point = ActionPointFactory(owner=staff, theme=indicator.theme, status=ActionPoint.Status.BEHIND)
        point.indicators.add(indicator)
    client = client_for(politician)
    client.get(URL)  # the first request creates the site settings row
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(URL, {"ar": "alla"})
    assert len(response.context["dashboard"].indicator_part.moves.rows) == size


def test_a_new_value_drops_the_cached_figures(
    indicator_set, reader, staff, django_capture_on_commit_callbacks
):
    """Entering a value (a write the figures count) shows at once on the next request."""
    before = table(reader, "indicator-service", "ar=2018")
    assert before[-1] == ["2019", "–", "3,6", "–", "–"]
    with django_capture_on_commit_callbacks(execute=True):
        indicator_year_set(
            actor=staff,
            indicator=indicator_set.indicators.service,
            year=2019,
            value=Decimal("3.7"),
            target=Decimal("3.6"),
        )
    assert table(reader, "indicator-service", "ar=2018")[-1] == ["2019", "3,7", "3,6", "Ja", "+0,2"]


def test_a_plan_point_done_leaves_the_behind_list(
    indicator_set, reader, staff, django_capture_on_commit_callbacks
):
    """Marking the overdue point done (an action-plan write) drops it from the list at once."""
    from indicators.services import action_point_update

    point = indicator_set.points.overdue
    assert len(table(reader, "plan-behind", "ar=2018")) == 3
    with django_capture_on_commit_callbacks(execute=True):
        action_point_update(actor=staff, point=point, status=ActionPoint.Status.DONE)
    rows = table(reader, "plan-behind", "ar=2018")
    assert [row[0] for row in rows[1:]] == ["Svar i sociala medier"]
    assert ActionPoint.objects.get(pk=point.pk).done_on == datetime.date(2019, 3, 1)
