"""The key pages of the portal and how to time them with Django's test client.

Every page is timed in pairs with the floor view (a trivial page through the same middleware
and base template, requested as the same role), so each figure is also a ratio that holds on a
shared machine whose speed drifts. A page whose URL does not exist yet is reported as missing.

Pages are timed as a user meets them, uncached: Django's dummy cache stands in for the cache
while they are timed. The dashboard, whose figures are the one thing cached, is timed twice:
cold (the cache emptied before every request) and warm; beside it the bare SQL of its
figures (the dashboard selectors' queries run alone) is timed, the limit a cold request nears.
"""

import math
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from aleforetag.accounts import roles
from aleforetag.accounts.models import User
from feedback.models import Disagreement, Note, Summary, Theme
from followups.models import Conference
from workshops.models import Workshop

FLOOR_URL_NAME = "service-status"
SEARCH_TERM = "bygglov"
# Beyond the last page: the paginator answers with the last page.
LAST_PAGE = 100_000
BACKEND = "django.contrib.auth.backends.ModelBackend"

ANONYMOUS, OWNER, STAFF, POLITICIAN = "anonymous", "owner", "staff", "politician"

# Which targets a page is held to (report.py): a bounded page of something that grows keeps
# large/small <= 1.3 and its own limit to the floor; the dashboard has its cold and warm limits.
PUBLIC = "public"  # anonymous visitors and business owners: <= 20 x floor
STAFF_PAGE = "staff"  # staff's working pages: <= 40 x floor
DASHBOARD_COLD = "dashboard_cold"  # <= 100 x floor
DASHBOARD_WARM = "dashboard_warm"  # <= 3 x floor
BOUNDED = (PUBLIC, STAFF_PAGE)
DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    role: str
    kind: str
    args: tuple = ()
    query: dict = field(default_factory=dict)


@dataclass
class Targets:
    """The rows the pages are about: the busiest workshop, conference and business owner."""

    workshop_slug: str
    theme_slug: str
    conference_slug: str
    dashboard_year: int
    owner_id: int
    staff_id: int
    politician_id: int


def find_targets() -> Targets:
    """Pick the rows that make each page as heavy as the data allows."""
    workshop_id = (
        Note.objects.published()
        .filter(workshop__summaries__status=Summary.Status.PUBLISHED)
        .values("workshop")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "workshop")[0]["workshop"]
    )
    conference = Conference.objects.annotate(n=Count("followups")).order_by("-n", "-year")[0]
    input_count = {}
    for row in Note.objects.filter(author__isnull=False).values("author").annotate(n=Count("pk")):
        input_count[row["author"]] = input_count.get(row["author"], 0) + row["n"]
    for row in Disagreement.objects.filter(author__isnull=False).values("author").annotate(n=Count("pk")):
        input_count[row["author"]] = input_count.get(row["author"], 0) + row["n"]
    owner_id = max(sorted(input_count), key=lambda pk: input_count[pk])
    return Targets(
        workshop_slug=Workshop.objects.get(pk=workshop_id).slug,
        theme_slug=Theme.objects.order_by("order", "pk")[0].slug,
        conference_slug=conference.slug,
        dashboard_year=timezone.localdate().year - 1,
        owner_id=owner_id,
        staff_id=User.objects.filter(groups__name=roles.STAFF).order_by("pk")[0].pk,
        politician_id=User.objects.filter(groups__name=roles.POLITICIAN).order_by("pk")[0].pk,
    )


