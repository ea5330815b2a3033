"""Admin of the feedback app: notes, and summaries with disagreements."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from aleforetag.core.services import audit_record
from aleforetag.exports.admin_mixins import PortalExportMixin, PortalImportExportMixin

from .models import Disagreement, Note, Summary, SummaryPoint, SummaryRevision, Theme, Topic
from .resources import (
    DisagreementResource,
    NoteResource,
    SummaryPointResource,
    SummaryResource,
    ThemeResource,
    TopicResource,
)
from .services import notes as note_services

# --- notes ---


class TopicInline(admin.StackedInline):
    model = Topic
    fields = ["name_sv", "name_en", "slug", "order"]
    prepopulated_fields = {"slug": ["name_sv"]}
    extra = 1


@admin.register(Theme)
class ThemeAdmin(PortalImportExportMixin, admin.ModelAdmin):
    """Staff may add themes beyond the three seeded ones, with their topics."""

    resource_classes = [ThemeResource]
    list_display = ["name_sv", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_sv", "name_en"]
    prepopulated_fields = {"slug": ["name_sv"]}
    inlines = [TopicInline]


@admin.register(Topic)
class TopicAdmin(PortalImportExportMixin, admin.ModelAdmin):
    resource_classes = [TopicResource]
    list_display = ["name_sv", "name_en", "theme", "order"]
    list_filter = ["theme"]
    list_select_related = ["theme"]
    search_fields = ["name_sv", "name_en"]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(Note)
class NoteAdmin(PortalImportExportMixin, admin.ModelAdmin):
    """Notes for correction and export; day-to-day moderation happens in the staff queue,
    and the publish action here goes through the same audited service."""

    resource_classes = [NoteResource]
    list_display = ["__str__", "workshop", "group", "kind", "source", "status", "created_at"]
    list_filter = ["status", "source", "kind", "themes", "workshop"]
    list_select_related = ["workshop", "group"]
    search_fields = ["text"]
    date_hierarchy = "created_at"
    raw_id_fields = ["group"]
    filter_horizontal = ["themes", "topics"]
    # Nobody writes in another person's name: the author and the source are never set here, and
    # what staff add is a transcribed paper note. A business owner's own words, and whether
    # they are published, stay theirs and the moderation queue's (the publish action below).
    readonly_fields = ["author", "source", "moderated_by", "moderated_at", "created_at", "updated_at"]
    browser_note_readonly_fields = ["text", "status", "hidden_reason"]
    actions = ["publish_notes"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.source == Note.Source.BROWSER:
            fields += self.browser_note_readonly_fields
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.source = Note.Source.PAPER
            obj.author = None
        if "status" in form.changed_data and obj.status in (Note.Status.PUBLISHED, Note.Status.HIDDEN):
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Every note written or changed here is in the portal's audit log, like the staff pages.
        audit_record(
            actor=request.user,
            action="note.admin_update" if change else "note.admin_create",
            target=form.instance,
            fields=sorted(form.changed_data),
        )

    @admin.action(description=_("Publish the selected notes"), permissions=["change"])
    def publish_notes(self, request, queryset):
        published = 0
        for note in queryset.select_related("workshop"):
            try:
                note_services.note_publish(actor=request.user, note=note)
            except ValidationError as error:
                self.message_user(request, f"{note}: {' '.join(error.messages)}", messages.WARNING)
            else:
                published += 1
        self.message_user(
            request,
            ngettext("%(count)d note is published.", "%(count)d notes are published.", published)
            % {"count": published},
        )


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
class SummaryAdmin(PortalExportMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    resource_classes = [SummaryResource]
    list_display = ["__str__", "status", "version", "last_edited_by", "checked_by", "checked_at"]
    list_filter = ["status", "theme", "workshop"]
    list_select_related = ["workshop", "theme", "last_edited_by", "checked_by"]
    search_fields = ["introduction", "points__text"]
    inlines = [SummaryPointInline]


@admin.register(SummaryPoint)
class SummaryPointAdmin(PortalExportMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    resource_classes = [SummaryPointResource]
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
class DisagreementAdmin(PortalExportMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    resource_classes = [DisagreementResource]
    list_display = ["__str__", "point", "author", "status", "wants_contact", "created_at"]
    list_filter = ["status", "wants_contact"]
    list_select_related = ["point", "author"]
    search_fields = ["text"]
    date_hierarchy = "created_at"
