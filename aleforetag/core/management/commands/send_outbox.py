"""Send the outbox's due e-mail now (the worker does this by itself every half minute)."""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from aleforetag.core import outbox
from aleforetag.core.models import OutboxEmail


class Command(BaseCommand):
    help = (
        "Send every e-mail in the outbox that is due. With --retry-now, e-mail waiting for a "
        "later attempt (or given up on) is tried at once: use it when the mail server is back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--retry-now", action="store_true", help="Try waiting and given-up e-mail now.")

    def handle(self, *args, retry_now, **options):
        if retry_now:
            OutboxEmail.objects.filter(
                Q(status=OutboxEmail.Status.PENDING) | Q(status=OutboxEmail.Status.FAILED)
            ).update(status=OutboxEmail.Status.PENDING, next_attempt_at=timezone.now())
        counts = outbox.deliver_due()
        waiting = OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).count()
        failed = OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).count()
        self.stdout.write(
            f"Sent {counts['sent']} of {counts['due']} due e-mail(s); {waiting} waiting for a later "
            f"attempt; {failed} given up (see the admin's outgoing e-mail)."
        )
