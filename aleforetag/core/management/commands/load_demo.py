from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aleforetag.accounts.demo import DEMO_PASSWORD, load_demo_users
from feedback.demo import load_demo_feedback, load_demo_summaries
from followups.demo import load_demo_followups
from workshops.demo import load_demo_workshops


class Command(BaseCommand):
    help = (
        "Load the demo: the November 2017 lunch workshop, its notes, summaries and follow-ups, "
        "and one user per role."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load the demo even though DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a production database. Use --force to load the demo anyway."
            )
        with transaction.atomic():
            users = load_demo_users()
            workshops = load_demo_workshops(users)
            feedback = load_demo_feedback(users, workshops)
            feedback.update(load_demo_summaries(users, workshops, feedback))
            load_demo_followups(users, workshops, feedback)
        self.stdout.write(
            self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/konto/logga-in/ as:")
        )
        for role, user in users.items():
            self.stdout.write(f"  {role:<16} {user.email:<32} password: {DEMO_PASSWORD}")
