"""What a signed link may say about an e-mail address: only a keyed digest of it.

Signed tokens (``django.core.signing``) are signed, not encrypted: anyone can read their
payload, and links end up in access logs and browser histories. So a link names its object
by id and proves the address it was sent to with a digest that cannot be turned back into
the address; the link stops working once the address changes, as before.
"""

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "aleforetag.core.tokens.address"


def address_digest(email: str) -> str:
    """A keyed digest of the address (case and surrounding spaces ignored)."""
    return salted_hmac(SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:24]


def address_matches(payload: dict, email: str, *, legacy_key: str) -> bool:
    """Whether a token's payload was made for ``email``: by its digest ``a``, or, for links
    e-mailed before addresses were left out of them, by the readable address under
    ``legacy_key``."""
    if "a" in payload:
        return constant_time_compare(payload["a"], address_digest(email))
    return legacy_key in payload and payload[legacy_key] == email
