import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from aleforetag.accounts import roles
from aleforetag.accounts.models import User

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Karin Lindqvist",
    "email": "Karin@Example.se",
    "organisation_name": "Lindqvists Bygg AB",
    "password1": "lunch-i-nodinge-2017",
    "password2": "lunch-i-nodinge-2017",
}


def _confirmation_link(message):
    return re.search(r"http://\S+/konto/bekrafta/\S+/", message.body).group(0)


def test_sign_up_confirm_and_sign_in(client, mailoutbox, django_capture_on_commit_callbacks):
    """Signing up sends one confirmation mail; its link confirms the address; then sign-in works."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:sign-up"), SIGN_UP)
    assert response.status_code == 302
    user = User.objects.get(email="karin@example.se")
    assert not user.email_confirmed
    assert user.groups.filter(name=roles.BUSINESS_OWNER).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["karin@example.se"]
    assert "Bekräfta din e-postadress" in mailoutbox[0].subject

    link = _confirmation_link(mailoutbox[0]).replace("http://127.0.0.1:8000", "")
    # Opening the link shows a button and confirms nothing (a mail scanner may open it).
    response = client.get(link)
    assert response.status_code == 200
    user.refresh_from_db()
    assert not user.email_confirmed
    response = client.post(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_confirmed

    response = client.post(
        reverse("accounts:login"), {"username": "karin@example.se", "password": SIGN_UP["password1"]}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == user


def test_unconfirmed_account_cannot_sign_in(client):
    """Until the address is confirmed, sign-in is refused with a message offering a new link."""
    client.post(reverse("accounts:sign-up"), SIGN_UP)
    response = client.post(
        reverse("accounts:login"), {"username": "karin@example.se", "password": SIGN_UP["password1"]}
    )
    assert response.status_code == 200
    assert "inte bekräftad" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_forged_and_expired_confirmation_links_are_refused(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """A tampered link and a link older than three days do not confirm the account."""
    with (
        time_machine.travel("2026-01-01 12:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("accounts:sign-up"), SIGN_UP)
    path = _confirmation_link(mailoutbox[0]).replace("http://127.0.0.1:8000", "")
    with time_machine.travel("2026-01-01 13:00", tick=False):
        forged = client.get(path[:-3] + "xx/")
    assert forged.status_code == 400
    assert "inte giltig" in forged.content.decode()
    with time_machine.travel("2026-01-05 12:00", tick=False):
        expired = client.get(path)
    assert expired.status_code == 400
    assert "har gått ut" in expired.content.decode()
    assert not User.objects.get(email="karin@example.se").email_confirmed


def test_bad_sign_up_keeps_input_and_creates_nothing(client, mailoutbox):
    """Mismatched passwords and a bad address get messages next to the fields; nothing is stored."""
    data = {**SIGN_UP, "email": "inte-en-adress", "password2": "something-else-entirely"}
    response = client.post(reverse("accounts:sign-up"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "email" in form.errors
    assert "password2" in form.errors
    assert 'value="Karin Lindqvist"' in response.content.decode()
    assert User.objects.count() == 0
    assert mailoutbox == []


def test_sign_up_with_existing_address_creates_nothing(client, business_owner):
    """An address that already has an account, whatever its case, gets no second account; the
    page answers as for a new one (tests/security/test_account_enumeration.py)."""
    response = client.post(reverse("accounts:sign-up"), {**SIGN_UP, "email": business_owner.email.upper()})
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=business_owner.email).count() == 1


def test_password_reset_sends_a_working_link(
    client, business_owner, mailoutbox, django_capture_on_commit_callbacks
):
    """Password reset e-mails a link that lets the owner choose a new password and sign in."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": business_owner.email})
    assert len(mailoutbox) == 1
    path = re.search(r"https?://[^/]+(/konto/losenord/\S+/)", mailoutbox[0].body).group(1)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "ett-nytt-bra-losenord", "new_password2": "ett-nytt-bra-losenord"}
    )
    assert response.status_code == 302
    assert client.login(email=business_owner.email, password="ett-nytt-bra-losenord")


def test_new_accounts_join_only_the_business_owner_group(client):
    """Self sign-up never grants staff, politician or admin rights."""
    client.post(reverse("accounts:sign-up"), SIGN_UP)
    user = User.objects.get(email="karin@example.se")
    assert list(user.groups.values_list("name", flat=True)) == [roles.BUSINESS_OWNER]
    assert not user.is_staff and not user.is_superuser
    assert Group.objects.get(name=roles.STAFF).user_set.count() == 0


def test_password_reset_e_mail_is_in_the_person_s_saved_language(
    client, business_owner, mailoutbox, django_capture_on_commit_callbacks
):
    """The reset e-mail follows the language the person chose for e-mail, not the browser's."""
    business_owner.language = "en"
    business_owner.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:password-reset"), {"email": business_owner.email}, HTTP_ACCEPT_LANGUAGE="sv"
        )
    assert "password" in mailoutbox[0].subject.lower()
