"""A corpus of XSS payloads in every user-written field is shown as inert text everywhere.

Each payload goes into every text a person writes or types: notes, disagreements,
summaries and their points, workshop and group texts, follow-ups and conferences, names of
people (accounts, registrations) and organisations. Every page of the permission matrix
that answers 200 is then read as staff, business owner A, a politician and an anonymous
visitor, and its HTML is parsed: no injected element, event handler, inline style,
javascript: link or inline script may appear, and the payload's marker must be visible
as text on the pages that show the field.

The world is built once for the module with a placeholder in every such text, and each test
writes its payload in place of the placeholder (undone with the test's transaction).
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from .matrix import ARGS, MATRIX
from .test_permission_matrix import signed_in_clients
from .world import WRITTEN, build_world, built_once, rewrite_written

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss-a1')</script>",
    "<img src=x onerror=alert('xss-a2')>",
    "\"><svg onload=alert('xss-a3')>",
    "'><iframe src=javascript:alert('xss-a4')></iframe>",
    "javascript:alert('xss-a5')",
    "</textarea><script>alert('xss-a6')</script>",
    "{{ request.user.password }}{% debug %}xss-a7",
    "<a href=\"javascript:alert('xss-a8')\">klicka</a>",
    "<body onload=alert('xss-a9')>",
    "<style>*{display:none}</style>xss-b1",
    '<meta http-equiv="refresh" content="0;url=//evil.example">xss-b2',
    "&lt;script&gt;xss-b3&lt;/script&gt;",
    '<base href="//evil.example/">xss-b4',
    '<div style="background:url(javascript:alert(1))">xss-b5</div>',
    "<math><mtext></p><script>alert('xss-b6')</script>",
    "\u2028\u2029\"};alert('xss-b7');//",
    "<object data=\"data:text/html,<script>alert('xss-b8')</script>\"></object>",
    "<details open ontoggle=alert('xss-b9')>",
]
MARKER = re.compile(r"xss-[ab]\d")
# Several payloads share one pass over every page, each group short enough for the shortest
# field a person names (a table group's name holds 100 characters): first fit, longest first.
GROUP_LENGTH = 96


def _groups(payloads, limit=GROUP_LENGTH):
    groups: list[list[str]] = []
    for payload in sorted(payloads, key=len, reverse=True):
        group = next((g for g in groups if len(" ".join([*g, payload])) <= limit), None)
        if group is None:
            groups.append([payload])
        else:
            group.append(payload)
    return groups


GROUPS = _groups(PAYLOADS)
READERS = ("staff", "owner", "politician", "anonymous")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "body", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_script = False
        self.body_tags = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.body_tags += 1
            if self.body_tags > 1:
                self.problems.append("a second <body>")
        elif tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append("<meta http-equiv>")
        if tag == "script":
            self._in_script = True
            if not (attributes.get("src") or "").startswith("/static/"):
                self.problems.append("a script that is not a static file")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style=...>")
            if name in URL_ATTRIBUTES and value:
                cleaned = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if cleaned.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value[:40]}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("an inline script")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The shared world with WRITTEN in every user-written text and name."""
    with built_once(django_db_blocker, lambda: build_world(text=WRITTEN, name=WRITTEN)) as world:
        yield world


def inspect(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    return inspector.problems


def html_pages():
    """(name, reader) for every page of the matrix that answers a reader with 200."""
    return [
        (name, role)
        for name, methods in sorted(MATRIX.items())
        for role in READERS
        if methods["GET"][role] == 200
    ]


def read_every_page(world):
    clients = signed_in_clients(world)
    for name, role in html_pages():
        url = reverse(name, kwargs=ARGS.get(name, lambda w: {})(world))
        response = clients[role].get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield name, role, response.content.decode()


def test_pages_are_clean_without_payloads(world):
    """Baseline: no page of the site has an inline script, event handler or inline style."""
    problems = [
        f"{name} as {role}: {problem}"
        for name, role, html in read_every_page(world)
        for problem in inspect(html)
    ]
    assert problems == []


def test_every_payload_is_in_a_group_that_fits_the_shortest_field():
    assert sorted(payload for group in GROUPS for payload in group) == sorted(PAYLOADS)
    assert all(len(" ".join(group)) <= GROUP_LENGTH for group in GROUPS)


@pytest.mark.parametrize(
    "payloads", GROUPS, ids=["+".join(MARKER.search(p).group() for p in group) for group in GROUPS]
)
def test_payload_is_inert_everywhere(payloads, world):
    """The payloads, together in every user-written field at once, change no page's markup,
    and each one's marker is visible as text wherever the field is shown."""
    rewrite_written(" ".join(payloads))
    markers = [MARKER.search(payload).group() for payload in payloads]
    problems, places = [], {marker: [] for marker in markers}
    for name, role, html in read_every_page(world):
        problems.extend(f"{name} as {role}: {problem}" for problem in inspect(html))
        for marker in markers:
            if marker in html:
                places[marker].append((name, role))
    assert problems == []
    for marker, shown in places.items():
        assert len(shown) >= 20, f"the payload {marker} was shown on only {len(shown)} pages"
