"""Demo users: one per role, plus more business owners so the demo has several voices."""

from aleforetag.accounts import roles
from aleforetag.accounts.models import User
from portal.factories import UserFactory

DEMO_PASSWORD = "ale-demo-2017"  # noqa: S105 - printed for the demo, never production

DEMO_USERS = [
    # key, e-mail, name, organisation, role group
    (
        "business_owner",
        "foretagare@example.se",
        "Karin Lindqvist",
        "Lindqvists Bygg AB",
        roles.BUSINESS_OWNER,
    ),
    ("staff", "naringsliv@example.se", "Sara Ekström", "Ale kommun", roles.STAFF),
    ("staff_reviewer", "granskare@example.se", "Johan Berg", "Ale kommun", roles.STAFF),
    ("politician", "politiker@example.se", "Anders Holm", "Kommunstyrelsen", roles.POLITICIAN),
    ("admin", "admin@example.se", "Maria Nilsson", "Ale kommun", roles.ADMIN),
    ("business_owner_2", "kafe@example.se", "Ahmed Karimi", "Nödinge Kafé & Bageri", roles.BUSINESS_OWNER),
    ("business_owner_3", "verkstad@example.se", "Lena Sjöberg", "Alafors Mekaniska", roles.BUSINESS_OWNER),
]


def load_demo_users() -> dict[str, User]:
    """Create or update the demo users; running it again changes nothing."""
    groups = roles.sync_role_groups()
    users = {}
    for key, email, name, organisation, role in DEMO_USERS:
        user = User.objects.filter(email=email).first() or UserFactory(email=email, password=DEMO_PASSWORD)
        user.full_name = name
        user.organisation_name = organisation
        user.email_confirmed = True
        user.is_staff = role in (roles.STAFF, roles.ADMIN)
        user.is_superuser = role == roles.ADMIN
        user.save()
        user.groups.set([groups[role]])
        users[key] = user
    return users
