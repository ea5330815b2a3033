"""A background task for the retry tests: it records its work idempotently, then may fail."""

from django.tasks import task

from aleforetag.core.models import AuditEntry

# How many more runs should fail after doing their work (a mail server that is down, say).
FAILURES_LEFT = {"count": 0}


@task
def record_delivery(*, key: str) -> int:
    """Record one delivery for ``key`` once, however often the task runs."""
    AuditEntry.objects.get_or_create(action="test.delivery", target_id=key)
    if FAILURES_LEFT["count"] > 0:
        FAILURES_LEFT["count"] -= 1
        raise ConnectionError("The mail server did not answer.")
    return AuditEntry.objects.filter(action="test.delivery", target_id=key).count()
