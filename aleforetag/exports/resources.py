"""The base every table's import-export resource builds on.

What it adds to django-import-export's ``ModelResource``:

* personal-data columns (``personal_fields``) that exist only when the resource is made
  with ``include_personal=True``, which the admin does only for people holding
  ``exports.export_personal_data``;
* headers as people write them (``headers.py``): machine names, Swedish and English labels
  and ``header_aliases``, in any case and spacing; a missing required column stops the
  import before any row is read, an unknown column is a warning and is left out;
* columns the import form supplies (``column_defaults``, e.g. the workshop of a participant
  list that has no workshop column);
* problems inside the file found before any row is written (``file_conflicts``: the same
  organisationsnummer under two names, the same person twice);
* every bad value reported as a validation error under its column name, many-to-many
  columns included, so the preview lists each bad row and column with the reason;
* any error rolls the whole import back (``rollback_on_validation_errors`` always on);
* ``created_at``-style timestamps kept as exported (``preserved_timestamps``), so a
  restored table exports to the same file;
* a deterministic export order (``export_ordering``) so two exports compare equal;
* readable exports (``labels=True``): headers are the columns' labels and codes their labels
  in the active language ("Förslag", "Publicerad"); without it, machine names for a round trip;
* a fast export (``export_rows``) that reads rows from ``values_list`` queries in chunks and
  many-to-many names with one query per chunk, instead of one model object per row.
"""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils import timezone, translation
from django.utils.formats import sanitize_strftime_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from .formats import ImportFileError
from .headers import capitalise, normalise_header
from .widgets import (
    ChoiceWidget,
    IdsManyToManyWidget,
    StrictBooleanWidget,
    StrictDateTimeWidget,
    StrictDateWidget,
    StrictIntegerWidget,
)

EXPORT_CHUNK_SIZE = 2000
PREVIEW_ROWS = 100


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


