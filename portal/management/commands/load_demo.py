from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


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
        # Imported here: the demo builds with factory_boy, a development dependency.
        from portal.demo import DEMO_PASSWORD, load_demo

        users = load_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/konto/logga-in/ as:")
        )
        for role, user in users.items():
            self.stdout.write(f"  {role:<16} {user.email:<32} password: {DEMO_PASSWORD}")
