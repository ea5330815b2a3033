"""Odd numbers in the query string never cause a server error (issue 19, finding 6).

Every GET parameter of every URL, as every role: the parameters a page reads (recorded while
it answers a plain GET), those of its search and filter forms and links, and the usual ones
(``sida``), each given non-ASCII digits, huge integers and other almost-numbers. The answer
may be a 400, a form error or the page itself, never a 500. The admin's date and list
filters are probed the same way. The module builds its world once; each request runs in a
savepoint inside it.
"""

import contextlib
import os
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .forms import forms_on
from .matrix import ARGS, MATRIX
from .world import ROLES

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("HOSTILE_NUMBER_EXAMPLES", "2"))
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The findings (², 23 and 30 digits, the admin's year of 20 digits), digits of other scripts,
# and numbers Python's int() takes but a plain ASCII integer is not.
ODD_NUMBERS = [
    "²",
    "٣",
    "9" * 23,
    "9" * 30,
    str(2**63),
    "１２",
    "𝟗",
    str(-(2**63) - 1),
    "99999999999999999999",
    " 1",
    "+1",
    "1_000",
    "-0",
    "0x1f",
]
odd_number = st.one_of(
    st.sampled_from(ODD_NUMBERS),
    st.integers(min_value=2**31 - 2, max_value=10**40).map(str),
    st.integers(min_value=-(10**40), max_value=-1).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=25),
)


@contextlib.contextmanager
def _recording_query_keys():
    """Record every key any QueryDict is asked for while a request is answered."""
    keys = set()
    originals = {name: getattr(QueryDict, name) for name in ("__getitem__", "get", "getlist", "__contains__")}

    def wrap(name):
        original = originals[name]

        def recorded(self, key, *args, **kwargs):
            if isinstance(key, str):
                keys.add(key)
            return original(self, key, *args, **kwargs)

        return recorded

    for name in originals:
        setattr(QueryDict, name, wrap(name))
    try:
        yield keys
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def _client(world, role):
    client = Client(raise_request_exception=False)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def _get(client, url, query=None):
    savepoint = transaction.savepoint_create()
    try:
        return client.get(url, query or {})
    finally:
        transaction.savepoint_rollback(savepoint)


def _parameters_of(client, url) -> set[str]:
    """The query parameters the page reads, offers in GET forms, or puts in its own links."""
    with _recording_query_keys() as keys:
        response = _get(client, url)
    names = set(keys) | {"sida"}
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        html = response.content.decode()
        for form in forms_on(html, url):
            if form.method == "get":
                names.update(form.fields)
        for href in re.findall(r'href="([^"]*\?[^"]*)"', html):
            names.update(
                name for name, _value in parse_qsl(urlsplit(unescape(href)).query, keep_blank_values=True)
            )
    return {name for name in names if name and not name.startswith("csrf")}


def _hypothesis_mixes(client, url, parameters, role):
    @RUN
    @given(query=st.dictionaries(st.sampled_from(parameters), odd_number, min_size=1, max_size=3))
    def run(query):
        status = _get(client, url, query).status_code
        assert status < 500, f"{url} {query!r} as {role}: {status}"

    run()


GET_PAGES = sorted(
    name for name, methods in MATRIX.items() if any(code == 200 for code in methods["GET"].values())
)


@pytest.mark.parametrize("name", GET_PAGES)
def test_odd_numbers_in_any_get_parameter_are_no_server_error(name, world):
    """Each parameter alone with "²", "٣" and an id of 23 digits, then hypothesis' mixes of
    odd numbers (HOSTILE_NUMBER_EXAMPLES per role, default 2; raise it for a long hunt), from
    every role: never a 500."""
    url = reverse(name, kwargs=ARGS.get(name, lambda w: {})(world))
    problems = []
    for role in ROLES:
        client = _client(world, role)
        parameters = sorted(_parameters_of(client, url))
        for parameter in parameters:
            for value in ODD_NUMBERS[:3]:
                status = _get(client, url, {parameter: value}).status_code
                if status >= 500:
                    problems.append(f"{url}?{parameter}={value} as {role}: {status}")

        _hypothesis_mixes(client, url, parameters, role)
    assert problems == []


