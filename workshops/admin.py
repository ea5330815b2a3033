from django.contrib import admin

from aleforetag.exports.admin_mixins import PortalExportMixin, PortalImportExportMixin

from .models import DiscussionGroup, Organisation, Participation, Registration, Workshop
from .resources import (
    DiscussionGroupResource,
    OrganisationResource,
    ParticipationResource,
    RegistrationResource,
    WorkshopResource,
)


class DiscussionGroupInline(admin.StackedInline):
    # Stacked, not tabular: the tabular inline's fields have no <label> (axe: critical).
    model = DiscussionGroup
    extra = 1


@admin.register(Workshop)
class WorkshopAdmin(PortalImportExportMixin, admin.ModelAdmin):
    resource_classes = [WorkshopResource]
    list_display = ["title", "kind", "starts_at", "status", "notes_open_until"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    inlines = [DiscussionGroupInline]


@admin.register(Organisation)
class OrganisationAdmin(PortalImportExportMixin, admin.ModelAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "organisation_number"]
    search_fields = ["name", "organisation_number"]


@admin.register(Participation)
class ParticipationAdmin(PortalImportExportMixin, admin.ModelAdmin):
    resource_classes = [ParticipationResource]
    list_display = ["display_name", "workshop", "role", "organisation", "group", "attended"]
    list_filter = ["workshop", "role", "attended"]
    search_fields = ["name", "user__full_name", "user__email", "organisation__name"]
    list_select_related = ["workshop", "user", "organisation", "group"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(DiscussionGroup)
class DiscussionGroupAdmin(PortalImportExportMixin, admin.ModelAdmin):
    resource_classes = [DiscussionGroupResource]
    list_display = ["name", "workshop", "order", "table_host"]
    list_filter = ["workshop"]
    search_fields = ["name"]


@admin.register(Registration)
class RegistrationAdmin(PortalExportMixin, admin.ModelAdmin):
    """Registrations for reading and export; seats and the waiting list move through the
    registration services, so they are not imported here."""

    resource_classes = [RegistrationResource]
    list_display = ["name", "workshop", "status", "queued_at", "checked_in_at"]
    list_filter = ["workshop", "status"]
    search_fields = ["name", "email", "organisation_name"]
    list_select_related = ["workshop"]
    raw_id_fields = ["user", "participation", "preferred_group"]
    readonly_fields = ["queued_at", "cancelled_at", "promoted_at", "reminder_sent_at", "needs_erased_at"]
