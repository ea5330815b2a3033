"""Sign-in throttling that nobody can aim at someone else (django-axes).

Failures are counted per account and client address together (``AXES_LOCKOUT_PARAMETERS``),
so wrong passwords typed elsewhere never lock the owner out; and per client address across
all accounts, with its own, higher limit (``AXES_CLIENT_FAILURE_LIMIT``), so a client trying
a few passwords on many accounts (password spraying) is stopped too. The client address is
read behind the trusted proxies (``aleforetag.core.client.client_ip``).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_failures(request) -> int:
    """Failed sign-ins from the request's client address, any account, within the cool-off."""
    ip_address = getattr(request, "axes_ip_address", None)
    if not ip_address:
        return 0
    total = AccessAttempt.objects.filter(
        ip_address=ip_address, attempt_time__gte=get_cool_off_threshold(request)
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class PortalAxesHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second limit per client address."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if (
            failures < settings.AXES_FAILURE_LIMIT
            and client_failures(request) >= settings.AXES_CLIENT_FAILURE_LIMIT
        ):
            # Reported as the account limit, which is what axes compares against.
            return settings.AXES_FAILURE_LIMIT
        return failures
