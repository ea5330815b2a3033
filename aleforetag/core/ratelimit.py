"""Limits on e-mail sent to an address a visitor typed in, counted in Django's cache.

Every action that e-mails an address typed into a form (sign-up, password reset, resending
the confirmation, workshop registration) asks ``email_allowed`` first. It counts the request
against the address (whoever asks) and against the client address (whatever address it
asks for), each in a fixed window of ``EMAIL_LIMIT_WINDOW`` seconds, so nobody can flood an
inbox nor use the portal to send many people the municipality's mail. The request is counted
whether or not an e-mail then goes out, so the answer tells nothing about accounts.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .client import client_ip

MESSAGE = _(
    "Too many e-mails have been requested for this address or from your connection. "
    "Please wait an hour and try again, or contact us if you need help sooner."
)


def _count(kind: str, value: str, window: int, length: int) -> int:
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    key = f"email-limit:{kind}:{digest}:{window}"
    cache.add(key, 0, timeout=length + 60)
    try:
        return cache.incr(key)
    except ValueError:  # the entry was evicted in between, or the cache keeps nothing
        return 0


def email_allowed(request, *, address: str) -> bool:
    """Count one e-mail requested to ``address`` by the request's client; False once either
    the address or the client has used its allowance in the current window."""
    length = settings.EMAIL_LIMIT_WINDOW
    window = int(time.time() // length)
    to_address = _count("address", address.strip().lower(), window, length)
    from_client = _count("client", client_ip(request), window, length)
    return to_address <= settings.EMAIL_LIMIT_PER_ADDRESS and from_client <= settings.EMAIL_LIMIT_PER_CLIENT
