"""The dashboard's figures, kept in Django's cache framework (``CACHES``) per filter and language.

Counting every workshop, note and follow-up takes about a second at a large municipality's
size, so a politician's dashboard is computed once and kept. Every entry is stored under the
current *generation*; a committed write to anything the figures count (a model in
``COUNTED_MODELS``, saved, deleted, tagged through a many-to-many field or written by a queryset
``update``/``bulk_create``) deletes the generation, so the next request counts afresh. The
clock changes figures without a write (a workshop starting; a promise falling overdue at
midnight): an entry lives no longer than the next such moment, and never longer than
``TIMEOUT``, the backstop for writes no signal tells of (raw SQL, a restored backup)."""

import datetime
import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from aleforetag.core.querysets import rows_written
from feedback.models import Disagreement, Note, Summary, SummaryPoint, Theme, Topic
from followups.models import Conference, FollowUp
from indicators.models import ActionPoint, Indicator, IndicatorYear
from workshops.models import Participation, Workshop

from . import selectors

# Every model whose rows the dashboard's selectors count or show.
COUNTED_MODELS = (
    Workshop,
    Participation,
    Theme,
    Topic,
    Note,
    Summary,
    SummaryPoint,
    Disagreement,
    Conference,
    FollowUp,
    Indicator,
    IndicatorYear,
    ActionPoint,
)
TIMEOUT = 15 * 60
GENERATION_KEY = "dashboard:generation"


def figures_changed(*, using=None, **kwargs) -> None:
    """Drops every cached figure once the current transaction commits (at once outside one);
    a rolled-back write drops nothing."""
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY), using=using)


def connect_signals() -> None:
    """Every write to a counted model, however it is made, calls ``figures_changed``."""
    for model in COUNTED_MODELS:
        for signal in (post_save, post_delete, rows_written):
            signal.connect(
                figures_changed, sender=model, dispatch_uid=f"dashboard:{signal}:{model._meta.label}"
            )
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                figures_changed, sender=field.remote_field.through, dispatch_uid=f"dashboard:m2m:{field}"
            )


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # Two first readers at once agree on one generation: whichever added it first.
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


@functools.lru_cache(maxsize=1)
def _seconds_until_time_changes(now: datetime.datetime) -> int:
    """Seconds until the clock alone changes a figure: the next workshop starts, or a new day
    begins (promises fall due by the date); at most ``TIMEOUT``, at least one. Asked once for
    every figure a request counts (they share ``now``)."""
    moments = [
        timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        + datetime.timedelta(days=1)
    ]
    next_start = selectors.next_workshop_start(now=now)
    if next_start is not None:
        moments.append(next_start)
    return max(1, min(TIMEOUT, int((min(moments) - now).total_seconds()) + 1))


@dataclass(frozen=True)
class Cached:
    """Figures read from the cache or counted afresh, with the key they are kept under and
    the seconds they may be kept (the drawn tables and charts are kept alike, by Django's
    ``{% cache %}`` template tag)."""

    value: object
    key: str
    timeout: int


def cached_figures(name: str, build: Callable[[], object], *, now: datetime.datetime) -> Cached:
    """``build()``, cached under ``name`` (what it counts: the filter) in the current generation,
    the language and the day, until the clock changes a figure. ``key`` names this count of
    them (a fresh count gets a new one) and ``timeout`` is what is left of its life."""
    key = f"dashboard:{_generation()}:{get_language()}:{timezone.localdate(now)}:{name}"
    entry = cache.get(key)
    if entry is None:
        timeout = _seconds_until_time_changes(now)
        entry = (build(), now + datetime.timedelta(seconds=timeout))
        cache.set(key, entry, timeout)
    value, expires_at = entry
    left = max(1, int((expires_at - now).total_seconds()))
    return Cached(value, f"{key}:{expires_at.timestamp()}", left)
