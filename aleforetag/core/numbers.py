"""Reading whole numbers from the query string and from forms, one way everywhere.

A number is a plain ASCII integer within range: ``str.isdigit`` also accepts "²" (which
``int`` refuses), ``int`` accepts "١٢", " 1", "+1" and "1_000", and an id of 23 digits
overflows SQLite (a server error) or is a database error on PostgreSQL. Anything else is a
400 (``BadRequest``) in the query string, a field error in a form, and a page number reads as
the first page, as Django's ``Paginator.get_page`` does.
"""

import re

from django import forms
from django.core.exceptions import BadRequest, ValidationError

# The largest id of a BigAutoField (and of SQLite's INTEGER); PostgreSQL's integer columns
# end at 2**31 - 1, and the model choice fields' lookups of an id past that find nothing.
MAX_ID = 2**63 - 1
_PLAIN_INTEGER = re.compile(r"-?[0-9]{1,19}")


def parse_int(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int:
    """``value`` as an int; ``ValueError`` unless it is a plain ASCII integer in range."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _PLAIN_INTEGER.fullmatch(value):
        number = int(value)
    else:
        raise ValueError(f"not a plain integer: {value!r}")
    if not minimum <= number <= maximum:
        raise ValueError(f"out of range: {value!r}")
    return number


def query_int(request, name: str, *, default=None, minimum: int = 0, maximum: int = MAX_ID):
    """An integer query parameter: ``default`` when missing or empty, else a plain ASCII
    integer in range, else ``BadRequest`` (answered with 400)."""
    value = request.GET.get(name, "")
    if value == "":
        return default
    try:
        return parse_int(value, minimum=minimum, maximum=maximum)
    except ValueError as error:
        raise BadRequest(f"{name} must be a whole number") from error


def query_ids(request, name: str) -> list[int]:
    """A repeated id parameter (``?notes=1&notes=2``): ``BadRequest`` unless every value is an id."""
    try:
        return [parse_int(value, minimum=1) for value in request.GET.getlist(name) if value != ""]
    except ValueError as error:
        raise BadRequest(f"{name} must be ids") from error


def form_count(value):
    """A count or id posted by a form's own machinery (a formset's TOTAL_FORMS, a ticked id):
    the number, or None when it is not a plain non-negative integer in range."""
    try:
        return parse_int(value, minimum=0)
    except ValueError:
        return None


def page_number(value) -> int:
    """A page number from the query string: 1 when missing or not a plain positive integer."""
    try:
        return parse_int(value, minimum=1, maximum=10**9)
    except ValueError:
        return 1


class IdsModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's multiple model choice, with each chosen id read as a plain integer in range
    before the database is asked (an id of 23 digits is a field error, not an overflow)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk":
            for item in value:
                try:
                    parse_int(str(item), minimum=0)
                except ValueError:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                    ) from None
        return super()._check_values(value)


class IdModelChoiceField(forms.ModelChoiceField):
    """Django's model choice, with the chosen id read as a plain integer in range first."""

    def to_python(self, value):
        if value not in self.empty_values and (self.to_field_name or "pk") == "pk":
            try:
                parse_int(str(value), minimum=0)
            except ValueError:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
        return super().to_python(value)