def key_pages(t: Targets) -> list[Page]:
    """The pages the benchmark times, in table order."""
    ws = (t.workshop_slug,)
    return [
        Page("home", "Home", "home", ANONYMOUS, PUBLIC),
        Page("workshop_list", "Workshop list", "workshops:workshop-list", ANONYMOUS, PUBLIC),
        Page(
            "workshop_detail",
            "Workshop detail with summaries",
            "portal:workshop-detail",
            ANONYMOUS,
            PUBLIC,
            ws,
        ),
        Page(
            "summary_public",
            "What we heard (one theme)",
            "feedback:summary-public",
            ANONYMOUS,
            PUBLIC,
            (t.workshop_slug, t.theme_slug),
        ),
        Page("notes_first", "Notes page, first page", "feedback:note-list", ANONYMOUS, PUBLIC, ws),
        Page(
            "notes_last",
            "Notes page, last page",
            "feedback:note-list",
            ANONYMOUS,
            PUBLIC,
            ws,
            {"sida": LAST_PAGE},
        ),
        Page(
            "notes_theme",
            "Notes page, theme filter",
            "feedback:note-list",
            ANONYMOUS,
            PUBLIC,
            ws,
            {"tema": t.theme_slug},
        ),
        Page(
            "notes_search",
            "Notes page, text search",
            "feedback:note-list",
            ANONYMOUS,
            PUBLIC,
            ws,
            {"sok": SEARCH_TERM},
        ),
        *dashboard_pages(t),
        Page(
            "board", "Follow-up board", "followups:conference-board", STAFF, STAFF_PAGE, (t.conference_slug,)
        ),
        Page(
            "conference",
            "Conference page",
            "followups:conference-detail",
            ANONYMOUS,
            PUBLIC,
            (t.conference_slug,),
        ),
        Page("my_influence", "My influence (busiest owner)", "portal:my-influence", OWNER, PUBLIC),
        Page("triage", "Triage inbox", "followups:triage", STAFF, STAFF_PAGE),
    ]


def dashboard_pages(t: Targets) -> list[Page]:
    """The dashboard for all years and for one year and theme, each cold and warm."""
    filters = (("all", "all years", {"ar": "alla"}), ("filtered", "year and theme", dashboard_query(t)))
    return [
        Page(
            f"dashboard_{key}_{state}",
            f"Dashboard, {label}, {state}",
            "dashboard:dashboard",
            POLITICIAN,
            kind,
            (),
            query,
        )
        for key, label, query in filters
        for state, kind in (("cold", DASHBOARD_COLD), ("warm", DASHBOARD_WARM))
    ]


def dashboard_query(t: Targets) -> dict:
    return {"ar": t.dashboard_year, "tema": t.theme_slug}


def page_url(page: Page) -> str | None:
    """The page's URL, or None while no view answers to its name."""
    try:
        url = reverse(page.url_name, args=page.args)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(page.query)}" if page.query else url


def clients_for(t: Targets) -> dict[str, Client]:
    """One test client per role, signed in without a password (a session row, as in real use)."""
    clients = {ANONYMOUS: Client()}
    for role, pk in ((OWNER, t.owner_id), (STAFF, t.staff_id), (POLITICIAN, t.politician_id)):
        client = Client()
        client.force_login(User.objects.get(pk=pk), backend=BACKEND)
        clients[role] = client
    return clients


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _timed(client: Client, url: str, *, cold: bool = False):
    if cold:
        cache.clear()
    started = time.perf_counter()
    response = client.get(url)
    return time.perf_counter() - started, response


def measure_page(
    client: Client, url: str, floor_url: str, *, repeats: int, warmup: int = 2, cold: bool = False
) -> dict:
    """Median and p95 server time (ms) of ``url`` and of the floor view timed alongside it,
    the SQL query count of one request, the status code and the response size. ``cold``
    empties the cache before every request of ``url``."""
    for _ in range(warmup):
        client.get(floor_url)
        response = _timed(client, url, cold=cold)[1]
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Read now: the next request's request_started signal empties the query log.
    queries = len(captured)
    page_times, floor_times = [], []
    for _ in range(repeats):
        floor_times.append(_timed(client, floor_url)[0])
        elapsed, response = _timed(client, url, cold=cold)
        page_times.append(elapsed)
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": queries,
        "median_ms": statistics.median(page_times) * 1000,
        "p95_ms": percentile(page_times, 0.95) * 1000,
        "floor_median_ms": statistics.median(floor_times) * 1000,
        "floor_p95_ms": percentile(floor_times, 0.95) * 1000,
        "floor_samples_ms": [x * 1000 for x in floor_times],
    }


