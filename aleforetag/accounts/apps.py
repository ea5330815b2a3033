from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aleforetag.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from . import roles

        # Permissions exist only after migrate has run every app's post_migrate handlers,
        # so the role groups are brought up to date once the last app has had its turn.
        post_migrate.connect(roles.sync_role_groups_after_migrate)
