"""Sign-in is quick (issue 19, finding 10): passwords are hashed with Argon2id at OWASP's
recommended cost, and older hashes are upgraded at the next sign-in."""

import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.urls import reverse

from aleforetag.settings import base
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_hashers(settings):
    """The hashers production uses (the test settings use a fast one)."""
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def _sign_in(client, user):
    return client.post(reverse("accounts:login"), {"username": user.email, "password": factories.PASSWORD})


def test_argon2id_at_owasps_minimum_is_the_preferred_hasher(production_hashers):
    """New passwords get Argon2id with 19 MiB, two passes and one lane."""
    assert base.PASSWORD_HASHERS[0] == "aleforetag.accounts.hashers.PortalArgon2PasswordHasher"
    user = factories.BusinessOwnerFactory()
    user.set_password(factories.PASSWORD)
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_an_old_pbkdf2_hash_is_upgraded_at_sign_in(client, production_hashers):
    """A PBKDF2 hash from before signs in and is replaced by an Argon2id hash."""
    user = factories.BusinessOwnerFactory()
    user.password = PBKDF2PasswordHasher().encode(
        factories.PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000
    )
    user.save(update_fields=["password"])
    assert _sign_in(client, user).status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert "m=19456,t=2,p=1" in user.password


def test_the_sign_in_post_takes_well_under_a_second(client, production_hashers):
    """The median of five sign-in posts with the production hasher stays under a second even
    on a busy shared machine (PBKDF2 took 1.6–5 s here; ``make bench`` reports the median
    against its 0.3 s target)."""
    user = factories.BusinessOwnerFactory()
    user.set_password(factories.PASSWORD)
    user.save(update_fields=["password"])
    times = []
    for _number in range(5):
        started = time.perf_counter()
        assert _sign_in(client, user).status_code == 302
        times.append(time.perf_counter() - started)
        client.post(reverse("accounts:logout"))
    assert statistics.median(times) < 1.0, times