def measure_pages(*, repeats: int = 20, warmup: int = 2, only: set | None = None, log=print) -> dict:
    """Time every key page and the floor view per role; return a dict keyed by page."""
    targets = find_targets()
    clients = clients_for(targets)
    floor = reverse(FLOOR_URL_NAME)
    results = {}
    floor_by_role: dict[str, list[float]] = {}
    for page in key_pages(targets):
        if only and page.key not in only:
            continue
        url = page_url(page)
        row = {"label": page.label, "kind": page.kind, "role": page.role, "url": url}
        if url is None:
            row["missing"] = True
            results[page.key] = row
            log(f"  {page.label}: no such page yet ({page.url_name})")
            continue
        if page.kind in (DASHBOARD_COLD, DASHBOARD_WARM):
            measured = measure_page(
                clients[page.role],
                url,
                floor,
                repeats=repeats,
                warmup=warmup,
                cold=page.kind == DASHBOARD_COLD,
            )
        else:
            with override_settings(CACHES=DUMMY_CACHE):
                measured = measure_page(clients[page.role], url, floor, repeats=repeats, warmup=warmup)
        row.update(measured)
        row["floor_ratio"] = row["median_ms"] / row["floor_median_ms"]
        floor_by_role.setdefault(page.role, []).extend(row.pop("floor_samples_ms"))
        results[page.key] = row
        log(
            f"  {page.label}: {row['median_ms']:.1f} ms median, {row['queries']} queries, "
            f"{row['floor_ratio']:.1f}x floor (HTTP {row['status']})"
        )
    for role, samples in floor_by_role.items():
        results[f"floor_{role}"] = {
            "label": f"Floor view ({role})",
            "kind": "floor",
            "role": role,
            "url": floor,
            "status": 200,
            "median_ms": statistics.median(samples),
            "p95_ms": percentile(samples, 0.95),
            "floor_ratio": 1.0,
            "queries": _floor_queries(clients[role], floor),
        }
    if not only or any(key.startswith("dashboard") for key in only):
        results.update(measure_dashboard_sql(targets, repeats=repeats, floor_by_role=floor_by_role, log=log))
    return {"targets": targets.__dict__, "pages": results}


def dashboard_figures_sql(filters) -> list[tuple[str, tuple]]:
    """The SQL statements (with their parameters) that counting the dashboard's figures for
    ``filters`` runs: its filter options and every selector behind ``build_dashboard``."""
    from dashboard import selectors
    from dashboard.report import build_dashboard

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        selectors.dashboard_filter_options(now=filters.now)
        build_dashboard(filters)
    return statements


def time_statements(statements: list[tuple[str, tuple]]) -> float:
    """Seconds to run ``statements`` one after another, reading every row."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()
    return time.perf_counter() - started


def measure_dashboard_sql(t: Targets, *, repeats: int, floor_by_role: dict, log=print) -> dict:
    """The bare SQL of the dashboard's figures per filter: its median time, as a row per filter."""
    from dashboard import selectors
    from feedback.models import Theme

    now = timezone.now()
    theme = Theme.objects.get(slug=t.theme_slug)
    rows = {}
    floor = floor_by_role.get(POLITICIAN) or []
    for key, label, year, chosen in (
        ("all", "all years", None, None),
        ("filtered", "year and theme", t.dashboard_year, theme),
    ):
        statements = dashboard_figures_sql(selectors.DashboardFilter(year=year, theme=chosen, now=now))
        time_statements(statements)
        times = [time_statements(statements) for _ in range(max(repeats, 1))]
        row = {
            "label": f"Dashboard, {label}, bare SQL",
            "kind": "sql",
            "role": POLITICIAN,
            "url": None,
            "status": 200,
            "queries": len(statements),
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": percentile(times, 0.95) * 1000,
        }
        row["floor_ratio"] = row["median_ms"] / statistics.median(floor) if floor else None
        rows[f"dashboard_{key}_sql"] = row
        log(f"  {row['label']}: {row['median_ms']:.1f} ms median, {row['queries']} queries")
    return rows


def _floor_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)
