"""Wording: plural forms for 0, 1 and 2 in Swedish and English, no sentence for a count of
nobody, and date ranges as Swedish (and English) write them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.translation import ngettext

from aleforetag.accounts.models import unread_notices_label
from aleforetag.core.templatetags.portal_dates import date_range_text
from tests import factories


def _at(day, hour=0, minute=0, month=11, year=2017):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("sv", _at(23, 11, 30), _at(23, 13), "23 november 2017, 11.30–13.00"),
        ("sv", _at(23, 9), _at(24, 16), "23–24 november 2017"),
        ("sv", _at(30, 9), _at(2, 16, month=12), "30 november–2 december 2017"),
        ("sv", _at(30, 9, month=12), _at(2, 16, month=1, year=2018), "30 december 2017–2 januari 2018"),
        ("en", _at(23, 11, 30), _at(23, 13), "23 November 2017, 11:30–13:00"),
        ("en", _at(23, 9), _at(24, 16), "23–24 November 2017"),
    ],
)
def test_date_ranges(language, start, end, expected):
    with translation.override(language):
        assert date_range_text(start, end) == expected


def test_date_range_of_days_without_time():
    with translation.override("sv"):
        assert (
            date_range_text(datetime.date(2017, 11, 23), datetime.date(2017, 11, 24)) == "23–24 november 2017"
        )
        assert date_range_text(datetime.date(2017, 11, 23), datetime.date(2017, 11, 23)) == "23 november 2017"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["0 olästa meddelanden", "1 oläst meddelande", "2 olästa meddelanden"]),
        ("en", ["0 unread notices", "1 unread notice", "2 unread notices"]),
    ],
)
def test_unread_notices_plural(language, expected):
    with translation.override(language):
        assert [unread_notices_label(n) for n in (0, 1, 2)] == expected


PLURALS = [
    # (singular, plural, Swedish for 1, Swedish for 2)
    ("%(counter)s disagreement", "%(counter)s disagreements", "1 invändning", "2 invändningar"),
    ("%(counter)s note", "%(counter)s notes", "1 anteckning", "2 anteckningar"),
    (
        "%(counter)s person disagrees",
        "%(counter)s people disagree",
        "1 person håller inte med",
        "2 personer håller inte med",
    ),
    (
        "%(counter)s summary point",
        "%(counter)s summary points",
        "1 punkt i en sammanfattning",
        "2 punkter i sammanfattningar",
    ),
]


@pytest.mark.parametrize(("singular", "plural", "sv_one", "sv_two"), PLURALS)
def test_counts_in_swedish_and_english(singular, plural, sv_one, sv_two):
    def say(language, n):
        with translation.override(language):
            return ngettext(singular, plural, n) % {"counter": n}

    assert (say("sv", 1), say("sv", 2)) == (sv_one, sv_two)
    assert say("en", 1) == singular % {"counter": 1}
    assert say("en", 2) == plural % {"counter": 2}
    assert say("en", 0) == plural % {"counter": 0}


@pytest.mark.parametrize(
    ("count", "sv", "en"),
    [
        (0, "", ""),
        (1, "1 invändning", "1 disagreement"),
        (2, "2 invändningar", "2 disagreements"),
    ],
)
def test_board_counts_leave_out_nothing_and_zero(count, sv, en):
    """The follow-up board's count of disagreements: no "0 invändningar", no "1 invändningar"."""
    template = Template(
        "{% load i18n %}{% if n %}{% blocktranslate count counter=n trimmed %}{{ counter }} disagreement"
        "{% plural %}{{ counter }} disagreements{% endblocktranslate %}{% endif %}"
    )
    for language, expected in (("sv", sv), ("en", en)):
        with translation.override(language):
            assert template.render(Context({"n": count})).strip() == expected


@pytest.mark.django_db
def test_english_names_read_as_english():
    """The seeded topic "Företagslots" has an English name without Swedish in brackets."""
    assert factories.topic("foretagslots").name_en == "A business navigator"
