"""Dates as Swedish (and English) write them: "23–24 november 2017", "23 november 2017, 11.30–13.00"."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

register = template.Library()

DASH = "\u2013"  # en dash, written without spaces between the two ends of a range


def _time_format() -> str:
    return "H:i" if (get_language() or "sv").startswith("en") else "H.i"


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def date_range_text(start, end=None, *, with_time: bool = True, weekday: bool = False) -> str:
    """One date or a range of them, each part written once: "23 november 2017, 11.30–13.00",
    "23–24 november 2017", "30 november–2 december 2017", "30 december 2017–2 januari 2018"."""
    if start is None:
        return ""
    start, end = _local(start), _local(end)
    if end is None:
        end = start
    start_day = start.date() if isinstance(start, datetime.datetime) else start
    end_day = end.date() if isinstance(end, datetime.datetime) else end
    if start_day == end_day:
        text = date_format(start, "l j F Y" if weekday else "j F Y")
        if with_time and isinstance(start, datetime.datetime):
            times = date_format(start, _time_format())
            if end != start:
                times += DASH + date_format(end, _time_format())
            text += ", " + times
        return text
    if (start_day.year, start_day.month) == (end_day.year, end_day.month):
        return f"{date_format(start, 'j')}{DASH}{date_format(end, 'j F Y')}"
    if start_day.year == end_day.year:
        return f"{date_format(start, 'j F')}{DASH}{date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')}{DASH}{date_format(end, 'j F Y')}"


@register.simple_tag
def date_range(start, end=None, with_time=True, weekday=False):
    """``{% date_range workshop.starts_at workshop.ends_at %}``; see ``date_range_text``
    (``weekday=True`` names the day of a one-day range)."""
    return date_range_text(start, end, with_time=with_time, weekday=weekday)
