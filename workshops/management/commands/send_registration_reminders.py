from django.core.management.base import BaseCommand

from workshops.services import registrations_enqueue_reminders


class Command(BaseCommand):
    help = (
        "Put the reminder e-mail in the outbox for everyone with a seat at a workshop that starts "
        "within two hours to the end of tomorrow. Run it every hour; each person gets the reminder "
        "once, however often it runs."
    )

    def handle(self, *args, **options):
        queued = registrations_enqueue_reminders()
        self.stdout.write(f"Queued {queued} reminder(s).")
