"""ModelAdmin mixins that give a table export (and import) in the Django admin.

Usage in an app's ``admin.py``::

    @admin.register(Note)
    class NoteAdmin(PortalImportExportMixin, admin.ModelAdmin):
        resource_classes = [NoteResource]

* Export needs ``exports.export_data`` (admins); personal-data columns are included only
  for ``exports.export_personal_data`` (admins); a table that is personal data as a whole
  (user accounts) needs both. Import needs ``exports.import_data``.
* Formats: Excel-safe CSV and XLSX only (see ``formats.py``). Exports are readable by
  default (labels in the admin's language) or in machine names; CSV is always streamed from
  value queries in bounded memory, whatever the table's size.
* Imports read what offices have (Windows-1252 or UTF-8, ``;`` or ``,``, XLSX, Swedish
  headers), preview every problem with row and column, and run in the background worker
  above ``EXPORTS_BACKGROUND_IMPORT_ROWS`` rows; each table has a columns page with templates.
* Every export and every confirmed import is written to the export log.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin, ImportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.signals import post_export

from .formats import FORMATS, ImportFileError, rows_to_csv, rows_to_xlsx
from .models import ExportLog
from .resources import import_problems, import_warnings
from .services import (
    FORMATS_BY_NAME,
    background_import_rows,
    background_preview_rows,
    export_file,
    export_log_record,
    import_job_create,
    stream_csv_logged,
)

EXPORT_PERMISSION = "exports.export_data"
PERSONAL_DATA_PERMISSION = "exports.export_personal_data"
IMPORT_PERMISSION = "exports.import_data"


def may_see_personal_data(user) -> bool:
    return user.has_perm(PERSONAL_DATA_PERMISSION)


def _in_language(language, pieces):
    """The streamed file in the request's language: it is written after the view returns, when
    the middleware has switched the language back."""
    with translation.override(language):
        yield from pieces


class PortalExportForm(ExportForm):
    """import-export's export form with a choice of readable or machine column names."""

    headers = forms.ChoiceField(
        label=_("Column names and values"),
        choices=[
            ("labels", _("Readable: column names and codes as words, in the language of this page")),
            ("names", _("Machine names, for importing the file back")),
        ],
        initial="labels",
        required=False,
        widget=forms.RadioSelect,
    )


