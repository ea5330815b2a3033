"""Sign-up tells nobody whether an address has an account (issue 19, finding 8): the answer is
the same either way, and the holder of the existing account gets an e-mail instead."""

import pytest
from django.urls import reverse

from aleforetag.accounts.models import User

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Karin Lindqvist",
    "organisation_name": "",
    "password1": "lunch-i-nodinge-2017",
    "password2": "lunch-i-nodinge-2017",
}


def _sign_up(client, email):
    return client.post(reverse("accounts:sign-up"), {**SIGN_UP, "email": email})


def test_sign_up_answers_the_same_for_a_taken_and_a_free_address(
    client, business_owner, mailoutbox, django_capture_on_commit_callbacks
):
    """A taken address and a free one get the same redirect to the same page; the taken
    one's holder is told by e-mail with the ways back in, and no account is added."""
    with django_capture_on_commit_callbacks(execute=True):
        taken = _sign_up(client, business_owner.email.upper())
        free = _sign_up(client, "ny.foretagare@example.se")
    assert taken.status_code == free.status_code == 302
    assert taken["Location"] == free["Location"]
    assert "finns redan" not in client.get(taken["Location"]).content.decode()
    assert User.objects.filter(email__iexact=business_owner.email).count() == 1
    assert User.objects.filter(email="ny.foretagare@example.se").exists()
    to_holder = [message for message in mailoutbox if message.to == [business_owner.email]]
    assert len(to_holder) == 1
    body = to_holder[0].body
    assert "redan" in to_holder[0].subject
    assert reverse("accounts:login") in body and reverse("accounts:password-reset") in body
    assert "Karin Lindqvist" not in body  # nothing the visitor typed reaches the holder


def test_an_unconfirmed_holder_gets_a_new_confirmation_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """Signing up again with an address whose account is not confirmed sends a new link."""
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, "karin@example.se")
        _sign_up(client, "karin@example.se")
    assert [message.to for message in mailoutbox] == [["karin@example.se"], ["karin@example.se"]]
    assert all("/konto/bekrafta/" in message.body for message in mailoutbox)
    assert User.objects.filter(email="karin@example.se").count() == 1


def test_emails_to_an_unconfirmed_address_say_someone_entered_it(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """The confirmation e-mail says plainly that someone entered the address, what to do if
    it was not them, and does not repeat the name the visitor typed."""
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, "karin@example.se")
    body = mailoutbox[0].body
    assert "Någon har angett den här e-postadressen" in body
    assert "Om det inte var du" in body
    assert "Karin Lindqvist" not in body
