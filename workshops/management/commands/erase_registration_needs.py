from django.conf import settings
from django.core.management.base import BaseCommand

from workshops.services import registrations_erase_needs


class Command(BaseCommand):
    help = (
        "Erase dietary and accessibility needs from registrations whose workshop ended more than "
        "REGISTRATION_NEEDS_RETENTION_DAYS (default 30) days ago. Run it once a day."
    )

    def handle(self, *args, **options):
        erased = registrations_erase_needs()
        days = getattr(settings, "REGISTRATION_NEEDS_RETENTION_DAYS", 30)
        self.stdout.write(f"Erased the needs of {erased} registration(s) older than {days} days.")