def _admin_parameters(model_admin) -> list[str]:
    names = ["p", "q"]
    field = model_admin.date_hierarchy
    if field:
        names += [f"{field}__year", f"{field}__month", f"{field}__day"]
    for entry in model_admin.list_filter:
        if isinstance(entry, str):
            names += [f"{entry}__id__exact", f"{entry}__exact", f"{entry}__pk__exact"]
    return names


ADMIN_MODELS = sorted(f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry)


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_odd_numbers_in_the_admins_filters_are_no_server_error(label, world):
    """The admin's lists with their date hierarchy (a year of 20 digits), list filters and
    paging given odd numbers answer without a server error (as an admin, who sees them all)."""
    model = next(
        model
        for model in admin.site._registry
        if f"{model._meta.app_label}.{model._meta.model_name}" == label
    )
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    parameters = _admin_parameters(admin.site._registry[model])
    problems = []
    for role in ("admin",):
        client = _client(world, role)
        for parameter in parameters:
            for value in ODD_NUMBERS[:5]:
                status = _get(client, url, {parameter: value}).status_code
                if status >= 500:
                    problems.append(f"{url}?{parameter}={value} as {role}: {status}")
        if model_admin_field := admin.site._registry[model].date_hierarchy:
            query = {f"{model_admin_field}__year": "2017", f"{model_admin_field}__month": "9" * 20}
            if _get(client, url, query).status_code >= 500:
                problems.append(f"{url} {query} as {role}")
    assert problems == []


def _url(name, world):
    return reverse(name, kwargs=ARGS.get(name, lambda w: {})(world))


@pytest.mark.parametrize(
    ("name", "role", "query", "expected"),
    [
        ("followups:conference-detail", "owner", {"sida": "²"}, 200),
        ("feedback:disagreement-list", "staff", {"sammanfattning": "²"}, 400),
        ("followups:conference-board", "staff", {"sida": "²"}, 200),
        ("followups:followup-create", "staff", {"notes": "9" * 23}, 400),
        ("followups:followup-create", "staff", {"notes": "²"}, 400),
        ("followups:followup-create", "staff", {"disagreements": "٣"}, 400),
        ("feedback:note-transcribe", "staff", {"grupp": "²"}, 400),
        ("feedback:note-transcribe", "staff", {"rader": "²"}, 200),
    ],
)
def test_the_findings_odd_numbers_in_the_query_string(name, role, query, expected, world):
    """The numbers of the finding: a page number reads as the first page; an id that is not a
    plain integer in range is a 400."""
    assert _get(_client(world, role), _url(name, world), query).status_code == expected


def _post(client, url, data):
    savepoint = transaction.savepoint_create()
    try:
        return client.post(url, data)
    finally:
        transaction.savepoint_rollback(savepoint)


def test_a_theme_id_of_23_digits_on_the_note_form_is_a_field_error(world):
    """The business owner's note form with a theme id of 23 digits answers with the form and
    a field error (an overflow on SQLite before)."""
    client = _client(world, "owner")
    url = reverse("feedback:note-create", kwargs=ARGS["feedback:note-create"](world))
    response = _post(client, url, {"text": "Bra dag.", "kind": "suggestion", "themes": ["9" * 23]})
    assert response.status_code == 200
    assert response.context["form"].errors["themes"]


@pytest.mark.parametrize("value", ["²", "9" * 30])
def test_unlinking_with_an_odd_id_changes_nothing(value, world):
    """The unlink action with id=² or 30 digits goes back to the follow-up, no server error."""
    client = _client(world, "staff")
    url = reverse("followups:followup-unlink", kwargs=ARGS["followups:followup-unlink"](world))
    assert _post(client, url, {"kind": "note", "id": value}).status_code == 302


def test_the_admins_year_filter_of_20_digits_is_a_bad_request(world):
    """The finding's ``created_at__year=99999999999999999999`` on the notes' admin list: 400."""
    client = _client(world, "admin")
    url = reverse("admin:feedback_note_changelist")
    assert _get(client, url, {"created_at__year": "9" * 20}).status_code == 400
    assert _get(client, url, {"created_at__year": "2017"}).status_code == 200
