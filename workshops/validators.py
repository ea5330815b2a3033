import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ORG_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_valid(digits: str) -> bool:
    """True when the last digit is the Luhn check digit of the ones before it."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_organisation_number(value: str) -> str:
    """Return a valid organisationsnummer as NNNNNN-NNNN or raise ``ValidationError``."""
    raw = (value or "").strip().replace(" ", "")
    if any(char.isalpha() for char in raw):
        raise ValidationError(
            _("An organisation number has digits only, for example 556016-0680."), code="letters"
        )
    match = _ORG_NUMBER.match(raw)
    if not match:
        raise ValidationError(
            _("An organisation number has 10 digits, with an optional dash after the sixth: NNNNNN-NNNN."),
            code="length",
        )
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise ValidationError(
            _("The check digit does not match. Please check the organisation number."),
            code="check_digit",
        )
    return f"{digits[:6]}-{digits[6:]}"


def validate_organisation_number(value: str) -> None:
    normalise_organisation_number(value)


def with_check_digit(nine_digits: str) -> str:
    """Complete nine digits with their Luhn check digit, formatted NNNNNN-NNNN."""
    for digit in "0123456789":
        if luhn_valid(nine_digits + digit):
            return f"{nine_digits[:6]}-{nine_digits[6:]}{digit}"
    raise ValueError(nine_digits)
