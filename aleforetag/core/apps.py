from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "aleforetag.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        # Third-party apps name themselves in English and untranslated ("Axes", "Tasks Database
        # Backend"); the admin shows these names, so they are given translatable ones here.
        # Their models' and fields' own labels are translated in the project's catalog.
        from django.apps import apps

        names = {"axes": _("Sign-in attempts"), "django_tasks_database": _("Background tasks")}
        for label, name in names.items():
            if label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name


# Django 6.1's label for an empty choice has no Swedish translation in Django's own catalog;
# naming it here puts it in the project's catalog, which takes precedence.
BLANK_CHOICE_LABEL = _("- Select an option -")
