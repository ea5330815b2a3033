"""Who may take tables out of the portal and put them back in: admins (and whoever an
admin grants the model permission of the same name)."""

import rules
from django.contrib.auth.backends import ModelBackend

from aleforetag.accounts.rules import is_admin


def granted(perm: str):
    """Holds for whoever an admin gave the model permission ``perm`` (Django's ModelBackend)."""
    return rules.predicate(lambda user: ModelBackend().has_perm(user, perm), name=f"granted {perm}")


for name in ("export_data", "export_personal_data", "import_data", "view_exportlog"):
    rules.add_perm(f"exports.{name}", is_admin | granted(f"exports.{name}"))
