"""Lockout nobody can aim at someone else (issue 19, finding 2): the client address is read
behind the trusted proxy, failures count per account and client address, a client spraying
passwords over many accounts is stopped, and the deletion page's password counts the same."""

import pytest
from django.urls import reverse

from aleforetag.core.client import client_ip
from tests import factories

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def _sign_in(client, email, password, *, client_address, forwarded_prefix=""):
    """A sign-in through the TLS proxy: it connects from PROXY and appends the client's address."""
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_prefix + client_address,
    )


def test_failures_from_one_client_do_not_lock_the_owner_out_behind_the_proxy(client, business_owner):
    """An attacker's wrong passwords lock the attacker's client only: through the same proxy
    the owner, from another address, signs in with the right password at once."""
    for _number in range(8):
        response = _sign_in(client, business_owner.email, "wrong-password", client_address=ATTACKER)
    assert response.status_code == 429
    owner = type(client)()
    response = _sign_in(owner, business_owner.email, factories.PASSWORD, client_address=OWNER)
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(business_owner.pk)


def test_a_forged_forwarded_header_does_not_give_a_fresh_count(client, business_owner):
    """A client writing its own X-Forwarded-For cannot pose as a new address: only the entry
    the trusted proxy appended counts."""
    for number in range(5):
        response = _sign_in(
            client,
            business_owner.email,
            "wrong-password",
            client_address=ATTACKER,
            forwarded_prefix=f"192.0.2.{number}, ",
        )
    assert response.status_code == 429


def test_failures_while_locked_do_not_restart_the_cool_off(client, business_owner, time_machine):
    """Wrong passwords during the lockout do not push its end further out."""
    time_machine.move_to("2026-03-02 09:00:00+01:00")
    for _number in range(5):
        _sign_in(client, business_owner.email, "wrong-password", client_address=ATTACKER)
    time_machine.move_to("2026-03-02 09:14:00+01:00")
    assert (
        _sign_in(client, business_owner.email, "wrong-password", client_address=ATTACKER).status_code == 429
    )
    time_machine.move_to("2026-03-02 09:16:00+01:00")
    response = _sign_in(client, business_owner.email, factories.PASSWORD, client_address=ATTACKER)
    assert response.status_code == 302


def test_password_spraying_from_one_client_is_stopped(client, settings):
    """Four wrong passwords on each of six accounts (below the per-account limit) lock the
    client out across accounts; the same accounts still sign in from elsewhere."""
    assert settings.AXES_CLIENT_FAILURE_LIMIT <= 24
    people = [factories.BusinessOwnerFactory() for _number in range(6)]
    for person in people:
        for _number in range(4):
            _sign_in(client, person.email, "wrong-password", client_address=ATTACKER)
    response = _sign_in(client, people[0].email, factories.PASSWORD, client_address=ATTACKER)
    assert response.status_code == 429
    elsewhere = type(client)()
    assert _sign_in(elsewhere, people[0].email, factories.PASSWORD, client_address=OWNER).status_code == 302


def test_wrong_passwords_on_the_deletion_page_are_counted(client, business_owner):
    """The deletion page's password is a sign-in: five wrong ones lock it (429) like the
    sign-in form, and sign-in from that client is locked too; the account stays."""
    client.force_login(business_owner)
    url = reverse("portal:account-delete")
    for _number in range(5):
        response = client.post(
            url,
            {"password": "wrong-password", "confirm": "on"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    assert response.status_code == 429
    response = client.post(
        url,
        {"password": factories.PASSWORD, "confirm": "on"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    assert response.status_code == 429
    business_owner.refresh_from_db()
    assert business_owner.anonymised_at is None
    client.logout()
    assert (
        _sign_in(client, business_owner.email, factories.PASSWORD, client_address=ATTACKER).status_code == 429
    )


def test_the_client_address_behind_proxies(rf, settings):
    """No trusted proxy: REMOTE_ADDR; one or two: that many places from the right of
    X-Forwarded-For; a header shorter than the count gives its leftmost entry."""
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2, 3.3.3.3")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == PROXY
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "3.3.3.3"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "2.2.2.2"
    settings.TRUSTED_PROXY_COUNT = 5
    assert client_ip(request) == "1.1.1.1"
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY)) == PROXY
