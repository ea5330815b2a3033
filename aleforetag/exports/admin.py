from django.contrib import admin

from feedback.models import Disagreement, Note, Summary, SummaryPoint, Theme, Topic
from feedback.resources import (
    DisagreementResource,
    NoteResource,
    SummaryPointResource,
    SummaryResource,
    ThemeResource,
    TopicResource,
)

from .admin_mixins import PortalExportMixin, PortalImportExportMixin
from .models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """The export and import log: read-only, for admins."""

    list_display = [
        "created_at",
        "user_email",
        "direction",
        "table",
        "file_format",
        "row_count",
        "personal_data",
    ]
    list_filter = ["direction", "channel", "table", "personal_data"]
    search_fields = ["user_email", "table"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _with_export(model, resource_class, *, importable, fallback_options):
    """Give ``model``'s admin export (and import) without taking the admin over.

    The feedback app owns its admin; when it registers one, that admin class is kept and
    only gains the export mixin. When it has none, a plain one is registered here.
    """
    mixin = PortalImportExportMixin if importable else PortalExportMixin
    if admin.site.is_registered(model):
        existing = type(admin.site.get_model_admin(model))
        if issubclass(existing, PortalExportMixin):
            return
        admin.site.unregister(model)
        bases = (mixin, existing)
        options = {"resource_classes": [resource_class]}
    else:
        bases = (mixin, admin.ModelAdmin)
        options = {"resource_classes": [resource_class], **fallback_options}
    admin_class = type(f"{model.__name__}ExportAdmin", bases, {"__module__": __name__, **options})
    admin.site.register(model, admin_class)


_with_export(
    Theme,
    ThemeResource,
    importable=True,
    fallback_options={"list_display": ["name_sv", "name_en", "slug", "order"]},
)
_with_export(
    Topic,
    TopicResource,
    importable=True,
    fallback_options={
        "list_display": ["name_sv", "theme", "slug", "order"],
        "list_filter": ["theme"],
        "list_select_related": ["theme"],
    },
)
_with_export(
    Note,
    NoteResource,
    importable=True,
    fallback_options={
        "list_display": ["__str__", "workshop", "status", "source", "created_at"],
        "list_filter": ["status", "source", "workshop"],
        "search_fields": ["text"],
        "list_select_related": ["workshop"],
        "raw_id_fields": ["author", "moderated_by", "group"],
    },
)
_with_export(
    Summary,
    SummaryResource,
    importable=False,
    fallback_options={
        "list_display": ["__str__", "status", "version", "published_at"],
        "list_filter": ["status", "theme"],
        "list_select_related": ["workshop", "theme"],
        "raw_id_fields": ["last_edited_by", "checked_by"],
    },
)
_with_export(
    SummaryPoint,
    SummaryPointResource,
    importable=False,
    fallback_options={
        "list_display": ["__str__", "summary", "order"],
        "list_select_related": ["summary__workshop", "summary__theme"],
        "raw_id_fields": ["summary", "notes"],
    },
)
_with_export(
    Disagreement,
    DisagreementResource,
    importable=False,
    fallback_options={
        "list_display": ["__str__", "status", "created_at"],
        "list_filter": ["status"],
        "raw_id_fields": ["point", "author"],
    },
)