class PortalExportMixin(ExportMixin):
    """Export of the admin's (filtered) table as Excel-safe CSV or XLSX, logged.

    Readable by default: the columns' labels and the codes' labels in the page's language
    ("Förslag", "Publicerad"); machine names on request, for a round trip. Rows are read
    from value queries (``PortalResource.export_rows``), not one object per row.
    """

    export_form_class = PortalExportForm

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

    def get_export_data(self, file_format, request, queryset, **kwargs):
        """The file, built from value queries, and its line in the export log."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        form = kwargs.get("export_form")
        labels = getattr(form, "cleaned_data", {}).get("headers") != "names"
        resource_class = self.choose_export_resource_class(form, request)
        resource = resource_class(**self.get_export_resource_kwargs(request), labels=labels)
        counted = [0]

        def rows():
            for row in resource.export_rows(queryset):
                counted[0] += 1
                yield row

        data = export_file(resource=resource, rows=rows(), file_format=file_format.get_extension())
        export_log_record(
            user=request.user,
            direction=ExportLog.Direction.EXPORT,
            channel=ExportLog.Channel.ADMIN,
            table=self.model._meta.label_lower,
            file_format=file_format.get_extension(),
            row_count=counted[0],
            personal_data=may_see_personal_data(request.user),
            filters=request.GET.urlencode(),
        )
        return data

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """CSV is streamed, a chunk of rows at a time, so memory stays bounded whatever the
        table's size; XLSX (a zip file) is built whole by ``get_export_data``."""
        if file_format.get_extension() != "csv":
            return super()._do_file_export(file_format, request, queryset, export_form=export_form)
        if not self.has_export_permission(request):
            raise PermissionDenied
        labels = getattr(export_form, "cleaned_data", {}).get("headers") != "names"
        resource_class = self.choose_export_resource_class(export_form, request)
        resource = resource_class(**self.get_export_resource_kwargs(request), labels=labels)
        pieces = stream_csv_logged(
            resource=resource,
            queryset=queryset,
            user=request.user,
            channel=ExportLog.Channel.ADMIN,
            filters=request.GET.urlencode(),
        )
        response = StreamingHttpResponse(
            _in_language(translation.get_language(), pieces), content_type=file_format.get_content_type()
        )
        filename = self.get_export_filename(request, queryset, file_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        post_export.send(sender=None, model=self.model)
        return response

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
        resource = resource_class(**self.get_export_resource_kwargs(request), labels=True)
        pieces = stream_csv_logged(
            resource=resource, queryset=queryset, user=request.user, filters=request.GET.urlencode()
        )
        response = StreamingHttpResponse(
            _in_language(translation.get_language(), pieces), content_type="text/csv; charset=utf-8"
        )
        name = getattr(resource_class, "table_name", "") or self.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
        return response

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if action_location == ActionLocation.CHANGE_LIST and self.has_export_permission(request):
            actions["stream_csv"] = self.get_action("stream_csv")
        return actions


def import_max_bytes() -> int:
    """The largest file the import takes (``EXPORTS_IMPORT_MAX_BYTES``, 10 MB by default)."""
    return getattr(settings, "EXPORTS_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


class PortalImportForm(ImportForm):
    """import-export's form, plus the columns a table's resource lets the form supply (the
    workshop of a participant list), a size limit checked before the file is read, and the
    format found from the file's name when none is chosen."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["format"].required = False
        self.fields["import_file"].help_text = _(
            "CSV (UTF-8 or Windows-1252, semicolons or commas) or Excel (XLSX), at most %(size)s."
        ) % {"size": _megabytes(import_max_bytes())}
        for resource in resources:
            for name, make_field in resource.form_columns.items():
                self.fields.setdefault(name, make_field())

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = import_max_bytes()
        if upload.size > limit:
            raise ValidationError(
                _(
                    "The file is %(size)s; the import takes at most %(limit)s. Split it into "
                    "smaller files, or save it as CSV, which is smaller than Excel."
                )
                % {"size": _megabytes(upload.size), "limit": _megabytes(limit)},
                code="too_large",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is not None and cleaned.get("format") in (None, ""):
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else "csv"
            for index, file_format in enumerate(self.formats):
                if file_format().get_extension() == extension:
                    cleaned["format"] = str(index)
                    break
            else:
                cleaned["format"] = "0"
        return cleaned


def _form_column_value(form, name) -> str:
    """A form-supplied column as the text a file would hold (a workshop as its slug)."""
    value = getattr(form, "cleaned_data", {}).get(name)
    if value is None:
        return ""
    field = form.fields.get(name)
    to_field = getattr(field, "to_field_name", None)
    if to_field and not isinstance(value, str):
        return str(getattr(value, to_field))
    return str(value)


class PortalImportExportMixin(ImportMixin, PortalExportMixin):
    """Export as above, plus import with a preview (dry run) and a confirm step.

    Import reads the files people have (see ``formats.py`` and ``headers.py``); the preview
    says how the file was read, what the import will create, which columns it leaves out and
    every problem with its row and column. A file of more than ``EXPORTS_BACKGROUND_IMPORT_ROWS``
    rows (2,000) is imported by the background worker after the confirm step, with a page
    that shows its progress. Each table has a page of the columns it accepts, with template
    files in Swedish and English. The export log records imports, so no admin log entry is
    written per row.
    """

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_template_name = "exports/admin/import.html"
    import_error_display = ("message",)
    import_form_class = PortalImportForm
    skip_admin_log = True

    def get_import_formats(self):
        return FORMATS

    def has_import_permission(self, request):
        return request.user.has_perm(IMPORT_PERMISSION) and self.has_change_permission(request)

    def _form_columns(self, request) -> dict:
        columns = {}
        for resource_class in self.get_import_resource_classes(request):
            columns.update(resource_class.form_columns)
        return columns

    def get_import_resource_kwargs(self, request, **kwargs):
        resource_kwargs = {"include_personal": may_see_personal_data(request.user)}
        form = kwargs.get("form")
        if form is not None and hasattr(form, "cleaned_data"):
            resource_kwargs["column_defaults"] = {
                name: _form_column_value(form, name) for name in self._form_columns(request)
            }
        return resource_kwargs

    def create_confirm_form(self, request, import_form=None):
        form = super().create_confirm_form(request, import_form=import_form)
        for name in self._form_columns(request):
            form.fields[name] = forms.CharField(required=False, widget=forms.HiddenInput())
        return form

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            for name in self._form_columns(request):
                initial[name] = _form_column_value(import_form, name)
        return initial

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            checking = self._check_in_background(request)
            if checking is not None:
                return checking
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is None:
            return response
        result = context.get("result")
        if result is not None:
            context["problems"] = import_problems(result)
            context["warnings"] = import_warnings(result)
            context["background"] = result.total_rows > background_import_rows()
        context["columns_url"] = reverse(
            "admin:{}_{}_import_columns".format(*self.get_model_info()), current_app=self.admin_site.name
        )
        return response

    def _check_in_background(self, request):
        """A file too large to preview within a request is checked by the background worker;
        the admin is sent to the job's page, which offers the confirm step once it is checked.
        None for every other file (and for a form with errors)."""
        form = self.create_import_form(request)
        if not form.is_valid():
            return None
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        upload = form.cleaned_data["import_file"]
        data = b"".join(upload.chunks())
        try:
            rows = len(input_format.create_dataset(data))
        except Exception:  # noqa: BLE001 - the ordinary preview reports a file it cannot read
            return None
        if rows <= background_preview_rows():
            return None
        job = import_job_create(
            resource_class=self.choose_import_resource_class(form, request),
            data=data,
            file_name=upload.name,
            file_format=input_format.get_extension(),
            user=request.user,
            column_defaults=self.get_import_resource_kwargs(request, form=form).get("column_defaults", {}),
            include_personal=may_see_personal_data(request.user),
            confirmed=False,
        )
        return self._to_job_page(
            request,
            job,
            _("The file has %(rows)s rows; the background worker checks every one of them first.")
            % {"rows": rows},
        )

    def _to_job_page(self, request, job, message):
        """Tell the admin what the background worker does with the file, on the job's page."""
        messages.info(request, message)
        return HttpResponseRedirect(
            reverse("admin:exports_importjob_change", args=[job.pk], current_app=self.admin_site.name)
        )

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Confirm: a small file is imported now; a large one goes to the background worker."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return super().process_import(request, **kwargs)
        input_format = self.get_import_formats()[int(confirm_form.cleaned_data["format"])]()
        tmp_storage = self.get_tmp_storage_class()(
            name=confirm_form.cleaned_data["import_file_name"],
            encoding=None,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        data = tmp_storage.read()
        rows = len(input_format.create_dataset(data))
        if rows <= background_import_rows():
            return super().process_import(request, **kwargs)
        resource_class = self.choose_import_resource_class(confirm_form, request)
        job = import_job_create(
            resource_class=resource_class,
            data=data,
            file_name=confirm_form.cleaned_data["original_file_name"],
            file_format=input_format.get_extension(),
            user=request.user,
            column_defaults={
                name: confirm_form.cleaned_data.get(name, "") for name in self._form_columns(request)
            },
            include_personal=may_see_personal_data(request.user),
        )
        tmp_storage.remove()
        return self._to_job_page(
            request,
            job,
            _("The import of %(rows)s rows runs in the background; you get an e-mail when it is done.")
            % {"rows": rows},
        )

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

    # The columns page and template files ------------------------------------------------

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import/columns/",
                self.admin_site.admin_view(self.import_columns_view),
                name="{}_{}_import_columns".format(*info),
            ),
            path(
                "import/template.<str:file_format>",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def _import_resource(self, request):
        return self.get_import_resource_classes(request)[0](**self.get_import_resource_kwargs(request))

    def import_columns_view(self, request):
        """The columns a file for this table may have, their names in Swedish and English, the
        other names accepted, and template files."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self._import_resource(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Columns for importing %(table)s") % {"table": self.opts.verbose_name_plural},
            "opts": self.opts,
            "columns": column_descriptions(resource),
            "template_url": reverse(
                "admin:{}_{}_import_template".format(*self.get_model_info()),
                args=["csv"],
                current_app=self.admin_site.name,
            ),
            "template_xlsx_url": reverse(
                "admin:{}_{}_import_template".format(*self.get_model_info()),
                args=["xlsx"],
                current_app=self.admin_site.name,
            ),
            "form_columns": list(resource.form_columns),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "exports/admin/import_columns.html", context)

    def import_template_view(self, request, file_format):
        """An empty file with the table's headers, in Swedish (``?language=sv``, the default),
        English (``en``) or as machine names (``names``)."""
        if not self.has_import_permission(request) or file_format not in ("csv", "xlsx"):
            raise PermissionDenied
        language = request.GET.get("language", "sv")
        resource = self._import_resource(request)
        fields = importable_fields(resource)
        if language == "names":
            headers = [f.column_name for f in fields]
        else:
            with translation.override("en" if language == "en" else "sv"):
                headers = [resource.column_label(f) for f in fields]
        body = rows_to_xlsx(headers, []) if file_format == "xlsx" else rows_to_csv(headers, [])
        response = HttpResponse(body, content_type=FORMATS_BY_NAME[file_format]().get_content_type())
        name = getattr(resource, "table_name", "") or self.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}-mall-{language}.{file_format}"'
        return response


def importable_fields(resource) -> list:
    """The columns a file may hold: every written column, and the read-only ones the import
    reads all the same (a participant's company, which finds or creates the organisation)."""
    return [
        f for f in resource.get_import_fields() if not f.readonly or f.column_name in resource.header_aliases
    ]


def column_descriptions(resource) -> list[dict]:
    """Each importable column: machine name, Swedish and English labels, other accepted names,
    whether it is required, and what it holds."""
    descriptions = []
    for resource_field in importable_fields(resource):
        with translation.override("sv"):
            swedish = resource.column_label(resource_field)
        with translation.override("en"):
            english = resource.column_label(resource_field)
        help_text = resource.column_help.get(resource_field.column_name)
        if help_text is None:
            try:
                help_text = resource._meta.model._meta.get_field(resource_field.column_name).help_text
            except FieldDoesNotExist:
                help_text = ""
        descriptions.append(
            {
                "name": resource_field.column_name,
                "swedish": swedish,
                "english": english,
                "aliases": [
                    a
                    for a in resource.header_aliases.get(resource_field.column_name, ())
                    if a not in (swedish, english)
                ],
                "required": resource_field.column_name in resource.required_columns,
                "from_form": resource_field.column_name in resource.form_columns,
                "help": help_text,
                "widget_label": getattr(resource_field.widget, "label", ""),
            }
        )
    return descriptions
