from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "aleforetag.core"
    label = "core"
    verbose_name = _("Site")


# Django 6.1's label for an empty choice has no Swedish translation in Django's own catalog;
# naming it here puts it in the project's catalog, which takes precedence.
BLANK_CHOICE_LABEL = _("- Select an option -")
