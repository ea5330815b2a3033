"""Erasing an account erases everything tied to its confirmed e-mail address and leaves
nothing that names the person (issue 19, findings 3 and 4)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from aleforetag.core.models import AuditEntry
from aleforetag.core.services import audit_record
from portal.services import account_erase
from tests import factories
from workshops.models import Participation, Registration

pytestmark = pytest.mark.django_db

DISAGREEMENT = "Handläggningstiden för bygglov hos Karins Kafé i Nödinge var sju månader"


def _delete_account(client, user):
    client.force_login(user)
    response = client.post(
        reverse("portal:account-delete"), {"password": factories.PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302


def test_registrations_made_with_the_address_before_the_account_are_erased(
    client, business_owner, django_capture_on_commit_callbacks
):
    """Registrations a visitor made with the address, without an account, lose name, address,
    company and needs when the account is deleted; a coming one is cancelled."""
    past = factories.WorkshopFactory(starts_at=timezone.now() - datetime.timedelta(days=40))
    before = factories.RegistrationFactory(
        workshop=past,
        email=business_owner.email.upper(),
        name="Karin Företagare",
        organisation_name="Karins Kafé",
        dietary_needs="Glutenfri",
        accessibility_needs="Hörslinga",
    )
    coming = factories.RegistrationFactory(email=business_owner.email, name="Karin Företagare")
    other = factories.RegistrationFactory(email="annan@example.se", name="Annan Person")
    with django_capture_on_commit_callbacks(execute=True):
        _delete_account(client, business_owner)
    for registration in (before, coming):
        registration.refresh_from_db()
        assert "Karin" not in registration.name
        assert business_owner.email not in registration.email.lower()
        assert registration.email.endswith(".invalid")
        assert (
            registration.organisation_name,
            registration.dietary_needs,
            registration.accessibility_needs,
        ) == (
            "",
            "",
            "",
        )
    assert coming.status == Registration.Status.CANCELLED
    other.refresh_from_db()
    assert (other.name, other.email) == ("Annan Person", "annan@example.se")


def test_the_address_of_an_unconfirmed_account_erases_nothing_else(client, business_owner):
    """Only a confirmed address is the person's: registrations under an address the account
    never confirmed are left alone (they may be someone else's)."""
    stranger = factories.BusinessOwnerFactory(email_confirmed=True)
    registration = factories.RegistrationFactory(email=stranger.email, name="Den Riktiga")
    type(stranger).objects.filter(pk=stranger.pk).update(email_confirmed=False)
    account_erase(user=type(stranger).objects.get(pk=stranger.pk))
    registration.refresh_from_db()
    assert registration.name == "Den Riktiga"


def test_participations_no_longer_point_to_the_persons_organisation(client, business_owner):
    """The person's participations, with the account or under the address, lose their
    organisation (a sole trader's company names the person), name and address."""
    company = factories.OrganisationFactory(name="Karins Kafé")
    with_account = factories.ParticipationFactory(user=business_owner, organisation=company, name="")
    by_address = factories.ParticipationFactory(
        email=business_owner.email, organisation=company, name="Karin Företagare"
    )
    someone_else = factories.ParticipationFactory(organisation=company, name="Kollega")
    _delete_account(client, business_owner)
    with_account.refresh_from_db()
    by_address.refresh_from_db()
    assert with_account.organisation is None
    assert by_address.organisation is None
    assert "Karin" not in by_address.name and by_address.email == ""
    assert Participation.objects.get(pk=someone_else.pk).organisation == company


def test_the_audit_log_keeps_no_personal_text_after_erasure(client, business_owner, staff):
    """Entries about the person's disagreement, notes and registrations keep who did what
    and when, but no text of theirs and no name."""
    disagreement = factories.DisagreementFactory(author=business_owner, text=DISAGREEMENT)
    note = factories.NoteFactory(author=business_owner, text="Karins Kafé behöver fler parkeringar")
    registration = factories.RegistrationFactory(user=business_owner, email=business_owner.email)
    audit_record(actor=business_owner, action="disagreement.create", target=disagreement)
    audit_record(actor=staff, action="note.publish", target=note)
    audit_record(actor=staff, action="registration.check_in", target=registration)
    audit_record(actor=staff, action="user.update", target=business_owner)
    assert any(DISAGREEMENT[:30] in entry.target_repr for entry in AuditEntry.objects.all())
    _delete_account(client, business_owner)
    entries = list(AuditEntry.objects.all())
    assert len(entries) >= 4
    logged = json.dumps([[entry.target_repr, entry.details] for entry in entries], ensure_ascii=False)
    for personal in (DISAGREEMENT[:20], "Karins Kafé", "Karin Företagare", business_owner.email):
        assert personal not in logged
    assert (
        AuditEntry.objects.get(action="disagreement.create").target_repr == f"disagreement #{disagreement.pk}"
    )
