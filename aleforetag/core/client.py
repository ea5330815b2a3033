"""The client's address, read the same way by sign-in throttling and the e-mail limits."""

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client that sent the request.

    Behind ``TRUSTED_PROXY_COUNT`` proxies (the municipality's TLS proxy is one) each proxy
    appends the address it received the request from to ``X-Forwarded-For``, so the client's
    address is the one that many places from the right; anything further left was written by
    the client and is not trusted. With no trusted proxy, ``REMOTE_ADDR`` is the client.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    return forwarded[-min(count, len(forwarded))]
