"""Admin of the feedback app: notes, and summaries with disagreements."""

from django.contrib import admin

from .models import Disagreement, Summary, SummaryPoint, SummaryRevision

# --- notes ---


# --- summaries and disagreements ---
# Summaries change only through the editor (versions, four eyes, audit log), so the admin
# shows them read-only; disagreements likewise keep the author's own words.


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SummaryPointInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SummaryPoint
    fields = ["order", "text"]
    extra = 0
    show_change_link = True


@admin.register(Summary)
class SummaryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "status", "version", "last_edited_by", "checked_by", "checked_at"]
    list_filter = ["status", "theme", "workshop"]
    list_select_related = ["workshop", "theme", "last_edited_by", "checked_by"]
    search_fields = ["introduction", "points__text"]
    inlines = [SummaryPointInline]


@admin.register(SummaryPoint)
class SummaryPointAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "summary", "order"]
    list_select_related = ["summary__workshop", "summary__theme"]
    search_fields = ["text"]
    raw_id_fields = ["summary", "notes"]


@admin.register(SummaryRevision)
class SummaryRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["summary", "number", "status", "saved_by", "saved_at"]
    list_filter = ["status"]
    list_select_related = ["summary__workshop", "summary__theme", "saved_by"]
    date_hierarchy = "saved_at"


@admin.register(Disagreement)
class DisagreementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "point", "author", "status", "wants_contact", "created_at"]
    list_filter = ["status", "wants_contact"]
    list_select_related = ["point", "author"]
    search_fields = ["text"]
    date_hierarchy = "created_at"
