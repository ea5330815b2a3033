import pytest
from django.core.exceptions import ValidationError

from workshops.models import Organisation
from workshops.validators import luhn_valid, normalise_organisation_number, with_check_digit


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("556016-0680", "556016-0680"), ("5560160680", "556016-0680"), (" 556016-0680 ", "556016-0680")],
)
def test_valid_organisation_numbers_are_normalised_with_a_dash(raw, normalised):
    """A valid number is accepted with or without the dash and stored as NNNNNN-NNNN."""
    assert normalise_organisation_number(raw) == normalised


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("556016-0681", "check_digit", "Kontrollsiffran stämmer inte"),
        ("5560160681", "check_digit", "Kontrollsiffran stämmer inte"),
        ("556016-068", "length", "10 siffror"),
        ("55601606800", "length", "10 siffror"),
        ("55601-60680", "length", "10 siffror"),
        ("", "length", "10 siffror"),
        ("55601A-0680", "letters", "bara av siffror"),
        ("abcdef-ghij", "letters", "bara av siffror"),
    ],
)
def test_invalid_organisation_numbers_get_a_clear_reason(raw, code, message):
    """A wrong length, a bad check digit or letters each get their own message."""
    with pytest.raises(ValidationError) as error:
        normalise_organisation_number(raw)
    assert error.value.code == code
    assert message in str(error.value.messages[0])


def test_luhn_and_check_digit_helper_agree():
    """with_check_digit completes nine digits so that the Luhn check passes."""
    number = with_check_digit("556016068")
    assert number == "556016-0680"
    assert luhn_valid(number.replace("-", ""))


@pytest.mark.django_db
def test_organisation_full_clean_normalises_and_rejects():
    """The model validates the number on full_clean and stores the dashed form."""
    organisation = Organisation(name="Testbolaget", organisation_number="5560160680")
    organisation.full_clean()
    assert organisation.organisation_number == "556016-0680"
    with pytest.raises(ValidationError) as error:
        Organisation(name="Fel", organisation_number="5560160681").full_clean()
    assert "organisation_number" in error.value.message_dict
