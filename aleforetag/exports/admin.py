from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aleforetag.core.admin import ReadOnlyAdmin

from . import services
from .models import ExportLog, ImportJob


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
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


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """Background imports: their progress (the page the admin is sent to after confirming a
    large import) and how they ended. Read-only."""

    list_display = ["created_at", "file_name", "table", "status", "total_rows", "user"]
    list_filter = ["status", "table"]
    list_select_related = ["user"]
    change_form_template = "exports/admin/importjob_progress.html"
    exclude = ["data"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("exports.import_data")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "job": job}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/confirm/",
                self.admin_site.admin_view(self.confirm_view),
                name="exports_importjob_confirm",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def confirm_view(self, request, object_id):
        """The confirm step of a file the worker has checked: it imports it."""
        job = self.get_object(request, object_id)
        if job is None or not self.has_view_permission(request, job):
            raise PermissionDenied
        if services.import_job_confirm(job_id=job.pk):
            messages.info(request, _("The import runs in the background; you get an e-mail when it is done."))
        return HttpResponseRedirect(reverse("admin:exports_importjob_change", args=[job.pk]))
