from django.contrib import admin

from aleforetag.exports.admin_mixins import PortalExportMixin, PortalImportExportMixin

from .models import Conference, FeedbackNotice, FollowUp, StatusChange
from .resources import ConferenceResource, FollowUpResource, StatusChangeResource


@admin.register(Conference)
class ConferenceAdmin(PortalImportExportMixin, admin.ModelAdmin):
    resource_classes = [ConferenceResource]
    list_display = ["title", "year", "starts_on", "ends_on", "promised_feedback_date"]
    search_fields = ["title", "place"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["workshops"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FollowUp)
class FollowUpAdmin(PortalExportMixin, admin.ModelAdmin):
    """Read and correct texts; the status moves only through the staff pages, which keep the
    timeline and send the notices."""

    resource_classes = [FollowUpResource]
    list_display = ["title", "conference", "status", "theme", "responsible", "feedback_published_at"]
    list_filter = ["conference", "status", "theme"]
    search_fields = ["title", "description"]
    list_select_related = ["conference", "theme", "responsible"]
    readonly_fields = [
        "status",
        "feedback_published_at",
        "version",
        "reminder_sent_at",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["notes", "disagreements", "summary_points"]
    inlines = [StatusChangeInline]


@admin.register(FeedbackNotice)
class FeedbackNoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "followup", "created_at", "emailed_at", "read_at"]
    list_select_related = ["user", "followup"]
    readonly_fields = ["user", "followup", "created_at", "emailed_at", "read_at"]
    search_fields = ["user__email", "followup__title"]

    def has_add_permission(self, request):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(PortalExportMixin, admin.ModelAdmin):
    """The timelines, read-only, for export; steps are made through the staff pages."""

    resource_classes = [StatusChangeResource]
    list_display = ["followup", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    list_select_related = ["followup", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
