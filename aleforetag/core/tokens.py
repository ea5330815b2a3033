"""What a signed link may say about an e-mail address: only a keyed digest of it.

Signed tokens (``django.core.signing``) are signed, not encrypted: anyone can read their
payload, and links end up in access logs and browser histories. So a link names its object
by id and proves the address it was sent to with a digest that cannot be turned back into
the address; the link stops working once the address changes, as before.

The digest is keyed with the secret key, like the signature: after a key rotation a link
sent before it still matches under one of ``SECRET_KEY_FALLBACKS``, as its signature does.
"""

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "aleforetag.core.tokens.address"


def address_digest(email: str, *, secret: str | None = None) -> str:
    """A keyed digest of the address (case and surrounding spaces ignored), under the
    current secret key unless ``secret`` names another."""
    return salted_hmac(SALT, email.strip().lower(), secret=secret, algorithm="sha256").hexdigest()[:24]


def address_matches(payload: dict, email: str, *, legacy_key: str) -> bool:
    """Whether a token's payload was made for ``email``: by its digest ``a``, or, for links
    e-mailed before addresses were left out of them, by the readable address under
    ``legacy_key``."""
    if "a" in payload:
        return any(
            constant_time_compare(payload["a"], address_digest(email, secret=secret))
            for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        )
    return legacy_key in payload and payload[legacy_key] == email
