"""ModelAdmin mixins that give a table export (and import) in the Django admin.

Usage in an app's ``admin.py``::

    @admin.register(Note)
    class NoteAdmin(PortalImportExportMixin, admin.ModelAdmin):
        resource_classes = [NoteResource]

* Export needs ``exports.export_data`` (admins); personal-data columns are included only
  for ``exports.export_personal_data`` (admins); a table that is personal data as a whole
  (user accounts) needs both. Import needs ``exports.import_data``.
* Formats: Excel-safe CSV and XLSX only (see ``formats.py``).
* Every export and every confirmed import is written to the export log.
* Large tables: the action "Download as CSV (streamed)" streams the selected rows in
  bounded memory instead of building the file in memory first.
"""

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportMixin
from import_export.forms import ExportForm

from .formats import FORMATS, ImportFileError
from .models import ExportLog
from .resources import import_problems
from .services import export_log_record, stream_csv_logged

EXPORT_PERMISSION = "exports.export_data"
PERSONAL_DATA_PERMISSION = "exports.export_personal_data"
IMPORT_PERMISSION = "exports.import_data"


def may_see_personal_data(user) -> bool:
    return user.has_perm(PERSONAL_DATA_PERMISSION)


class PortalExportMixin(ExportMixin):
    """Export of the admin's (filtered) table as Excel-safe CSV or XLSX, logged."""

    export_form_class = ExportForm

    def get_export_formats(self):
        return FORMATS

    def _resources_need_personal_data(self, request) -> bool:
        return any(
            getattr(rc, "requires_personal_data", False) for rc in self.get_export_resource_classes(request)
        )

    def has_export_permission(self, request):
        user = request.user
        if not user.has_perm(EXPORT_PERMISSION) or not self.has_view_permission(request):
            return False
        return not self._resources_need_personal_data(request) or may_see_personal_data(user)

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"include_personal": may_see_personal_data(request.user)}

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        request._exported_rows = len(dataset)
        return dataset

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        export_log_record(
            user=request.user,
            direction=ExportLog.Direction.EXPORT,
            channel=ExportLog.Channel.ADMIN,
            table=self.model._meta.label_lower,
            file_format=file_format.get_extension(),
            row_count=getattr(request, "_exported_rows", 0),
            personal_data=may_see_personal_data(request.user),
            filters=request.GET.urlencode(),
        )
        return data

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        # The form posts back to its own address (keeping the list's filters): import-export
        # leaves it empty, and action="" is invalid HTML.
        context.setdefault("export_url", request.get_full_path())
        return context

    def get_export_filename(self, request, queryset, file_format):
        resource_class = self.get_export_resource_classes(request)[0]
        name = getattr(resource_class, "table_name", "") or self.model._meta.model_name
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    @admin.action(description=_("Download selected rows as CSV (streamed, for large tables)"))
    def stream_csv(self, request, queryset):
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource_class = self.get_export_resource_classes(request)[0]
        resource = resource_class(**self.get_export_resource_kwargs(request))
        response = StreamingHttpResponse(
            stream_csv_logged(
                resource=resource,
                queryset=queryset,
                user=request.user,
                filters=request.GET.urlencode(),
            ),
            content_type="text/csv; charset=utf-8",
        )
        name = getattr(resource_class, "table_name", "") or self.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
        return response

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if action_location == ActionLocation.CHANGE_LIST and self.has_export_permission(request):
            actions["stream_csv"] = self.get_action("stream_csv")
        return actions


class PortalImportExportMixin(ImportMixin, PortalExportMixin):
    """Export as above, plus import with a preview (dry run) and a confirm step."""

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_template_name = "exports/admin/import.html"
    import_error_display = ("message",)

    def get_import_formats(self):
        return FORMATS

    def has_import_permission(self, request):
        return request.user.has_perm(IMPORT_PERMISSION) and self.has_change_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"include_personal": may_see_personal_data(request.user)}

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is not None and context.get("result") is not None:
            context["problems"] = import_problems(context["result"])
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            for row, column, reason in e.problems or [(0, "", str(e))]:
                where = []
                if row:
                    where.append(gettext("row %(row)s") % {"row": row})
                if column:
                    where.append(gettext("column “%(column)s”") % {"column": column})
                form.add_error("import_file", f"{', '.join(where)}: {reason}" if where else reason)
            return
        super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        export_log_record(
            user=request.user,
            direction=ExportLog.Direction.IMPORT,
            channel=ExportLog.Channel.ADMIN,
            table=self.model._meta.label_lower,
            file_format=self._import_format_name(request),
            row_count=result.total_rows,
            personal_data=may_see_personal_data(request.user),
        )
        return super().process_result(result, request)

    def _import_format_name(self, request) -> str:
        try:
            return FORMATS[int(request.POST.get("format", 0))]().get_extension()
        except (ValueError, IndexError):
            return ""
