from django.core.management.base import BaseCommand

from workshops.services import registrations_enqueue_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder e-mail for everyone with a seat at a workshop that starts tomorrow. "
        "Run it once a day; each person gets the reminder once, however often it runs."
    )

    def handle(self, *args, **options):
        queued = registrations_enqueue_reminders()
        self.stdout.write(f"Queued {queued} reminder(s).")
