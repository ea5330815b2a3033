"""Background work of the follow-ups: feedback notices and reminders, run after commit."""

from django.tasks import task


@task
def send_feedback_notices(followup_id: int) -> int:
    """Notify every business owner whose input feeds the answered follow-up (once each)."""
    from .services import followup_notify_owners

    return followup_notify_owners(followup_id=followup_id)


@task
def send_followup_reminder(followup_id: int) -> bool:
    """Remind the responsible staff member that the promised feedback date is near (once)."""
    from .services import followup_send_reminder

    return followup_send_reminder(followup_id=followup_id)
