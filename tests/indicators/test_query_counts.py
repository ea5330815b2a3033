"""Every page of the indicators and the action plan runs a fixed number of queries, the same
for a little data and for ten times as much."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from followups.models import FollowUp
from indicators.models import ActionPoint
from portal.factories import ActionPointFactory, IndicatorFactory, IndicatorYearFactory
from tests import factories
from tests.factories import theme

from .conftest import STOCKHOLM, C, S

pytestmark = pytest.mark.django_db

THEMES = [S, C, "forstaelse-och-relation"]


def build(size: int, staff) -> None:
    """``size`` indicators with three years each, and per indicator a workshop note, an
    answered follow-up of the 2017 conference and a published point done that serves both."""
    workshop = factories.WorkshopFactory(starts_at=datetime.datetime(2017, 11, 7, 12, 0, tzinfo=STOCKHOLM))
    conference = factories.ConferenceFactory(year=2017)
    for number in range(size):
        slug = THEMES[number % 3]
        indicator = IndicatorFactory(theme=theme(slug) if number % 4 else None)
        for year in (2016, 2017, 2018):
            IndicatorYearFactory(indicator=indicator, year=year, value=Decimal("3.4"), target=Decimal("3.5"))
        factories.NoteFactory(workshop=workshop, themes=[theme(slug)])
        followup = factories.FollowUpFactory(
            conference=conference,
            theme=theme(slug),
            status=FollowUp.Status.FEEDBACK_PUBLISHED,
            decision="Ja.",
            feedback_text="Gjort.",
            feedback_published_at=datetime.datetime(2018, 1, 10, tzinfo=STOCKHOLM),
        )
        factories.SummaryFactory(
            workshop=workshop, theme=theme(slug), status="published"
        ) if number < 3 else None
        point = ActionPointFactory(
            owner=staff,
            theme=theme(slug),
            status=ActionPoint.Status.DONE,
            done_on=datetime.date(2018, 5, 1),
            is_published=number % 2 == 0,
        )
        point.followups.add(followup)
        point.indicators.add(indicator)


PAGES = [
    # name, args, role, queries
    ("indicators:indicator-list", [], "politician", 6),
    ("indicators:indicator-detail", ["indikator-x"], "politician", 7),
    ("indicators:indicator-detail", ["indikator-x"], "staff", 8),
    ("indicators:plan-year", [2018], "anonymous", 5),
    ("indicators:plan-year", [2018], "politician", 8),
    ("indicators:plan-year", [2018], "staff", 9),
    ("indicators:said-did-year", [2017], "anonymous", 9),
    ("indicators:indicator-import", [], "staff", 6),
    ("indicators:point-create", [], "staff", 9),
    ("indicators:point-update", ["point"], "staff", 12),
]


@pytest.mark.parametrize(("name", "args", "role", "queries"), PAGES)
@pytest.mark.parametrize("size", [2, 20])
def test_each_page_runs_a_fixed_number_of_queries(
    db, client_for, users, staff, django_assert_num_queries, name, args, role, queries, size
):
    build(size, staff)
    first = IndicatorFactory(slug="indikator-x")
    IndicatorYearFactory(indicator=first, year=2018)
    point = ActionPointFactory(owner=staff)
    point.indicators.add(first)
    args = [point.pk if arg == "point" else arg for arg in args]
    client = client_for(users[role])
    url = reverse(name, args=args)
    client.get(url)  # the first request creates the site settings row
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
