"""Background work of the follow-ups: feedback notices, run after commit."""

from django.tasks import task


@task
def send_feedback_notices(followup_id: int) -> int:
    """Notify every business owner whose input feeds the answered follow-up (once each)."""
    from .services import followup_notify_owners

    return followup_notify_owners(followup_id=followup_id)
