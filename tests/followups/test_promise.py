import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from followups.models import FollowUp
from tests import factories

from .conftest import advance

STOCKHOLM = ZoneInfo("Europe/Stockholm")
P = FollowUp.Promise


@pytest.fixture
def conference_2017(db):
    return factories.ConferenceFactory(year=2017, slug="konferens-2017")


def _promise(followup, today=None):
    return FollowUp.objects.with_promise(today).get(pk=followup.pk).promise


def _published_at(conference, staff, moment):
    followup = factories.FollowUpFactory(conference=conference)
    with time_machine.travel(moment, tick=False):
        advance(followup, FollowUp.Status.FEEDBACK_PUBLISHED, actor=staff)
    return followup


def test_default_promised_date_is_31_january_next_year(conference_2017):
    """Without a date the promise is "at the latest early next year": 31 January."""
    assert conference_2017.promised_feedback_date == datetime.date(2018, 1, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2018, 1, 30), P.PENDING),
        (datetime.date(2018, 1, 31), P.PENDING),
        (datetime.date(2018, 2, 1), P.OVERDUE),
    ],
)
def test_unanswered_followup_is_pending_until_the_promised_date_then_overdue(
    conference_2017, today, expected
):
    """No answer: not yet due up to and including the promised date, overdue the day after."""
    followup = factories.FollowUpFactory(conference=conference_2017)
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(12), STOCKHOLM), tick=False):
        assert _promise(followup) == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (datetime.datetime(2018, 1, 31, 23, 30, tzinfo=STOCKHOLM), P.ON_TIME),
        (datetime.datetime(2018, 2, 1, 0, 30, tzinfo=STOCKHOLM), P.LATE),
        (datetime.datetime(2017, 12, 20, 9, 0, tzinfo=STOCKHOLM), P.ON_TIME),
    ],
)
def test_published_feedback_is_on_time_or_late_by_the_local_date(conference_2017, staff, published, expected):
    """Feedback published on the promised date (Swedish time, even late in the evening, which is
    already 1 February in UTC on the next case) is on time; the day after is late."""
    followup = _published_at(conference_2017, staff, published)
    assert _promise(followup, today=datetime.date(2019, 1, 1)) == expected


def test_late_stays_late_and_on_time_stays_on_time_as_time_passes(conference_2017, staff):
    """The promise outcome of an answered follow-up does not depend on today."""
    on_time = _published_at(conference_2017, staff, datetime.datetime(2018, 1, 10, 10, tzinfo=STOCKHOLM))
    late = _published_at(conference_2017, staff, datetime.datetime(2018, 3, 10, 10, tzinfo=STOCKHOLM))
    for today in (datetime.date(2018, 3, 11), datetime.date(2030, 1, 1)):
        assert _promise(on_time, today) == P.ON_TIME
        assert _promise(late, today) == P.LATE


def test_declining_counts_as_the_answer(conference_2017, staff):
    """A follow-up declined with a reason before the promised date kept the promise."""
    followup = factories.FollowUpFactory(conference=conference_2017)
    with time_machine.travel(datetime.datetime(2018, 1, 15, 10, tzinfo=STOCKHOLM), tick=False):
        advance(followup, FollowUp.Status.DECLINED, actor=staff)
    assert _promise(followup, datetime.date(2019, 1, 1)) == P.ON_TIME


def test_editing_the_promised_date_changes_the_outcome(conference_2017, staff):
    """The outcome is derived, so moving the promised date moves it; nothing stored goes stale."""
    followup = _published_at(conference_2017, staff, datetime.datetime(2018, 2, 10, 10, tzinfo=STOCKHOLM))
    assert _promise(followup) == P.LATE
    conference_2017.promised_feedback_date = datetime.date(2018, 2, 28)
    conference_2017.save()
    assert _promise(followup) == P.ON_TIME


def test_promise_counts_aggregate_in_one_query(conference_2017, staff, django_assert_num_queries):
    """``promise_counts`` returns every outcome's count in a single query."""
    _published_at(conference_2017, staff, datetime.datetime(2018, 1, 10, 10, tzinfo=STOCKHOLM))
    _published_at(conference_2017, staff, datetime.datetime(2018, 3, 10, 10, tzinfo=STOCKHOLM))
    factories.FollowUpFactory(conference=conference_2017)
    with django_assert_num_queries(1):
        counts = FollowUp.objects.filter(conference=conference_2017).promise_counts(datetime.date(2019, 1, 1))
    assert counts == {"pending": 0, "on_time": 1, "late": 1, "overdue": 1}
