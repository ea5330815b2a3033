"""CSRF protection on every form: a POST without the token is refused and changes nothing."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from .matrix import ARGS, LOGIN, MATRIX, REDIRECT
from .urlwalk import all_routes
from .world import ROLES

pytestmark = pytest.mark.django_db

ACCEPTS_POST = sorted(
    name
    for name, methods in MATRIX.items()
    if any(answer not in (405, LOGIN, 403) for answer in methods["POST"].values())
)


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.managed}


def test_no_view_is_exempt_from_csrf():
    """No URL of the site, the admin included, switches CSRF protection off."""
    exempt = [route.pattern for route in all_routes() if getattr(route.callback, "csrf_exempt", False)]
    assert exempt == []


@pytest.mark.parametrize("name", ACCEPTS_POST)
def test_post_without_the_csrf_token_is_refused(name, world):
    """For the role that may post to the URL, a POST without the CSRF token gets 403 with
    Django's CSRF message and stores nothing; the same POST with the token gets past it."""
    expected = MATRIX[name]["POST"]
    role = next(role for role in ROLES if expected[role] not in (405, LOGIN, 403))
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = reverse(name, kwargs=ARGS.get(name, lambda w: {})(world))
    before = _row_counts()

    response = client.post(url, {})

    assert response.status_code == 403
    assert b"CSRF" in response.content
    assert _row_counts() == before

    client.get(reverse("home"))  # the page sets the CSRF cookie, as a form page would
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": token})
    answer = response.status_code
    if answer == 302:
        answer = LOGIN if response["Location"].startswith("/konto/logga-in/") else REDIRECT
    assert answer == expected[role]


def test_admin_sign_in_needs_the_csrf_token(admin_user):
    """The Django admin's forms are protected as well."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": admin_user.email, "password": "x"})
    assert response.status_code == 403
