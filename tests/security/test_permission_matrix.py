"""The permission matrix, generated from the URL configuration.

Every named URL of the portal, with GET, an empty POST and (where ``matrix.DATA`` has one) a
POST of a filled-in form, against anonymous, business owner A (who owns the objects in the
URL), business owner B, staff, politician and admin. A URL that is added without an entry in
``matrix.MATRIX`` fails ``test_every_url_is_in_the_matrix``. A refused request (sign-in, 403,
405) stores nothing; a filled-in form from a role with the right stores what it says.
"""

from http.cookies import SimpleCookie

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from .matrix import ARGS, DATA, DONE, FILLED, LOGIN, MATRIX, REDIRECT
from .urlwalk import portal_routes
from .world import ROLES

pytestmark = pytest.mark.django_db

LOGIN_PATH = "/konto/logga-in/"
REFUSED = (LOGIN, 403, 405)
# Written by every request whatever it is allowed to do: the session and the sign-in throttle.
BOOKKEEPING = ("django_session", "axes_")


def test_every_url_is_in_the_matrix():
    """Each URL of the portal is named and has an entry; no entry names a URL that is gone."""
    routes = portal_routes()
    unnamed = [route.pattern for route in routes if not route.name]
    assert unnamed == [], "every URL needs a name so that the matrix can cover it"
    names = {route.name for route in routes}
    assert sorted(names - MATRIX.keys()) == [], "add these URLs to tests/security/matrix.py"
    assert sorted(MATRIX.keys() - names) == [], "these matrix entries name URLs that no longer exist"


class StoredRows:
    """The tables a request inserted into, updated or deleted from (an UPDATE or DELETE only
    when it changed rows; an INSERT's count is not known before its RETURNING is read)."""

    def __init__(self):
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        words = sql.split(None, 3)
        verb = words[0].upper() if words else ""
        if verb == "INSERT" or (verb in ("UPDATE", "DELETE") and context["cursor"].rowcount != 0):
            table = (words[2] if verb in ("INSERT", "DELETE") else words[1]).strip('"`')
            if not table.startswith(BOOKKEEPING):
                self.tables.add(table)
        return result


def _answer(response, stored) -> int | str:
    if response.status_code == 302:
        if response["Location"].startswith(LOGIN_PATH):
            return LOGIN
        return DONE if stored else REDIRECT
    return response.status_code


def signed_in_clients(world) -> dict[str, Client]:
    """One client per role, signed in once; each request is undone, cookies included."""
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])
    return clients


def check_url(name: str, world, method: str, client: Client):
    """One request, undone afterwards so that every role meets the same data; the answer, the
    response and the tables it stored rows in."""
    cookies = SimpleCookie(client.cookies.output(header="", sep=";"))
    savepoint = transaction.savepoint_create()
    try:
        url = reverse(name, kwargs=ARGS.get(name, lambda w: {})(world))
        stored = StoredRows()
        if method == "GET":
            with connection.execute_wrapper(stored):
                response = client.get(url)
        else:
            data = DATA[name](world) if method == FILLED else {}
            with connection.execute_wrapper(stored):
                response = client.post(url, data)
        answer = _answer(response, stored.tables) if method == FILLED else _answer(response, False)
        return answer, response, stored.tables
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = cookies


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(name, world):
    """Every role gets exactly the answer in the matrix for each method on this URL, every
    answer carries the Content-Security-Policy, no answer is a server error and no refused
    request stores anything."""
    clients = signed_in_clients(world)
    mismatches = []
    for method, expected in MATRIX[name].items():
        for role in ROLES:
            got, response, stored = check_url(name, world, method, clients[role])
            if got != expected[role]:
                mismatches.append(f"{method} as {role}: expected {expected[role]}, got {got}")
            if "unsafe-inline" in response.get("Content-Security-Policy", "unsafe-inline"):
                mismatches.append(f"{method} as {role}: no strict Content-Security-Policy")
            if got in REFUSED and stored:
                mismatches.append(f"{method} as {role}: refused, yet stored rows in {sorted(stored)}")
    assert mismatches == []


def test_matrix_size():
    """The matrix covers every URL with GET and POST, and the filled-in forms of DATA, for
    all six roles."""
    assert all({"GET", "POST"} <= methods.keys() for methods in MATRIX.values())
    assert {name for name, methods in MATRIX.items() if FILLED in methods} == DATA.keys()
    assert all(len(answers) == len(ROLES) == 6 for methods in MATRIX.values() for answers in methods.values())
