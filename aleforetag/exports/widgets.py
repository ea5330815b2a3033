"""Widgets that write related objects by their natural names and read them back strictly.

Every widget raises ``ValueError`` with a message a person can act on, so the import
reports the row, the column and the reason instead of silently dropping a value.
"""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

SEPARATOR = ";"
DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")
DATE_FORMATS = ("%Y-%m-%d",)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class StrictDateTimeWidget(widgets.DateTimeWidget):
    """Date and time as ``YYYY-MM-DD HH:MM:SS`` in Swedish local time."""

    def __init__(self):
        super().__init__(format=DATETIME_FORMATS[0])
        self.formats = DATETIME_FORMATS

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ValueError, TypeError):
            raise ValueError(
                _("“%(value)s” is not a date and time. Write it as YYYY-MM-DD HH:MM, e.g. 2017-11-23 11:30.")
                % {"value": value}
            ) from None


class StrictDateWidget(widgets.DateWidget):
    """A date as ``YYYY-MM-DD``."""

    def __init__(self):
        super().__init__(format=DATE_FORMATS[0])
        self.formats = DATE_FORMATS

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ValueError, TypeError):
            raise ValueError(
                _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2018-01-31.") % {"value": value}
            ) from None


class StrictBooleanWidget(widgets.BooleanWidget):
    """Yes/no as 1 and 0; reading also accepts true/false, ja/nej and yes/no."""

    TRUE = {"1", "true", "ja", "yes", "sant"}
    FALSE = {"0", "false", "nej", "no", "falskt", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is not yes or no. Write 1 or 0.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "1" if value else "0"


class StrictIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ValueError, TypeError, ArithmeticError):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key written as a natural name (a slug, an e-mail address, a name)."""

    def __init__(self, model, field, *, label, lookups=None, render_field=None):
        super().__init__(model, field=field)
        self.label = label
        self.lookups = lookups or (field,)
        self.render_field = render_field or field
        self._found = {}

    def lookup_query(self, value, row):
        query = Q()
        for lookup in self.lookups:
            query |= Q(**{lookup: value})
        return query

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        # One query per distinct value in a file: the widget belongs to one resource, which
        # is made for one import.
        key = text.casefold()
        if key not in self._found:
            matches = list(self.get_queryset(text, row).filter(self.lookup_query(text, row))[:2])
            self._found[key] = matches[0] if len(matches) == 1 else None
        if self._found[key] is None:
            raise ValueError(_("Unknown %(label)s: “%(value)s”.") % {"label": self.label, "value": text})
        return self._found[key]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _text(getattr(value, self.render_field))


class ThemeWidget(LookupWidget):
    """A theme by its Swedish name (written), or its slug or English name (read)."""

    def __init__(self, model, *, label):
        super().__init__(
            model, "name_sv", label=label, lookups=("name_sv__iexact", "slug__iexact", "name_en__iexact")
        )


class GroupWidget(widgets.ForeignKeyWidget):
    """A discussion group by its name at the workshop named in the row's ``workshop`` column."""

    def __init__(self, model, *, workshop_column="workshop"):
        super().__init__(model, field="name")
        self.workshop_column = workshop_column
        self._found = {}

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        workshop = _text((row or {}).get(self.workshop_column))
        key = (workshop.casefold(), text.casefold())
        if key not in self._found:
            self._found[key] = self.model.objects.filter(
                Q(workshop__slug=workshop) | Q(workshop__title__iexact=workshop), name__iexact=text
            ).first()
        group = self._found[key]
        if group is None:
            raise ValueError(
                _("The workshop “%(workshop)s” has no group called “%(group)s”.")
                % {"workshop": workshop, "group": text}
            )
        return group

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.name


class NamesManyToManyWidget(widgets.ManyToManyWidget):
    """Related objects as names separated by semicolons; every name must be known."""

    def __init__(self, model, *, label, lookups, render_field, required=False):
        super().__init__(model, separator=SEPARATOR, field=render_field)
        self.label = label
        self.lookups = lookups
        self.required = required
        self._found = {}

    def _find(self, item):
        key = item.casefold()
        if key not in self._found:
            query = Q()
            for lookup in self.lookups:
                query |= Q(**{lookup: item})
            matches = list(self.model.objects.filter(query)[:2])
            self._found[key] = matches[0] if len(matches) == 1 else None
        return self._found[key]

    def clean(self, value, row=None, **kwargs):
        items = [item.strip() for item in _text(value).split(self.separator) if item.strip()]
        if not items and self.required:
            raise ValueError(_("Give at least one %(label)s.") % {"label": self.label})
        found, unknown = [], []
        for item in items:
            obj = self._find(item)
            (found.append(obj) if obj is not None else unknown.append(item))
        if unknown:
            raise ValueError(
                _("Unknown %(label)s: %(values)s.")
                % {"label": self.label, "values": ", ".join(f"“{item}”" for item in unknown)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        names = sorted(_text(getattr(item, self.field)) for item in value.all())
        return f"{self.separator} ".join(names)


class IdsManyToManyWidget(widgets.ManyToManyWidget):
    """Related rows without a natural name, as their numbers separated by semicolons."""

    def __init__(self, model, *, label):
        super().__init__(model, separator=SEPARATOR, field="pk")
        self.label = label

    def clean(self, value, row=None, **kwargs):
        items = [item.strip() for item in _text(value).split(self.separator) if item.strip()]
        try:
            ids = sorted({int(item) for item in items})
        except ValueError:
            raise ValueError(
                _("The %(label)s column takes numbers separated by semicolons.") % {"label": self.label}
            ) from None
        found = list(self.model.objects.filter(pk__in=ids))
        missing = sorted(set(ids) - {obj.pk for obj in found})
        if missing:
            raise ValueError(
                _("Unknown %(label)s: %(values)s.")
                % {"label": self.label, "values": ", ".join(str(pk) for pk in missing)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{self.separator} ".join(str(pk) for pk in sorted(item.pk for item in value.all()))


class ChoiceWidget(widgets.Widget):
    """A choice by its stored value or by its label in Swedish or English, in any case."""

    def __init__(self, choices, empty=""):
        super().__init__()
        self.choices = choices
        self.empty = empty
        self._accepted = None

    def _accepted_values(self) -> dict:
        if self._accepted is None:
            accepted = {}
            for stored, _label in self.choices:
                accepted.setdefault(str(stored).casefold(), stored)
            for language in ("sv", "en"):
                with translation.override(language):
                    for stored, label in self.choices:
                        accepted.setdefault(str(label).casefold(), stored)
            self._accepted = accepted
        return self._accepted

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return self.empty
        stored = self._accepted_values().get(text.casefold())
        if stored is not None:
            return stored
        raise ValueError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(str(label) for _stored, label in self.choices)}
        )

    def label_of(self, value) -> str:
        """The label of a stored value in the active language (the value itself if unknown)."""
        for stored, label in self.choices:
            if str(stored) == str(value):
                return str(label)
        return "" if value is None else str(value)
