from django.contrib import admin

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
