"""The sign-in post, timed as a person meets it: the real form, the real password hasher.

Issue 19 found sign-in taking 1.6–5 s on this machine, all of it PBKDF2's cost. The portal
now hashes with Argon2 (``PASSWORD_HASHERS``); this times the POST of the sign-in form with
the hasher in use, and, beside it for comparison, a few posts against an account whose hash is
still PBKDF2 (which the sign-in then upgrades, so it is put back before each of them).
"""

import secrets
import statistics
import time

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.test import Client
from django.urls import reverse

from aleforetag.accounts.models import User

EMAIL = "bench-sign-in@example.se"
PASSWORD = secrets.token_urlsafe(16)
# The target for the sign-in post's median on this machine.
TARGET_SECONDS = 0.3
PBKDF2_REPEATS = 3


def _post_seconds(client: Client) -> float:
    started = time.perf_counter()
    response = client.post(reverse("accounts:login"), {"username": EMAIL, "password": PASSWORD})
    seconds = time.perf_counter() - started
    if response.status_code != 302:
        raise RuntimeError(f"the bench sign-in answered {response.status_code}")
    client.post(reverse("accounts:logout"))
    return seconds


def measure_sign_in(*, repeats: int = 20) -> dict:
    """The median and p95 of the sign-in POST with the preferred hasher, and the median with
    an old PBKDF2 hash; the bench user is removed afterwards."""
    user, _created = User.objects.get_or_create(
        email=EMAIL, defaults={"full_name": "Bench", "email_confirmed": True}
    )
    user.password = make_password(PASSWORD)
    user.email_confirmed = user.is_active = True
    user.save()
    try:
        client = Client(REMOTE_ADDR="127.0.0.2")
        current = sorted(_post_seconds(client) for _number in range(max(repeats, 3)))
        old_hash = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
        old = []
        for _number in range(PBKDF2_REPEATS):
            User.objects.filter(pk=user.pk).update(password=old_hash)
            old.append(_post_seconds(client))
        upgraded = User.objects.get(pk=user.pk).password.split("$", 1)[0]
    finally:
        User.objects.filter(pk=user.pk).delete()
    return {
        "hasher": get_hasher().algorithm,
        "median_s": statistics.median(current),
        "p95_s": current[min(len(current) - 1, round(0.95 * (len(current) - 1)))],
        "repeats": len(current),
        "pbkdf2_median_s": statistics.median(old),
        "upgraded_to": upgraded,
        "target_s": TARGET_SECONDS,
    }


def describe(row: dict) -> str:
    return (
        f"  sign-in post ({row['hasher']}): median {row['median_s'] * 1000:.0f} ms, "
        f"p95 {row['p95_s'] * 1000:.0f} ms over {row['repeats']}; with an old PBKDF2 hash "
        f"{row['pbkdf2_median_s'] * 1000:.0f} ms (then upgraded to {row['upgraded_to']})"
    )


def checks(row: dict | None) -> list[dict]:
    """The report's target line for the sign-in post."""
    if not row:
        return []
    return [
        {
            "target": f"Sign-in post: median < {row['target_s']:g} s ({row['hasher']})",
            "met": row["median_s"] < row["target_s"],
            "figure": f"{row['median_s'] * 1000:.0f} ms (PBKDF2 was {row['pbkdf2_median_s'] * 1000:.0f} ms)",
        }
    ]
