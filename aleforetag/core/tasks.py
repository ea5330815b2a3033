"""Background work of the core: delivering the outbox's e-mail."""

from django.tasks import task


@task
def deliver_email(message_pk: int) -> bool:
    """Send one recorded e-mail now; running it again never sends it twice."""
    from .outbox import deliver

    return deliver(message_pk)
