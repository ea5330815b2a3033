from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aleforetag.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from . import roles

        # Models added by later migrations get their permissions only after migrate has
        # created them, so the role groups are brought up to date after every migrate.
        post_migrate.connect(roles.sync_role_groups_after_migrate, sender=self)
