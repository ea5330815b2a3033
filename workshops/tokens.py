"""Signed tokens for the links in registration e-mails.

A token names the registration by id and carries only a keyed digest of its address (never
the address: links end up in access logs); it stops working once the address changes.
A visitor's confirmation link expires after ``REGISTRATION_CONFIRMATION_MAX_AGE`` seconds
(default three days). The personal link that shows, downloads and cancels a registration
carries no expiry of its own: it stops working when the workshop starts, which the service
checks, so a link from an old e-mail cannot cancel anything after the fact.
"""

from django.conf import settings
from django.core import signing

from aleforetag.core.tokens import address_digest, address_matches

CONFIRM_SALT = "workshops.registration.confirm"
MANAGE_SALT = "workshops.registration.manage"


def _payload(registration) -> dict:
    return {"r": registration.pk, "a": address_digest(registration.email)}


def made_for(payload: dict, registration) -> bool:
    """Whether a token's payload was made for this registration at its current address."""
    return payload.get("r") == registration.pk and address_matches(
        payload, registration.email, legacy_key="e"
    )


def make_confirmation_token(registration) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(_payload(registration))


def read_confirmation_token(token: str) -> dict:
    """The payload of a confirmation token; raises ``signing.BadSignature`` for a forged
    token and its subclass ``signing.SignatureExpired`` for an expired one."""
    max_age = getattr(settings, "REGISTRATION_CONFIRMATION_MAX_AGE", 3 * 24 * 3600)
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=max_age)


def make_manage_token(registration) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign_object(_payload(registration))


def read_manage_token(token: str) -> dict:
    """The payload of a personal registration link; raises ``signing.BadSignature`` when forged."""
    return signing.Signer(salt=MANAGE_SALT).unsign_object(token)
