from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from aleforetag.accounts.models import User


class Command(BaseCommand):
    help = (
        "Load the demo: the November 2017 lunch workshop, its notes, summaries and follow-ups, "
        "and one user per role. Refuses a database that has accounts the demo did not create."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load the demo even though DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a production database. Use --force to load the demo anyway."
            )
        # Imported here: the demo builds with factory_boy, a development dependency that a
        # production install (requirements.lock) does not have.
        try:
            from portal.demo import DEMO_PASSWORD, load_demo
            from portal.demo.users import DEMO_USERS
        except ModuleNotFoundError as missing:
            if missing.name not in ("factory", "faker"):
                raise
            raise CommandError(
                "The demo is built with the development tools (factory_boy), which are not installed "
                "here, as on a production server. Load it on a development machine (make run)."
            ) from missing
        # Whatever the flags: the demo's accounts have known passwords and it would mix made-up
        # content with real, so it never goes into a database where people have accounts.
        # Anonymised accounts (deleted by their holders) hold nothing of anyone and do not count.
        demo_addresses = [email for _, email, *_ in DEMO_USERS]
        others = User.objects.filter(anonymised_at__isnull=True).exclude(email__in=demo_addresses)
        if others.exists():
            raise CommandError(
                f"This database has {others.count()} account(s) that the demo did not create, so it "
                "is not a demo database: the demo is never loaded into it, whatever the options "
                "(its accounts have published passwords). Use an empty database, e.g. "
                "DATABASE_URL=sqlite:///var/demo.sqlite3."
            )

        users = load_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/konto/logga-in/ as:")
        )
        for role, user in users.items():
            self.stdout.write(f"  {role:<16} {user.email:<32} password: {DEMO_PASSWORD}")
