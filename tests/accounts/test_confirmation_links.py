"""Confirmation links in e-mail ask before they act, and keep working after a key rotation.

Mail scanners open every link in a message: opening a confirmation link only shows a page
with a button, and only the button's POST confirms. Links already sent are signed with the
secret key of their day: after a rotation (the old key in DJANGO_SECRET_KEY_FALLBACKS) they
still work (docs/operations.md, "Rotating the secret key").
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aleforetag.accounts import tokens as account_tokens
from tests import factories
from workshops import tokens as registration_tokens
from workshops.models import Registration

pytestmark = pytest.mark.django_db

OLD_KEY = "old-secret-key-" + "o" * 50
NEW_KEY = "new-secret-key-" + "n" * 50


@pytest.fixture
def unconfirmed(db):
    return factories.UserFactory(email="ny.foretagare@example.se", email_confirmed=False)


@pytest.fixture
def pending_registration(db):
    workshop = factories.WorkshopFactory(registration_open=True, capacity=5)
    return factories.RegistrationFactory(
        workshop=workshop, email="gast@example.se", status=Registration.Status.PENDING
    )


def _confirm_url(user):
    return reverse("accounts:confirm", args=[account_tokens.make_confirmation_token(user)])


def _registration_confirm_url(registration):
    return reverse(
        "workshops:registration-confirm", args=[registration_tokens.make_confirmation_token(registration)]
    )


def test_opening_the_account_link_confirms_nothing_the_button_does(client, unconfirmed):
    url = _confirm_url(unconfirmed)
    response = client.get(url)
    assert response.status_code == 200
    assert b'method="post"' in response.content
    unconfirmed.refresh_from_db()
    assert not unconfirmed.email_confirmed

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    unconfirmed.refresh_from_db()
    assert unconfirmed.email_confirmed


def test_opening_the_link_of_a_confirmed_account_goes_on_to_sign_in(client, business_owner):
    response = client.get(_confirm_url(business_owner))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")


def test_a_forged_or_outdated_account_link_says_so_on_open(client, unconfirmed):
    token = account_tokens.make_confirmation_token(unconfirmed)
    assert client.get(reverse("accounts:confirm", args=[token[:-2] + "xx"])).status_code == 400
    unconfirmed.email = "byttes@example.se"
    unconfirmed.save(update_fields=["email"])
    assert client.get(reverse("accounts:confirm", args=[token])).status_code == 400
    assert client.post(reverse("accounts:confirm", args=[token])).status_code == 400


def test_opening_the_registration_link_takes_no_seat_the_button_does(
    client, pending_registration, django_capture_on_commit_callbacks
):
    url = _registration_confirm_url(pending_registration)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 200
    assert pending_registration.workshop.title.encode() in response.content
    pending_registration.refresh_from_db()
    assert pending_registration.status == Registration.Status.PENDING
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    pending_registration.refresh_from_db()
    assert pending_registration.status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 1
    # Once confirmed, the link goes straight to the registration.
    response = client.get(url)
    assert response.status_code == 302
    detail = reverse(
        "workshops:registration-detail", args=[registration_tokens.make_manage_token(pending_registration)]
    )
    assert response["Location"] == detail


def test_the_registration_link_says_when_the_workshop_has_started(client, pending_registration):
    workshop = pending_registration.workshop
    workshop.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    workshop.ends_at = timezone.now() + datetime.timedelta(hours=1)
    workshop.save(update_fields=["starts_at", "ends_at"])
    response = client.get(_registration_confirm_url(pending_registration))
    assert response.status_code == 400
    pending_registration.refresh_from_db()
    assert pending_registration.status == Registration.Status.PENDING


def test_account_link_signed_with_the_old_key_works_after_rotation(client, settings, unconfirmed):
    """Made before the rotation, confirmed after it: the old key is among the fallbacks."""
    settings.SECRET_KEY = OLD_KEY
    url = _confirm_url(unconfirmed)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    assert client.get(url).status_code == 400

    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    unconfirmed.refresh_from_db()
    assert unconfirmed.email_confirmed


def test_personal_registration_link_signed_with_the_old_key_works_after_rotation(client, settings):
    registration = factories.RegistrationFactory(
        workshop=factories.WorkshopFactory(registration_open=True, capacity=5),
        email="gast@example.se",
        status=Registration.Status.CONFIRMED,
    )
    settings.SECRET_KEY = OLD_KEY
    url = reverse("workshops:registration-detail", args=[registration_tokens.make_manage_token(registration)])

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    assert client.get(url).status_code == 400

    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["registration"] == registration
