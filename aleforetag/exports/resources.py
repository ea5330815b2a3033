"""The base every table's import-export resource builds on.

What it adds to django-import-export's ``ModelResource``:

* personal-data columns (``personal_fields``) that exist only when the resource is made
  with ``include_personal=True``, which the admin does only for people holding
  ``exports.export_personal_data``;
* a strict header check: a missing required column or an unknown column stops the
  import before any row is read;
* every bad value reported as a validation error under its column name, many-to-many
  columns included, so the preview lists each bad row and column with the reason;
* any error rolls the whole import back (``rollback_on_validation_errors`` always on);
* ``created_at``-style timestamps kept as exported (``preserved_timestamps``), so a
  restored table exports to the same file;
* a deterministic export order (``export_ordering``) so two exports compare equal.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ManyToManyWidget

from .formats import ImportFileError
from .widgets import ChoiceWidget, StrictBooleanWidget, StrictDateTimeWidget, StrictDateWidget


def field(attribute, widget=None, *, readonly=False, column_name=None, **kwargs):
    """A resource field whose column is named like the attribute unless told otherwise."""
    return fields.Field(
        attribute=attribute,
        column_name=column_name or attribute.split("__")[0],
        widget=widget,
        readonly=readonly,
        **kwargs,
    )


def datetime_field(attribute, **kwargs):
    return field(attribute, StrictDateTimeWidget(), **kwargs)


def date_field(attribute, **kwargs):
    return field(attribute, StrictDateWidget(), **kwargs)


def boolean_field(attribute, **kwargs):
    return field(attribute, StrictBooleanWidget(), **kwargs)


def choice_field(attribute, choices, **kwargs):
    return field(attribute, ChoiceWidget(choices), **kwargs)


class PortalResource(resources.ModelResource):
    """Base resource: natural names, personal data on request, strict and atomic imports."""

    #: Human name of the table, used in file names and the export log.
    table_name = ""
    #: Columns holding names, e-mail addresses or phone numbers.
    personal_fields: tuple = ()
    #: The whole table is personal data (user accounts).
    requires_personal_data = False
    #: Columns a file must have to be imported.
    required_columns: tuple = ()
    #: ``auto_now``/``auto_now_add`` fields whose imported value is kept.
    preserved_timestamps: tuple = ()
    #: Export order; natural keys, so two databases export rows in the same order.
    export_ordering: tuple = ("pk",)
    select_related: tuple = ()
    prefetch_related: tuple = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        skip_diff = False
        use_transactions = True
        chunk_size = 2000

    def __init__(self, *, include_personal=False, **kwargs):
        super().__init__(**kwargs)
        self.include_personal = include_personal
        if not include_personal:
            for name in self.personal_fields:
                self.fields.pop(name, None)

    # Export -------------------------------------------------------------------------------

    def get_queryset(self):
        """Every row with its related rows loaded in a fixed number of queries."""
        queryset = self._meta.model._default_manager.all()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset.order_by(*self.export_ordering)

    def filter_export(self, queryset, **kwargs):
        """Apply this resource's joins and order to a queryset handed in by the admin."""
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset.order_by(*self.export_ordering)

    def export_headers(self):
        return self.get_export_headers()

    def export_row(self, instance):
        return self.export_resource(instance)

    # Import -------------------------------------------------------------------------------

    def column_names(self):
        return [f.column_name for f in self.fields.values()]

    def check_columns(self, headers):
        """(row, column, reason) for each missing required column and each unknown column."""
        headers = [h for h in (headers or []) if h]
        known = set(self.column_names())
        problems = [
            (0, column, _("The column “%(column)s” is missing.") % {"column": column})
            for column in self.required_columns
            if column in known and column not in headers
        ]
        problems += [
            (0, header, _("The column “%(column)s” is not known for this table.") % {"column": header})
            for header in headers
            if header not in known
        ]
        seen = set()
        for header in headers:
            if header in seen:
                problems.append((0, header, _("The column “%(column)s” appears twice.") % {"column": header}))
            seen.add(header)
        return problems

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """Import all rows or none: a header problem stops before the first row, and any bad row
        rolls the whole file back."""
        problems = self.check_columns(dataset.headers)
        if problems:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            error = ImportFileError(_("The file's columns do not match the table."), problems)
            result.append_base_error(self.get_error_result_class()(error))
            if raise_errors:
                raise error
            return result
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(
            dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=use_transactions, **kwargs
        )

    def _check_import_id_fields(self, headers):
        """Replaced by ``check_columns``, which names every missing column in one message."""

    def get_instance(self, instance_loader, row):
        """Find the existing row by its natural key; a key that cannot be read is reported by
        the column check of ``import_instance`` instead."""
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ValidationError):
            return None

    def import_instance(self, instance, row, **kwargs):
        """Set every column and check every many-to-many column, collecting all errors."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for resource_field in self.get_import_fields():
            if resource_field.readonly or resource_field.column_name not in row:
                continue
            if not self._is_m2m(resource_field):
                continue
            try:
                resource_field.clean(row)
            except ValueError as error:
                errors[resource_field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def _is_m2m(self, resource_field):
        return isinstance(resource_field.widget, ManyToManyWidget)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Validate the model, then name every error after its column in the file."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            by_attribute = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
            renamed = {}
            for key, messages in error.message_dict.items():
                column = by_attribute.get(key, key)
                if key != NON_FIELD_ERRORS and column not in self.column_names():
                    column = NON_FIELD_ERRORS
                renamed.setdefault(column, []).extend(messages)
            field_messages = {m for column, ms in renamed.items() if column != NON_FIELD_ERRORS for m in ms}
            if NON_FIELD_ERRORS in renamed:
                renamed[NON_FIELD_ERRORS] = [m for m in renamed[NON_FIELD_ERRORS] if m not in field_messages]
                if not renamed[NON_FIELD_ERRORS]:
                    del renamed[NON_FIELD_ERRORS]
            raise ValidationError(renamed) from None

    def after_save_instance(self, instance, row, **kwargs):
        """Keep imported creation times that ``auto_now_add`` would have overwritten."""
        super().after_save_instance(instance, row, **kwargs)
        kept = {}
        for name in self.preserved_timestamps:
            resource_field = self.fields.get(name)
            if resource_field and resource_field.column_name in row:
                value = resource_field.clean(row)
                if value is not None:
                    kept[resource_field.attribute] = value
        if kept and instance.pk is not None:
            type(instance)._default_manager.filter(pk=instance.pk).update(**kept)
            for attribute, value in kept.items():
                setattr(instance, attribute, value)


def import_problems(result, resource=None):
    """Every problem of an import result as sorted (row, column, reason) triples.

    Row 0 means the file as a whole (its header or its encoding); data rows count from 1,
    so row N is line N + 1 of the file.
    """
    problems = []
    for error in result.base_errors:
        exc = error.error
        if isinstance(exc, ImportFileError) and exc.problems:
            problems.extend(exc.problems)
        else:
            problems.append((0, "", str(exc)))
    for number, errors in result.row_errors():
        problems.extend((error.number or number, "", str(error.error)) for error in errors)
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            label = "" if column == NON_FIELD_ERRORS else column
            problems.extend((invalid.number, label, str(message)) for message in messages)
    return sorted(problems, key=lambda p: (p[0], p[1]))
