"""Mitt konto's own pages: changing the password, changing the e-mail address (confirmed at the
new address, the old one told and working until then), choosing e-mails, and the data download
in three forms holding every kind of data, a registration made before the account included."""

import csv
import io
import json

import pytest
from django.core import signing
from django.urls import reverse

from aleforetag.accounts import email_change
from aleforetag.accounts.models import Notice
from aleforetag.accounts.notices import notice_send
from aleforetag.core.models import OutboxEmail
from tests import factories

pytestmark = pytest.mark.django_db

NEW = "karin.ny@example.se"


def _link_in(address: str) -> str:
    body = OutboxEmail.objects.get(to=address).body
    return next(line for line in body.splitlines() if "/konto/e-post/bekrafta/" in line).strip()


def _signs_in(client, email, password=factories.PASSWORD) -> bool:
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    return response.status_code == 302


def test_password_change_needs_the_old_password_then_the_new_one_signs_in(client, business_owner):
    client.force_login(business_owner)
    url = reverse("accounts:password-change")
    wrong = client.post(
        url, {"old_password": "fel", "new_password1": "Nytt-lösen-2026!", "new_password2": "Nytt-lösen-2026!"}
    )
    assert wrong.status_code == 200 and wrong.context["form"].errors.keys() == {"old_password"}
    response = client.post(
        url,
        {
            "old_password": factories.PASSWORD,
            "new_password1": "Nytt-lösen-2026!",
            "new_password2": "Nytt-lösen-2026!",
        },
    )
    assert response.status_code == 302
    assert not _signs_in(client, business_owner.email)
    assert _signs_in(client, business_owner.email, "Nytt-lösen-2026!")


def test_email_change_flow_keeps_the_old_address_until_the_new_one_is_confirmed(client, business_owner):
    """Asking for a new address e-mails a link to it and a notice to the old one; the old
    address signs in until the link is opened, the new one after; the old is told."""
    old = business_owner.email
    client.force_login(business_owner)
    response = client.post(
        reverse("accounts:email-change"), {"new_email": NEW, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    business_owner.refresh_from_db()
    assert (business_owner.email, business_owner.pending_email) == (old, NEW)
    assert OutboxEmail.objects.filter(to=old, subject__contains="på väg att bytas").count() == 1
    link = _link_in(NEW)
    assert _signs_in(client, old)
    assert not _signs_in(client, NEW)

    # Opening the link (a mail scanner may) only shows the button.
    assert client.get(link).status_code == 200
    business_owner.refresh_from_db()
    assert business_owner.email == old
    response = client.post(link)
    assert response.status_code == 302
    business_owner.refresh_from_db()
    assert (business_owner.email, business_owner.pending_email, business_owner.email_confirmed) == (
        NEW,
        "",
        True,
    )
    assert OutboxEmail.objects.filter(to=old, subject__contains="är bytt").count() == 1
    assert _signs_in(client, NEW)
    assert not _signs_in(client, old)
    # The link is spent: using it again changes nothing and says so.
    assert client.post(link).status_code == 400


def test_email_change_refuses_a_wrong_password_and_keeps_what_was_typed(client, business_owner):
    client.force_login(business_owner)
    response = client.post(reverse("accounts:email-change"), {"new_email": NEW, "password": "fel"})
    assert response.status_code == 400
    assert response.context["form"]["new_email"].value() == NEW
    business_owner.refresh_from_db()
    assert business_owner.pending_email == ""
    assert not OutboxEmail.objects.exists()


def test_cancelled_or_superseded_change_link_does_nothing(client, business_owner):
    email_change.email_change_request(user=business_owner, new_email=NEW)
    link = _link_in(NEW)
    email_change.email_change_cancel(user=business_owner)
    assert client.get(link).status_code == 400
    assert client.post(link).status_code == 400
    business_owner.refresh_from_db()
    assert business_owner.email != NEW


def test_change_link_fails_when_the_address_was_taken_meanwhile(client, business_owner):
    email_change.email_change_request(user=business_owner, new_email=NEW)
    link = _link_in(NEW)
    factories.BusinessOwnerFactory(email=NEW)
    assert client.post(link).status_code == 400
    business_owner.refresh_from_db()
    assert business_owner.email != NEW


def test_a_forged_change_link_does_nothing(client, business_owner):
    token = signing.TimestampSigner(salt="another").sign_object(
        {"id": business_owner.pk, "old": business_owner.email, "new": NEW}
    )
    assert client.get(reverse("accounts:email-change-confirm", args=[token])).status_code == 400


def test_confirming_the_new_address_attaches_registrations_made_with_it(
    client, business_owner, django_capture_on_commit_callbacks
):
    registration = factories.RegistrationFactory(email=NEW, name="Karin")
    email_change.email_change_request(user=business_owner, new_email=NEW)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link_in(NEW))
    registration.refresh_from_db()
    assert registration.user_id == business_owner.pk


def test_notice_preferences_choose_which_notices_are_emailed(client, business_owner, staff):
    client.force_login(business_owner)
    response = client.post(
        reverse("accounts:notice-preferences"), {"kinds": ["note_hidden", "feedback_published"]}
    )
    assert response.status_code == 302
    business_owner.refresh_from_db()
    assert business_owner.email_notice_kinds == ["note_hidden"]
    assert business_owner.email_notifications is True
    notice_send(user=business_owner, kind=Notice.Kind.NOTE_PUBLISHED, key="a", params={"title": "T"})
    notice_send(
        user=business_owner, kind=Notice.Kind.NOTE_HIDDEN, key="b", params={"title": "T", "reason": "R"}
    )
    assert OutboxEmail.objects.filter(to=business_owner.email).count() == 1


def test_notice_preferences_refuse_an_unknown_kind(client, business_owner):
    client.force_login(business_owner)
    response = client.post(reverse("accounts:notice-preferences"), {"kinds": ["everything"]})
    assert response.status_code == 200
    assert "kinds" in response.context["form"].errors


@pytest.fixture
def owner_with_everything(business_owner, other_business_owner):
    """A business owner with a note, a disagreement, a participation, a registration made with
    the account, one made with her address before the account, and a notice."""
    workshop = factories.WorkshopFactory(title="Frukostmöte")
    factories.NoteFactory(author=business_owner, workshop=workshop, text="Min egen anteckning")
    factories.NoteFactory(author=other_business_owner, workshop=workshop, text="Någon annans anteckning")
    factories.DisagreementFactory(author=business_owner, text="Jag håller inte med")
    factories.ParticipationFactory(user=business_owner, workshop=workshop)
    factories.RegistrationFactory(
        user=business_owner, email=business_owner.email, name="Karin", workshop=workshop
    )
    factories.RegistrationFactory(
        email=business_owner.email, name="Karin före kontot", organisation_name="Före AB"
    )
    factories.RegistrationFactory(email="annan@example.se", name="Någon annan")
    notice_send(
        user=business_owner, kind=Notice.Kind.NOTE_PUBLISHED, key="n", params={"title": "Frukostmöte"}
    )
    return business_owner


def test_data_page_holds_every_kind_of_data(client, owner_with_everything):
    client.force_login(owner_with_everything)
    response = client.get(reverse("accounts:data-download"))
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        owner_with_everything.email,
        "Min egen anteckning",
        "Jag håller inte med",
        "Träffar du har deltagit i",
        "Karin före kontot",
        "Före AB",
        "Din anteckning från ”Frukostmöte” är publicerad.",
    ):
        assert expected in html
    assert "Någon annans anteckning" not in html and "Någon annan" not in html
    # Choices read as words, not as the codes stored.
    assert "Min anteckning publiceras" in html and "note_published" not in html


