from django.core.management.base import BaseCommand
from django.db import transaction

from followups.services import followups_enqueue_reminders


class Command(BaseCommand):
    help = (
        "Put a reminder to the responsible staff member for each unanswered follow-up whose "
        "promised feedback date is at most 14 days away. Run it daily (cron); each follow-up is "
        "reminded once."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = followups_enqueue_reminders()
        self.stdout.write(f"{count} reminder(s) put in the outbox.")
