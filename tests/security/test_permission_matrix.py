"""The permission matrix, generated from the URL configuration.

Every named URL of the portal, with GET and POST, against anonymous, business owner A
(who owns the objects in the URL), business owner B, staff, politician and admin. A URL
that is added without an entry in ``matrix.MATRIX`` fails ``test_every_url_is_in_the_matrix``.
"""

from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .matrix import ARGS, LOGIN, MATRIX, REDIRECT
from .urlwalk import portal_routes
from .world import ROLES, build_world

pytestmark = pytest.mark.django_db

LOGIN_PATH = "/konto/logga-in/"


def test_every_url_is_in_the_matrix():
    """Each URL of the portal is named and has an entry; no entry names a URL that is gone."""
    routes = portal_routes()
    unnamed = [route.pattern for route in routes if not route.name]
    assert unnamed == [], "every URL needs a name so that the matrix can cover it"
    names = {route.name for route in routes}
    assert sorted(names - MATRIX.keys()) == [], "add these URLs to tests/security/matrix.py"
    assert sorted(MATRIX.keys() - names) == [], "these matrix entries name URLs that no longer exist"


def _answer(response) -> int | str:
    if response.status_code == 302:
        return LOGIN if response["Location"].startswith(LOGIN_PATH) else REDIRECT
    return response.status_code


def signed_in_clients(world) -> dict[str, Client]:
    """One client per role, signed in once; each request is undone, cookies included."""
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])
    return clients


def check_url(name: str, world, method: str, client: Client, data=None):
    """One request, undone afterwards so that every role meets the same data."""
    cookies = SimpleCookie(client.cookies.output(header="", sep=";"))
    savepoint = transaction.savepoint_create()
    try:
        url = reverse(name, kwargs=ARGS.get(name, lambda w: {})(world))
        response = client.get(url, data) if method == "GET" else client.post(url, data or {})
        return _answer(response), response
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = cookies


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(name):
    """Every role gets exactly the answer in the matrix for GET and POST on this URL, every
    answer carries the Content-Security-Policy, and no answer is a server error."""
    world = build_world()
    clients = signed_in_clients(world)
    mismatches = []
    for method, expected in MATRIX[name].items():
        for role in ROLES:
            got, response = check_url(name, world, method, clients[role])
            if got != expected[role]:
                mismatches.append(f"{method} as {role}: expected {expected[role]}, got {got}")
            if "unsafe-inline" in response.get("Content-Security-Policy", "unsafe-inline"):
                mismatches.append(f"{method} as {role}: no strict Content-Security-Policy")
    assert mismatches == []


def test_matrix_size():
    """The matrix covers every URL with both methods for all six roles."""
    checks = sum(len(methods) * len(ROLES) for methods in MATRIX.values())
    assert checks == len(MATRIX) * 2 * 6
