from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2", "groups")}),
    )
    filter_horizontal = ["groups"]
