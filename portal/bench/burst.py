"""A workshop burst: business owners all posting a note in the same second while others read.

Thirty signed-in business owners each fetch the note form through gunicorn (its CSRF token and
cookie), then post their note at one barrier while wrk (or the Python load generator) reads
the workshop page and the notes page. Counted: errors (anything but the redirect that follows
a saved note), every note stored exactly once, and the p95 of the posts as a ratio to the
floor view's single-request median on the same server.
"""

import datetime
import http.client
import re
import statistics
import subprocess
import threading
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aleforetag.accounts import roles
from aleforetag.accounts.models import User
from feedback.models import Note, Theme
from portal.factories import DiscussionGroupFactory, WorkshopFactory

from . import load
from .pages import BACKEND, FLOOR_URL_NAME, percentile

WRITERS = 30
READ_SECONDS = 6
FIRE_AFTER_SECONDS = 1.5
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def open_workshop():
    """A published workshop taking notes now, built by the factories."""
    now = timezone.now()
    workshop = WorkshopFactory(
        title="Snabbomgång om företagsklimatet",
        slug=f"snabbomgang-{uuid.uuid4().hex[:8]}",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
        notes_open_until=now + datetime.timedelta(days=7),
        pre_moderation=False,
    )
    DiscussionGroupFactory(workshop=workshop, name="Bord 1", order=1)
    return workshop


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _request(base_url, method, path, *, cookie, body=None):
    host = base_url.removeprefix("http://")
    hostname, port = host.split(":")
    conn = http.client.HTTPConnection(hostname, int(port), timeout=60)
    headers = {"Cookie": cookie}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return (
            response.status,
            response.getheader("Set-Cookie") or "",
            response.read().decode("utf-8", "replace"),
        )
    finally:
        conn.close()


def _prepare_writer(base_url, path, session):
    """The cookie and form token a writer's browser would hold after opening the note form."""
    status, set_cookie, html = _request(base_url, "GET", path, cookie=session)
    if status != 200:
        raise RuntimeError(f"The note form answered {status}")
    cookie = session
    found = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", set_cookie)
    if found:
        cookie += f"; {settings.CSRF_COOKIE_NAME}={found.group(1)}"
    return cookie, _TOKEN.search(html).group(1)


def _readers(base_url, paths, seconds):
    """Start reading ``paths`` for ``seconds``; return a function that waits and gives results."""
    if load.wrk_path():
        processes = [
            subprocess.Popen(  # noqa: S603 - wrk with our own arguments
                [load.wrk_path(), "-t", "1", "-c", "2", "-d", f"{seconds}s", "--latency", base_url + path],
                stdout=subprocess.PIPE,
                text=True,
            )
            for path in paths
        ]

        def finish():
            return [load.parse_wrk(process.communicate()[0]) | {"tool": "wrk"} for process in processes]

        return finish
    results = [None] * len(paths)

    def read(index, path):
        results[index] = load.run_python(base_url + path, seconds=seconds, cookie=None)

    threads = [threading.Thread(target=read, args=(i, path)) for i, path in enumerate(paths)]
    for thread in threads:
        thread.start()

    def finish():
        for thread in threads:
            thread.join()
        return results

    return finish


def run_burst(base_url: str, *, writers: int = WRITERS, read_seconds: int = READ_SECONDS, log=print) -> dict:
    """The burst against the gunicorn at ``base_url``; see the module's docstring."""
    workshop = open_workshop()
    owners = list(
        User.objects.filter(groups__name=roles.BUSINESS_OWNER, is_active=True).order_by("pk")[:writers]
    )
    if len(owners) < writers:
        raise RuntimeError(f"The burst needs {writers} business owners; the database has {len(owners)}.")
    theme = Theme.objects.order_by("order", "pk").first()
    form_path = reverse("feedback:note-create", args=[workshop.slug])
    reading = [
        reverse("portal:workshop-detail", args=[workshop.slug]),
        reverse("feedback:note-list", args=[workshop.slug]),
    ]
    floor_url = base_url + reverse(FLOOR_URL_NAME)
    load.single_request_ms(floor_url, requests=3)
    floor_ms = statistics.median(load.single_request_ms(floor_url))
    prepared = [_prepare_writer(base_url, form_path, _session_cookie(owner)) for owner in owners]
    run_id = uuid.uuid4().hex[:8]
    texts = [f"Inspel {i + 1} i snabbomgången {run_id}: tydligare besked om bygglov." for i in range(writers)]
    outcomes = [None] * writers
    barrier = threading.Barrier(writers)

    def post(index):
        cookie, token = prepared[index]
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "text": texts[index],
                "kind": Note.Kind.SUGGESTION,
                "themes": theme.pk,
            }
        )
        barrier.wait()
        started = time.perf_counter()
        try:
            status = _request(base_url, "POST", form_path, cookie=cookie, body=body)[0]
        except OSError as error:
            status = repr(error)
        outcomes[index] = (started, (time.perf_counter() - started) * 1000, status)

    finish_reading = _readers(base_url, reading, read_seconds)
    time.sleep(FIRE_AFTER_SECONDS)
    threads = [threading.Thread(target=post, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    readers = finish_reading()

    latencies = [outcome[1] for outcome in outcomes]
    starts = [outcome[0] for outcome in outcomes]
    errors = sum(1 for outcome in outcomes if outcome[2] != 302)
    stored = dict.fromkeys(texts, 0)
    for text in Note.objects.filter(workshop=workshop).values_list("text", flat=True):
        if text in stored:
            stored[text] += 1
    p95 = percentile(latencies, 0.95)
    result = {
        "writers": writers,
        "errors": errors,
        "statuses": sorted({str(outcome[2]) for outcome in outcomes}),
        "stored_once": sum(1 for count in stored.values() if count == 1),
        "missing": sum(1 for count in stored.values() if count == 0),
        "duplicated": sum(1 for count in stored.values() if count > 1),
        "start_spread_ms": (max(starts) - min(starts)) * 1000,
        "post_median_ms": statistics.median(latencies),
        "post_p95_ms": p95,
        "floor_ms": floor_ms,
        "p95_floor_ratio": p95 / floor_ms,
        "readers": [
            {"path": path, "requests_per_s": r["requests_per_s"], "errors": r["errors"], "tool": r["tool"]}
            for path, r in zip(reading, readers, strict=True)
        ],
    }
    read = ", ".join(f"{r['requests_per_s']:.0f} req/s ({r['errors']} errors)" for r in result["readers"])
    log(
        f"  burst: {writers} notes posted within {result['start_spread_ms']:.0f} ms, {errors} errors, "
        f"{result['stored_once']} stored once, p95 {p95:.0f} ms ({result['p95_floor_ratio']:.1f}x floor); "
        f"readers {read}"
    )
    return result