def choice_field(attribute, choices, *, empty="", **kwargs):
    """A choice column; an empty cell reads as ``empty`` (the model's default, where it has one)."""
    return field(attribute, ChoiceWidget(choices, empty=empty), **kwargs)


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
    #: Other names people give a column, in any language: ``{column: ("Namn", ...)}``.
    header_aliases: dict = {}
    #: Labels of columns their model field does not name well: ``{column: gettext_lazy(...)}``.
    column_labels: dict = {}
    #: What a column holds and how to write it, for the columns page.
    column_help: dict = {}
    #: Columns the import form may supply for every row: ``{column: form field factory}``.
    form_columns: dict = {}
    #: Check unique constraints row by row in the database; a resource that finds existing
    #: rows and in-file duplicates itself turns this off to save two queries a row.
    validate_in_database = True

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        skip_diff = False
        use_transactions = True
        chunk_size = 2000

    def __init__(self, *, include_personal=False, labels=False, column_defaults=None, **kwargs):
        super().__init__(**kwargs)
        self.include_personal = include_personal
        self.labels = labels
        self.column_defaults = {k: v for k, v in (column_defaults or {}).items() if v not in (None, "")}
        if not include_personal:
            for name in self.personal_fields:
                self.fields.pop(name, None)
        self.file_headers: dict = {}
        self.file_warnings: list = []
        self.file_notes: list = []
        self.preview_rows: list = []

    # Columns and their names ---------------------------------------------------------------

    def column_label(self, resource_field) -> str:
        """The column's label in the active language: ``column_labels``, else the verbose name
        of the model field it reads (of the related object for a path such as
        ``summary__workshop__slug``), else its machine name."""
        label = self.column_labels.get(resource_field.column_name)
        if label is None:
            label = self._verbose_name(resource_field) or resource_field.column_name
        return capitalise(str(label))

    def _verbose_name(self, resource_field):
        model = self._meta.model
        try:
            return model._meta.get_field(resource_field.column_name).verbose_name
        except FieldDoesNotExist:
            pass
        parts = (resource_field.attribute or "").split("__")
        if len(parts) > 1:
            parts = parts[:-1]
        found = None
        for part in parts:
            if model is None:
                return None
            try:
                found = model._meta.get_field(part)
            except FieldDoesNotExist:
                return None
            model = found.related_model
        return getattr(found, "verbose_name", None)

    def header_lookup(self) -> dict:
        """Normalised header -> column: machine names first, then ``header_aliases``, then the
        labels in Swedish and in English."""
        columns = [f for f in self.fields.values() if f.column_name]
        lookup = {}
        for resource_field in columns:
            lookup.setdefault(normalise_header(resource_field.column_name), resource_field.column_name)
        for resource_field in columns:
            for alias in self.header_aliases.get(resource_field.column_name, ()):
                lookup.setdefault(normalise_header(alias), resource_field.column_name)
        for language in ("sv", "en"):
            with translation.override(language):
                for resource_field in columns:
                    lookup.setdefault(
                        normalise_header(self.column_label(resource_field)), resource_field.column_name
                    )
        return lookup

    def resolve_headers(self, headers):
        """The file's headers as column names, with (row, column, reason) problems (a column
        given twice) and warnings (a column not known, which is left out)."""
        lookup = self.header_lookup()
        resolved, problems, warnings, seen = [], [], [], {}
        for index, header in enumerate(headers):
            text = str(header if header is not None else "").strip()
            column = lookup.get(normalise_header(text)) if text else None
            if column is None:
                resolved.append(text or f"__empty_{index}")
                if text:
                    warnings.append(
                        (
                            0,
                            text,
                            _("The column “%(column)s” is not known for this table; it is left out.")
                            % {"column": text},
                        )
                    )
                continue
            if column in seen:
                problems.append(
                    (
                        0,
                        text,
                        _("The columns “%(first)s” and “%(second)s” are the same column.")
                        % {"first": seen[column], "second": text},
                    )
                )
            seen[column] = text
            resolved.append(column)
        return resolved, problems, warnings

    def column_names(self):
        return [f.column_name for f in self.fields.values()]

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

    def get_export_headers(self, selected_fields=None):
        export_fields = self.get_export_fields(selected_fields)
        if self.labels:
            return [self.column_label(f) for f in export_fields]
        return [f.column_name for f in export_fields]

    def export_headers(self):
        return self.get_export_headers()

    def export_field(self, field, instance, **kwargs):
        return self.readable(field, super().export_field(field, instance, **kwargs))

    def readable(self, resource_field, value):
        """A rendered cell as the readable export writes it: a choice as its label, yes/no in
        words; unchanged for the machine-name export."""
        if not self.labels:
            return value
        widget = resource_field.widget
        if isinstance(widget, ChoiceWidget):
            return widget.label_of(value)
        if isinstance(widget, StrictBooleanWidget) and value in ("0", "1"):
            return pgettext("export cell", "Yes") if value == "1" else pgettext("export cell", "No")
        return value

    def export_row(self, instance):
        return self.export_resource(instance)

    def _cell_function(self, resource_field):
        """The function from a ``values_list`` value to the cell ``export_field`` would give,
        built once per export: choice labels and the time zone are looked up here, not per row."""
        widget = resource_field.widget
        if isinstance(widget, ForeignKeyWidget):
            render = _plain_text
        elif isinstance(widget, StrictDateTimeWidget) and settings.USE_TZ:
            zone = timezone.get_current_timezone()
            pattern = sanitize_strftime_format(widget.formats[0])

            def render(value):
                return (
                    value.astimezone(zone).strftime(pattern) if isinstance(value, datetime.datetime) else ""
                )

        else:
            render = widget.render
        if not self.labels:
            return render
        if isinstance(widget, ChoiceWidget):
            labels = {stored: str(label) for stored, label in widget.choices}
            return lambda value: labels.get(value) or render(value)
        if isinstance(widget, StrictBooleanWidget):
            words = {True: pgettext("export cell", "Yes"), False: pgettext("export cell", "No")}
            return lambda value: words.get(value, "")
        return render

    def may_hold_text(self, resource_field) -> bool:
        """Whether the column's cells may be free text (which could look like a formula); dates,
        numbers, yes/no, choices and lists of numbers cannot."""
        return not isinstance(
            resource_field.widget,
            StrictDateTimeWidget
            | StrictDateWidget
            | StrictBooleanWidget
            | StrictIntegerWidget
            | ChoiceWidget
            | IdsManyToManyWidget,
        )

    def _export_plan(self, export_fields):
        """How each column is read from a ``values_list`` row: ("value", path, cell function)
        or ("m2m", attribute, related field)."""
        plan = []
        for resource_field in export_fields:
            widget, attribute = resource_field.widget, resource_field.attribute
            if isinstance(widget, ManyToManyWidget):
                plan.append(("m2m", attribute, widget.field))
            elif isinstance(widget, ForeignKeyWidget):
                related = getattr(widget, "render_path", None) or getattr(
                    widget, "render_field", widget.field
                )
                plan.append(("value", f"{attribute}__{related}", self._cell_function(resource_field)))
            else:
                plan.append(("value", attribute, self._cell_function(resource_field)))
        return plan

    def export_rows(self, queryset=None, chunk_size=EXPORT_CHUNK_SIZE):
        """Every row of the export as a list of cells, read in chunks from ``values_list``
        queries: one query per chunk of rows and one per chunk and many-to-many column.
        The cells are the ones ``export()`` gives, in bounded memory and far faster."""
        queryset = self._meta.model._default_manager.all() if queryset is None else queryset
        queryset = queryset.order_by(*self.export_ordering)
        plan = self._export_plan(self.get_export_fields())
        paths = ["pk"]
        for kind, path, _render in plan:
            if kind == "value" and path not in paths:
                paths.append(path)
        position = {path: index for index, path in enumerate(paths)}
        columns = [(kind, position[path] if kind == "value" else path, render) for kind, path, render in plan]
        batch = []
        for values in queryset.values_list(*paths).iterator(chunk_size=chunk_size):
            batch.append(values)
            if len(batch) >= chunk_size:
                yield from self._render_chunk(batch, columns)
                batch = []
        if batch:
            yield from self._render_chunk(batch, columns)

    def _render_chunk(self, batch, columns):
        related = {}
        ids = [values[0] for values in batch]
        for kind, attribute, related_field in columns:
            if kind != "m2m" or attribute in related:
                continue
            found = {}
            pairs = self._meta.model._default_manager.filter(pk__in=ids).values_list(
                "pk", f"{attribute}__{related_field}"
            )
            for pk, value in pairs:
                if value is not None:
                    found.setdefault(pk, []).append(value)
            related[attribute] = {
                pk: "; ".join(_plain_text(v) for v in sorted(vs)) for pk, vs in found.items()
            }
        cells = [
            (where, render) if kind == "value" else (0, _lookup(related[where]))
            for kind, where, render in columns
        ]
        for values in batch:
            yield [render(values[where]) for where, render in cells]

    # Import -------------------------------------------------------------------------------

    def check_columns(self, headers):
        """(row, column, reason) for each missing required column and each column given twice."""
        headers = [h for h in (headers or []) if h]
        by_column = {f.column_name: f for f in self.fields.values()}
        problems = []
        for column in self.required_columns:
            if column in by_column and column not in headers:
                label = self.column_label(by_column[column])
                problems.append(
                    (
                        0,
                        label,
                        _("The column “%(column)s” is missing.") % {"column": label}
                        + self._missing_hint(column),
                    )
                )
        return problems

    def _missing_hint(self, column) -> str:
        if column in self.form_columns:
            return " " + _("Choose it on the import form, or add the column to the file.")
        return ""

    def file_conflicts(self, dataset) -> list:
        """(row, column, reason) for rows that contradict each other inside the file; none by
        default. Rows count from 1, columns are column names."""
        return []

    def prepare(self, dataset) -> list:
        """Name the dataset's columns by their column names, add the columns the import form
        supplies, and return the (row, column, reason) problems of the header. Running it on
        a prepared dataset changes nothing."""
        headers, problems, warnings = self.resolve_headers(list(dataset.headers or []))
        self.file_headers = {
            column: header
            for column, header in zip(headers, dataset.headers or [], strict=True)
            if column != header
        } | {column: header for column, header in self.file_headers.items() if column in headers}
        self.file_warnings = warnings or self.file_warnings
        if dataset.headers:
            dataset.headers = headers
        for column, value in self.column_defaults.items():
            if column not in self.column_names():
                continue
            if column in headers:
                cells = [cell if _plain_text(cell).strip() else value for cell in dataset[column]]
                del dataset[column]
            else:
                cells = [value] * len(dataset)
            dataset.append_col(cells, header=column)
        return problems + self.check_columns(dataset.headers)

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """Import all rows or none: a header problem stops before the first row; any bad row or
        any conflict inside the file rolls the whole file back, and every problem is listed."""
        problems = self.prepare(dataset)
        if problems:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            error = ImportFileError(_("The file's columns do not match the table."), problems)
            result.append_base_error(self.get_error_result_class()(error))
            self._annotate(result, dataset)
            if raise_errors:
                raise error
            return result
        conflicts = self.file_conflicts(dataset)
        kwargs["rollback_on_validation_errors"] = True
        result = super().import_data(
            dataset,
            dry_run=dry_run or bool(conflicts),
            raise_errors=raise_errors,
            use_transactions=use_transactions,
            **kwargs,
        )
        if conflicts:
            error = ImportFileError(_("Rows of the file contradict each other."), conflicts)
            result.append_base_error(self.get_error_result_class()(error))
        self._annotate(result, dataset)
        return result

    def _annotate(self, result, dataset):
        """What the preview shows besides the rows: how the file was read, warnings, notes."""
        result.column_headers = dict(self.file_headers)
        result.file_warnings = list(self.file_warnings)
        result.file_notes = list(self.file_notes)
        result.source_encoding = getattr(dataset, "source_encoding", "")
        result.source_delimiter = getattr(dataset, "source_delimiter", "")
        result.preview_headers = [
            self.file_headers.get(f.column_name) or self.column_label(f)
            for f in self.get_import_fields()
            if f.column_name in (dataset.headers or [])
        ]
        result.preview_rows = self.preview_rows

    def after_import_row(self, row, row_result, **kwargs):
        """Keep the first rows as read, for the preview (the diff of every row is not kept)."""
        super().after_import_row(row, row_result, **kwargs)
        if len(self.preview_rows) < PREVIEW_ROWS:
            cells = [
                _plain_text(row.get(f.column_name)) for f in self.get_import_fields() if f.column_name in row
            ]
            self.preview_rows.append((kwargs.get("row_number"), row_result.import_type, cells))

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
        errors = dict(import_validation_errors or {})
        try:
            if self._meta.clean_model_instances:
                try:
                    exclude = set(errors)
                    if not self.validate_in_database:
                        # The widgets found every related row; Django would ask again, row by row.
                        exclude |= {f.name for f in instance._meta.concrete_fields if f.is_relation}
                    instance.full_clean(
                        exclude=exclude,
                        validate_unique=validate_unique and self.validate_in_database,
                        validate_constraints=self.validate_in_database,
                    )
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
            if errors:
                raise ValidationError(errors)
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
    headers = getattr(result, "column_headers", {})
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
    named = [(row, headers.get(column, column), reason) for row, column, reason in problems]
    return sorted(named, key=lambda p: (p[0], p[1]))


def _lookup(found: dict):
    """A cell function reading one chunk's many-to-many values by the row's pk."""
    return lambda pk: found.get(pk, "")


def import_warnings(result):
    """What the import leaves out without failing (unknown columns), as (row, column, reason)."""
    return list(getattr(result, "file_warnings", []))


def _plain_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
