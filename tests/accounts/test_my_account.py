"""Mitt konto: preferences, the data download and deleting one's account."""

import json

import pytest
from django.urls import reverse

from aleforetag.accounts.models import User
from aleforetag.accounts.services import user_anonymise
from followups.models import FeedbackNotice
from portal.services import account_erase
from tests import factories

pytestmark = pytest.mark.django_db


def test_account_page_shows_the_preferences_in_swedish(client_for, business_owner):
    """The account page greets the owner in Swedish with their details and the GDPR links."""
    response = client_for(business_owner).get(reverse("accounts:account"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mitt konto" in body
    assert reverse("accounts:data-download") in body
    assert reverse("portal:account-delete") in body


def test_account_page_saves_language_and_notification_choice(client_for, business_owner):
    """Posting the form saves the name, language and e-mail preference, then redirects."""
    response = client_for(business_owner).post(
        reverse("accounts:account"),
        {"full_name": "Karin Ny", "phone": "0303-1234", "organisation_name": "Ny AB", "language": "en"},
    )
    assert response.status_code == 302
    business_owner.refresh_from_db()
    assert (business_owner.full_name, business_owner.language) == ("Karin Ny", "en")
    assert business_owner.email_notifications is False
    assert business_owner.organisation_name == "Ny AB"


def test_account_page_keeps_input_and_changes_nothing_on_bad_data(client_for, business_owner):
    """An empty name and an unknown language are refused next to the fields; nothing is saved."""
    response = client_for(business_owner).post(
        reverse("accounts:account"), {"full_name": "", "phone": "070", "language": "xx"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"full_name", "language"}
    business_owner.refresh_from_db()
    assert business_owner.full_name == "Karin Företagare"
    assert business_owner.phone == ""


def test_data_download_is_json_with_all_of_ones_own_data(client_for, business_owner, other_business_owner):
    """The download is a JSON attachment with the account, own notes and own disagreements only."""
    factories.NoteFactory(author=business_owner, text="Min egen anteckning")
    factories.NoteFactory(author=other_business_owner, text="Någon annans anteckning")
    factories.DisagreementFactory(author=business_owner, text="Jag håller inte med")
    response = client_for(business_owner).get(reverse("accounts:data-download-json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == business_owner.email
    assert [note["text"] for note in data["notes"]] == ["Min egen anteckning"]
    assert [d["text"] for d in data["disagreements"]] == ["Jag håller inte med"]
    assert "Någon annans anteckning" not in response.content.decode()


def test_data_download_takes_constant_queries(client_for, business_owner, django_assert_num_queries):
    """The export runs the same number of queries for 2 and for 30 notes."""
    client = client_for(business_owner)
    factories.NoteFactory.create_batch(2, author=business_owner)
    with django_assert_num_queries(12) as small:
        client.get(reverse("accounts:data-download-json"))
    factories.NoteFactory.create_batch(28, author=business_owner)
    factories.DisagreementFactory.create_batch(3, author=business_owner)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("accounts:data-download-json"))
    assert len(json.loads(response.content)["notes"]) == 30


def test_deleting_needs_the_password_and_the_confirmation(client_for, business_owner):
    """A wrong password or a missing tick is refused next to the field and deletes nothing."""
    client = client_for(business_owner)
    response = client.post(reverse("portal:account-delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    response = client.post(reverse("portal:account-delete"), {"password": factories.PASSWORD})
    assert "confirm" in response.context["form"].errors
    business_owner.refresh_from_db()
    assert business_owner.anonymised_at is None and business_owner.is_active


def test_deleting_anonymises_the_account_and_keeps_the_input_without_name(client_for, business_owner, staff):
    """Deleting removes name, e-mail, phone and company, signs out, and keeps notes and disagreements."""
    business_owner.phone = "070-1234567"
    business_owner.organisation_name = "Karins Bygg AB"
    business_owner.save()
    note = factories.NoteFactory(author=business_owner, text="Bygglov tar för lång tid")
    disagreement = factories.DisagreementFactory(author=business_owner, wants_contact=True)
    participation = factories.ParticipationFactory(user=business_owner, name="Karin", email="k@example.se")
    notice = FeedbackNotice.objects.create(user=business_owner, followup=factories.FollowUpFactory())
    old_email = business_owner.email
    client = client_for(business_owner)

    response = client.post(
        reverse("portal:account-delete"), {"password": factories.PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    user = User.objects.get(pk=business_owner.pk)
    assert user.full_name == "" and user.phone == "" and user.organisation_name == ""
    assert user.email != old_email and user.email.endswith("@anonymised.invalid")
    assert not user.has_usable_password()
    assert user.is_active is False and user.anonymised_at is not None
    assert not user.groups.exists()
    assert str(user) == "Borttaget konto"
    note.refresh_from_db()
    disagreement.refresh_from_db()
    participation.refresh_from_db()
    assert note.author_id == user.pk and note.text == "Bygglov tar för lång tid"
    assert disagreement.author_id == user.pk and disagreement.wants_contact is False
    assert (participation.name, participation.email) == ("", "")
    assert not FeedbackNotice.objects.filter(pk=notice.pk).exists()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:account")).status_code == 302
    assert not client.login(email=old_email, password=factories.PASSWORD)


def test_two_deleted_accounts_get_distinct_placeholder_addresses(business_owner, other_business_owner):
    """The placeholder e-mail is unique, so any number of accounts can be deleted."""
    first = user_anonymise(user=business_owner)
    second = user_anonymise(user=other_business_owner)
    assert first.email != second.email


def test_staff_cannot_delete_their_account_themselves(client_for, staff):
    """Municipal accounts are removed by an admin: staff get 403 and the account page says so."""
    client = client_for(staff)
    assert client.get(reverse("portal:account-delete")).status_code == 403
    assert reverse("portal:account-delete") not in client.get(reverse("accounts:account")).content.decode()


def test_deleting_gives_back_a_coming_seat_and_erases_the_registration_details(
    business_owner, other_business_owner, mailoutbox, django_capture_on_commit_callbacks
):
    """A seat at a coming workshop goes to the first on the waiting list; the deleted person's
    registration keeps no name, address or needs, and no mail goes to the placeholder."""
    from workshops.models import Registration
    from workshops.services import registration_create

    workshop = factories.WorkshopFactory(capacity=1, registration_open=True)
    mine = registration_create(workshop=workshop, user=business_owner, dietary_needs="Nötallergi")
    queued = registration_create(workshop=workshop, user=other_business_owner)
    assert (mine.status, queued.status) == ("confirmed", "waitlisted")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=business_owner)

    mine.refresh_from_db()
    queued.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED
    assert queued.status == Registration.Status.CONFIRMED
    assert business_owner.email not in (mine.email, mine.name)
    assert mine.dietary_needs == "" and mine.name == "Borttaget konto"
    assert [message.to for message in mailoutbox] == [[other_business_owner.email]]


@pytest.mark.parametrize("role", ["politician", "admin_user"])
def test_politicians_and_admins_cannot_delete_their_account_themselves(client_for, role, request):
    """Not even a superuser admin: the rule is checked without Django's superuser shortcut."""
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("portal:account-delete")).status_code == 403
    response = client_for(user).post(
        reverse("portal:account-delete"), {"password": factories.PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.anonymised_at is None