def test_data_json_and_csv_hold_the_same(client, owner_with_everything):
    client.force_login(owner_with_everything)
    data = json.loads(client.get(reverse("accounts:data-download-json")).content)
    assert data["account"]["email"] == owner_with_everything.email
    assert [n["text"] for n in data["notes"]] == ["Min egen anteckning"]
    assert [d["text"] for d in data["disagreements"]] == ["Jag håller inte med"]
    assert len(data["participations"]) == 1
    # The registration made before the account is there (and tied to it since signing in).
    assert sorted(r["name"] for r in data["registrations"]) == ["Karin", "Karin före kontot"]
    assert [n["message"] for n in data["notices"]] == ["Din anteckning från ”Frukostmöte” är publicerad."]

    response = client.get(reverse("accounts:data-download-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == ["Del", "Post", "Uppgift", "Värde"]
    values = {row[3] for row in rows[1:]}
    assert {
        "Min egen anteckning",
        "Jag håller inte med",
        "Karin före kontot",
        owner_with_everything.email,
    } <= values
    assert "Någon annans anteckning" not in text


def test_data_csv_neutralises_formula_like_text(client, business_owner):
    factories.NoteFactory(author=business_owner, text='=HYPERLINK("http://evil")')
    client.force_login(business_owner)
    text = client.get(reverse("accounts:data-download-csv")).content.decode("utf-8")
    assert "'=HYPERLINK" in text


def test_data_holds_a_participation_recorded_with_the_address_without_an_account(client, business_owner):
    """A walk-in recorded at the door under the account's confirmed address is the person's too."""
    factories.ParticipationFactory(name="Karin vid dörren", email=business_owner.email.upper())
    factories.ParticipationFactory(name="Någon annan", email="annan@example.se")
    client.force_login(business_owner)
    data = json.loads(client.get(reverse("accounts:data-download-json")).content)
    assert len(data["participations"]) == 1


def test_deleting_the_account_deletes_its_notices(business_owner):
    from portal.services import account_erase

    notice_send(user=business_owner, kind=Notice.Kind.NOTE_HIDDEN, key="h", params={"reason": "Ett namn."})
    account_erase(user=business_owner)
    assert not Notice.objects.filter(user=business_owner).exists()
    business_owner.refresh_from_db()
    assert business_owner.unread_notice_count == 0


def test_email_change_keeps_to_the_email_limit(client, business_owner, settings):
    """Asking again and again is held to the same allowance as every e-mail a visitor can ask for."""
    settings.EMAIL_LIMIT_PER_ADDRESS = 2
    client.force_login(business_owner)
    answers = [
        client.post(
            reverse("accounts:email-change"), {"new_email": NEW, "password": factories.PASSWORD}
        ).status_code
        for _ in range(3)
    ]
    assert answers == [302, 302, 429]
    assert OutboxEmail.objects.filter(to=NEW).count() == 2
