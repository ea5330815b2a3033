"""Validators shared by the forms of several apps."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A scheme ("https://"), "www.", or a host name with a top-level domain ("ale-kommun.se").
WEB_ADDRESS = re.compile(r"(?i)([a-z][a-z0-9+.-]*://|\bwww\.|\b[\w-]+(\.[\w-]+)*\.[a-z]{2,}\b)")
# Line and paragraph separators; every "C" category (control, format, private, unassigned) too.
LINE_OR_CONTROL = {"Zl", "Zp"}


def validate_plain_name(value: str) -> None:
    """A person's or company's name as the portal repeats it in e-mail: one line, no control
    or invisible formatting characters, and no web address, so that nobody can make the
    municipality's mail carry their own message and link to someone else's inbox."""
    if any(
        unicodedata.category(char) in LINE_OR_CONTROL or unicodedata.category(char)[0] == "C"
        for char in value
    ):
        raise ValidationError(
            _("Write the name on one line, without tabs or special characters."), code="control_character"
        )
    if WEB_ADDRESS.search(value):
        raise ValidationError(_("A name cannot contain a web address."), code="web_address")
