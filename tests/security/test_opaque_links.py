"""Links carry opaque tokens, never a readable address (issue 19, finding 9)."""

import base64
import contextlib
import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from aleforetag.accounts import tokens as account_tokens
from aleforetag.accounts.email_change import make_token
from tests import factories
from workshops import tokens as registration_tokens

pytestmark = pytest.mark.django_db

ADDRESS = "kafe@example.se"


def _readable(token: str) -> str:
    """Everything a reader of an access log can decode from the token."""
    decoded = []
    for part in re.split(r"[:/]", token):
        part = part.lstrip(".")
        with contextlib.suppress(ValueError):
            decoded.append(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("latin-1"))
    return token + " ".join(decoded)


def test_registration_links_do_not_carry_the_address(client, django_capture_on_commit_callbacks):
    """The confirmation link and the personal link of a visitor's registration decode to
    no address, and they still work."""
    workshop = factories.WorkshopFactory(registration_open=True, capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workshops:registration-create", args=[workshop.slug]),
            {"name": "Kafé Ägare", "email": ADDRESS, "dietary_needs": "", "accessibility_needs": ""},
        )
    body = mail.outbox[-1].body
    links = re.findall(r"https?://\S+", body)
    assert links
    for link in links:
        assert ADDRESS not in _readable(link)
        assert "kafe" not in _readable(link)
    confirm = next(link for link in links if "/bekrafta/" in link)
    response = client.post(confirm.split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert response.status_code == 302
    registration = factories.RegistrationFactory(email=ADDRESS)
    manage = registration_tokens.make_manage_token(registration)
    assert ADDRESS not in _readable(manage)
    assert client.get(reverse("workshops:registration-detail", args=[manage])).status_code == 200


def test_account_confirmation_link_does_not_carry_the_address(client):
    """The account confirmation token decodes to no address and confirms the account."""
    person = factories.UserFactory(email=ADDRESS, email_confirmed=False)
    token = account_tokens.make_confirmation_token(person)
    assert ADDRESS not in _readable(token)
    assert client.post(reverse("accounts:confirm", args=[token])).status_code == 302
    person.refresh_from_db()
    assert person.email_confirmed


def test_a_link_stops_working_once_the_address_changes(client):
    """The digest ties the link to the address it was sent to, as the address itself did."""
    registration = factories.RegistrationFactory(email=ADDRESS)
    manage = registration_tokens.make_manage_token(registration)
    registration.email = "ny@example.se"
    registration.save(update_fields=["email"])
    assert client.get(reverse("workshops:registration-detail", args=[manage])).status_code == 400


def test_links_sent_before_the_change_keep_working(client):
    """A personal link from an e-mail sent with the old, readable tokens still opens."""
    registration = factories.RegistrationFactory(email=ADDRESS)
    old = signing.Signer(salt=registration_tokens.MANAGE_SALT).sign_object(
        {"r": registration.pk, "e": registration.email}
    )
    assert client.get(reverse("workshops:registration-detail", args=[old])).status_code == 200


def test_the_address_change_link_carries_neither_address(business_owner):
    """The link that confirms a new address decodes to neither the old nor the new address."""
    token = make_token(business_owner, "karin.ny@example.se")
    readable = _readable(token)
    assert business_owner.email not in readable and "karin.ny@example.se" not in readable
