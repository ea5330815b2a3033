"""Signed, expiring tokens for e-mail confirmation links: the account's id and a keyed digest
of its address, never the address itself."""

from django.conf import settings
from django.core import signing

from aleforetag.core.tokens import address_digest, address_matches

CONFIRM_SALT = "aleforetag.accounts.confirm-email"


def make_confirmation_token(user) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {"id": user.pk, "a": address_digest(user.email)}
    )


def made_for(payload: dict, user) -> bool:
    """Whether a token's payload was made for this account at its current address."""
    return payload.get("id") == user.pk and address_matches(payload, user.email, legacy_key="email")


def read_confirmation_token(token: str) -> dict:
    """Return the token's payload; raise ``signing.BadSignature`` (or its subclass
    ``SignatureExpired``) for a forged or expired token."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
        token, max_age=settings.ACCOUNT_CONFIRMATION_MAX_AGE
    )
