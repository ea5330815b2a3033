"""Page content cached under data versions, so it is fresh by construction.

Database triggers (dashboard migrations 0001-0004) bump a table's row in
``dashboard_data_version`` on every write to it: ORM saves, queryset updates, m2m changes and
raw SQL alike. A cache key that holds the versions of every table a piece of content reads
changes with any write to them, so a cached copy is never served after its data changed.
Reading the versions is one query by primary key; a cache hit then runs no other query.

Time can change content without a write (a registration closes, the notes window ends):
content that depends on the clock is stored with ``fresh_until`` and drawn afresh after it.
"""

import datetime
import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# Cached content is fresh by construction; the timeout only frees memory.
CACHE_SECONDS = 60 * 60


def data_versions(tables: Iterable[str]) -> str:
    """The data versions of ``tables`` in one query: equal strings mean no write to any of them
    in between."""
    tables = sorted(set(tables))
    placeholders = ", ".join(["%s"] * len(tables))
    sql = f"SELECT table_name, version FROM dashboard_data_version WHERE table_name IN ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY table_name", tables)
        rows = cursor.fetchall()
    if len(rows) != len(tables):
        # A table without a trigger would make the cache serve stale content: fail loudly.
        missing = set(tables) - {table for table, _version in rows}
        raise LookupError(f"No data version is kept for {', '.join(sorted(missing))}.")
    return ".".join(str(version) for _table, version in rows)


@dataclass(frozen=True)
class Rendered:
    """Content and, when the clock changes it, the moment it stops being true."""

    value: object
    fresh_until: datetime.datetime | None = None


def cached_content(
    name: str,
    *,
    tables: Iterable[str],
    parts: Iterable[object] = (),
    draw: Callable[[], Rendered],
    now: datetime.datetime | None = None,
):
    """``draw().value``, cached under ``name``, the data versions of ``tables`` (the tables it
    reads), the language and ``parts`` (whatever else it depends on: an id, the query string);
    a hit costs one query, the version read."""
    varying = "\x1f".join([data_versions(tables), get_language() or "", *map(str, parts)])
    key = f"page:{name}:{hashlib.sha256(varying.encode()).hexdigest()[:40]}"
    now = now or timezone.now()
    entry = cache.get(key)
    if entry is not None and (entry.fresh_until is None or now < entry.fresh_until):
        return entry.value
    entry = draw()
    cache.set(key, entry, CACHE_SECONDS)
    return entry.value


def render_for_visitors(
    request,
    *,
    name: str,
    template: str,
    article: str,
    context: Callable[[], dict],
    tables: Iterable[str],
    parts: Iterable[object] = (),
    fresh_until: Callable[[dict], datetime.datetime | None] | None = None,
    personal: bool = True,
):
    """A public page whose visitors (not signed in) all see the same thing: ``article`` (the
    page's content) is drawn once and cached, and ``template`` (the frame, with ``title`` and
    ``content``) is drawn around it. Signed-in users see their own links and forms: for them
    ``template`` includes ``article`` drawn afresh, unless ``personal`` is False (an article
    with nothing in it that depends on who reads it).

    ``context()`` builds the article's context (with ``title``; it may raise Http404),
    ``tables`` are every table the article reads, ``parts`` what else it depends on, and
    ``fresh_until(context)`` when the clock alone changes it."""
    if personal and request.user.is_authenticated:
        return render(request, template, context())

    def draw():
        drawn = context()
        content = render_to_string(article, drawn, request=request)
        until = fresh_until(drawn) if fresh_until else None
        return Rendered({"title": drawn["title"], "content": content}, fresh_until=until)

    # Sign-in links in the article return to the path asked for.
    page = cached_content(name, tables=tables, parts=(request.get_full_path(), *parts), draw=draw)
    return render(request, template, page)


@functools.cache
def _csrf_marker() -> str:
    # Stable across processes (a shared cache holds fragments drawn by any of them) and not
    # guessable, so no text typed into the portal can pose as it.
    return "csrf-" + salted_hmac("aleforetag.core.pagecache", "csrf-marker", algorithm="sha256").hexdigest()


def csrf_placeholder() -> dict:
    """Context for drawing a cacheable fragment whose forms post: ``{% csrf_token %}`` writes
    a marker that ``with_csrf`` replaces with the reader's own token."""
    return {"csrf_token": _csrf_marker()}


def with_csrf(request, html: str) -> str:
    """A cached fragment drawn with ``csrf_placeholder`` carrying this reader's CSRF token."""
    return mark_safe(html.replace(_csrf_marker(), get_token(request)))
