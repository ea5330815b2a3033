"""Put failed background tasks back in the queue; run it every few minutes (cron or a timer)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from aleforetag.core.services import TASK_RETRY_MAX_ATTEMPTS, failed_tasks_requeue


class Command(BaseCommand):
    help = "Requeue failed (and stuck) background tasks with a growing delay; never deletes any."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=TASK_RETRY_MAX_ATTEMPTS,
            help="Stop retrying a task after this many runs (it stays visible as failed).",
        )
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=None,
            help="A task still 'running' after this many minutes is taken to have lost its worker "
            "(default: the TASK_STALE_MINUTES setting, 10).",
        )

    def handle(self, *args, max_attempts, stale_minutes, **options):
        if stale_minutes is None:
            stale_minutes = getattr(settings, "TASK_STALE_MINUTES", 10)
        counts = failed_tasks_requeue(
            max_attempts=max_attempts, stale_after=datetime.timedelta(minutes=stale_minutes)
        )
        self.stdout.write(
            f"Requeued {counts['requeued']} task(s) ({counts['stale']} stuck); "
            f"{counts['given_up']} failed task(s) need a person to look at them."
        )
