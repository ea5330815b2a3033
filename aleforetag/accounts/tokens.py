"""Signed, expiring tokens for e-mail confirmation links."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "aleforetag.accounts.confirm-email"


def make_confirmation_token(user) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"id": user.pk, "email": user.email})


def read_confirmation_token(token: str) -> dict:
    """Return the token's payload; raise ``signing.BadSignature`` (or its subclass
    ``SignatureExpired``) for a forged or expired token."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
        token, max_age=settings.ACCOUNT_CONFIRMATION_MAX_AGE
    )
