from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from aleforetag.exports.admin_mixins import PortalExportMixin

from . import services
from .models import User
from .resources import UserResource


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "full_name")


class UserChangeAdminForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(PortalExportMixin, BaseUserAdmin):
    resource_classes = [UserResource]
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation_name", "email_confirmed", "is_active", "is_staff"]
    list_filter = ["groups", "email_confirmed", "is_active", "is_staff"]
    search_fields = ["email", "full_name", "organisation_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Person"),
            {"fields": ("full_name", "phone", "organisation_name", "language", "email_notifications")},
        ),
        (_("Access"), {"fields": ("email_confirmed", "is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "anonymised_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2", "groups"),
            },
        ),
    )
    filter_horizontal = ["groups"]

    def save_model(self, request, obj, form, change):
        if not change:
            # Accounts made by an admin are for known people; they need no e-mail confirmation.
            obj.email_confirmed = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.user_sync_admin_access(user=form.instance)
