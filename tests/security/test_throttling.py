"""Sign-in throttling with django-axes: repeated failures pause sign-in with a clear message."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _attempt(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_five_failures_lock_the_account_from_that_address_with_a_swedish_message(
    client, business_owner, settings
):
    """After AXES_FAILURE_LIMIT wrong passwords the sign-in page answers 429 with a clear
    Swedish message, and even the right password is refused until the cool-off ends."""
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt_number in range(4):
        response = _attempt(client, business_owner.email, "wrong-password")
        assert response.status_code == 200
        assert "E-postadressen eller lösenordet är fel" in response.content.decode()
    response = _attempt(client, business_owner.email, "wrong-password")
    assert response.status_code == 429
    body = response.content.decode()
    assert "För många misslyckade inloggningsförsök" in body
    assert "15 minuter" in body
    assert "<h1>" in body and "site-footer" in body  # the site's frame

    response = _attempt(client, business_owner.email, factories.PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_english_for_english_visitors(client, business_owner):
    """With the English language cookie the lockout message is in English."""
    client.cookies["django_language"] = "en"
    for _attempt_number in range(5):
        response = _attempt(client, business_owner.email, "wrong-password")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "Wait 15 minutes" in response.content.decode()


def test_lockout_ends_after_the_cool_off_time(client, business_owner, time_machine):
    """When the cool-off time has passed the right password signs in again."""
    time_machine.move_to("2026-03-02 09:00:00+01:00")
    for _attempt_number in range(5):
        _attempt(client, business_owner.email, "wrong-password")
    assert _attempt(client, business_owner.email, factories.PASSWORD).status_code == 429
    time_machine.move_to("2026-03-02 09:16:00+01:00")
    response = _attempt(client, business_owner.email, factories.PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(business_owner.pk)


def test_a_successful_sign_in_resets_the_failure_count(client, business_owner):
    """Four failures, a success, then four more failures do not lock the account."""
    for _attempt_number in range(4):
        _attempt(client, business_owner.email, "wrong-password")
    assert _attempt(client, business_owner.email, factories.PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt_number in range(4):
        assert _attempt(client, business_owner.email, "wrong-password").status_code == 200


def test_another_account_is_not_locked_by_someone_elses_failures(
    client, business_owner, other_business_owner
):
    """The lock is per e-mail address and IP address: other people still sign in."""
    for _attempt_number in range(5):
        _attempt(client, business_owner.email, "wrong-password")
    assert _attempt(client, other_business_owner.email, factories.PASSWORD).status_code == 302


def test_test_client_sign_in_still_works(client, business_owner):
    """client.login and force_login keep working with throttling installed."""
    assert client.login(email=business_owner.email, password=factories.PASSWORD)
    client.logout()
    client.force_login(business_owner)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_admin_sign_in_is_throttled_too(client, admin_user):
    """The Django admin's sign-in form is throttled like the portal's."""
    for _attempt_number in range(5):
        response = client.post(
            reverse("admin:login"), {"username": admin_user.email, "password": "wrong-password"}
        )
    assert response.status_code == 429


def test_changing_the_case_of_the_address_does_not_start_a_fresh_count(client, business_owner):
    """Attempts are counted per address whatever its letter case."""
    for number in range(5):
        email = business_owner.email.upper() if number % 2 else business_owner.email
        response = _attempt(client, email, "wrong-password")
    assert response.status_code == 429


def test_no_log_of_sign_ins_is_kept_and_failures_expire(client, business_owner, time_machine):
    """Successful sign-ins leave no record with the IP address; failure counters are
    deleted once the cool-off time has passed (the privacy page promises both)."""
    from axes.models import AccessAttempt, AccessLog

    time_machine.move_to("2026-03-02 09:00:00+01:00")
    _attempt(client, business_owner.email, "wrong-password")
    assert AccessAttempt.objects.count() == 1
    time_machine.move_to("2026-03-02 09:20:00+01:00")
    assert _attempt(client, business_owner.email, factories.PASSWORD).status_code == 302
    assert AccessLog.objects.count() == 0
    assert AccessAttempt.objects.count() == 0
