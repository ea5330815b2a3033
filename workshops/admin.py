from django.contrib import admin

from .models import DiscussionGroup, Organisation, Participation, Workshop


class DiscussionGroupInline(admin.TabularInline):
    model = DiscussionGroup
    extra = 1


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "status", "notes_open_until"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    inlines = [DiscussionGroupInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number"]
    search_fields = ["name", "organisation_number"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["display_name", "workshop", "role", "organisation", "group", "attended"]
    list_filter = ["workshop", "role", "attended"]
    search_fields = ["name", "user__full_name", "user__email", "organisation__name"]
    list_select_related = ["workshop", "user", "organisation", "group"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(DiscussionGroup)
class DiscussionGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop", "order", "table_host"]
    list_filter = ["workshop"]
    search_fields = ["name"]
