from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from aleforetag.accounts import roles

from .models import AuditEntry, SiteSettings

admin.site.site_header = _("Ale business climate: administration")
admin.site.site_title = _("Administration")
admin.site.index_title = _("Users, roles, site settings, imports and exports")


def admins_only(request) -> bool:
    """The admin is for admins (users, roles, site settings, imports and exports), and for
    whoever an admin granted the export or import right; staff do their work in the
    portal's own pages, so the admin sends them to its sign-in page."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return roles.has_role(user, roles.ADMIN) or any(
        user.has_perm(perm) for perm in ("exports.export_data", "exports.import_data")
    )


admin.site.has_permission = admins_only


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["contact_centre_name", "phone", "email", "updated_at"]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
