"""Nobody can make the portal mail an address at will (issue 19, finding 1): every action that
e-mails an address typed into a form is limited per address and per client, with a clear
message; names refuse line breaks, control characters and web addresses."""

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from workshops.models import Registration

pytestmark = pytest.mark.django_db

VICTIM = "offer@example.se"
PHISHING = "Din kommun: kontot spärras, logga in på https://ale-kommun.example/"


@pytest.fixture
def open_workshop(db):
    return factories.WorkshopFactory(title="Frukostmöte", registration_open=True, capacity=50)


def _register(client, workshop, **data):
    return client.post(
        reverse("workshops:registration-create", args=[workshop.slug]),
        {
            "name": "Vera Besökare",
            "email": VICTIM,
            "organisation_name": "",
            "dietary_needs": "",
            "accessibility_needs": "",
            **data,
        },
    )


def test_registering_one_address_ten_times_mails_it_at_most_the_limit(
    client, open_workshop, settings, django_capture_on_commit_callbacks
):
    """Ten registrations for the victim's address send at most EMAIL_LIMIT_PER_ADDRESS
    e-mails; the rest answer 429 with the reason, in Swedish."""
    with django_capture_on_commit_callbacks(execute=True):
        responses = [_register(client, open_workshop) for _number in range(10)]
    to_victim = [message for message in mail.outbox if message.to == [VICTIM]]
    assert 1 <= len(to_victim) <= settings.EMAIL_LIMIT_PER_ADDRESS
    assert responses[-1].status_code == 429
    assert "För många e-postmeddelanden" in responses[-1].content.decode()


def test_one_client_cannot_mail_many_addresses(
    client, open_workshop, settings, django_capture_on_commit_callbacks
):
    """One client registering many different addresses is stopped at EMAIL_LIMIT_PER_CLIENT."""
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            _register(client, open_workshop, email=f"person{number}@example.se") for number in range(15)
        ]
    assert len(mail.outbox) <= settings.EMAIL_LIMIT_PER_CLIENT
    assert responses[-1].status_code == 429


def test_password_reset_ten_times_mails_at_most_the_limit(
    client, business_owner, settings, django_capture_on_commit_callbacks
):
    """Ten password-reset requests for one account send at most the limit of e-mails."""
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post(reverse("accounts:password-reset"), {"email": business_owner.email})
            for _number in range(10)
        ]
    assert 1 <= len(mail.outbox) <= settings.EMAIL_LIMIT_PER_ADDRESS
    assert responses[-1].status_code == 429
    assert "För många e-postmeddelanden" in responses[-1].content.decode()


def test_resending_the_confirmation_is_limited(client, settings, django_capture_on_commit_callbacks):
    """Asking again and again for a new confirmation link stops at the limit."""
    person = factories.UserFactory(email_confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.post(reverse("accounts:resend-confirmation"), {"email": person.email})
            for _number in range(10)
        ]
    assert len(mail.outbox) <= settings.EMAIL_LIMIT_PER_ADDRESS
    assert responses[-1].status_code == 429


def test_the_limit_counts_the_client_behind_the_proxy(
    client, open_workshop, settings, django_capture_on_commit_callbacks
):
    """Behind the trusted proxy the client is read from X-Forwarded-For: one busy client does
    not use up the allowance of another."""
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.EMAIL_LIMIT_PER_CLIENT + 1):
        _register(
            client,
            open_workshop,
            email=f"busy{number}@example.se",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    response = client.post(
        reverse("workshops:registration-create", args=[open_workshop.slug]),
        {"name": "Annan Person", "email": "annan@example.se", "dietary_needs": "", "accessibility_needs": ""},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "name",
    [
        PHISHING,
        "Vera\nBesökare",
        "Vera\rBesökare",
        "Vera\u2028Besökare",
        "Vera\u202eBesökare",
        "www.ale.example",
    ],
)
def test_registration_names_refuse_line_breaks_control_characters_and_web_addresses(
    client, open_workshop, name, django_capture_on_commit_callbacks
):
    """A name that could carry someone's own message is a field error; nothing is stored or sent."""
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, open_workshop, name=name)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_sign_up_names_refuse_web_addresses_and_line_breaks(client):
    """The sign-up form refuses the same names, and a company name with a link."""
    data = {"email": VICTIM, "password1": "ett-langt-losenord-42", "password2": "ett-langt-losenord-42"}
    response = client.post(reverse("accounts:sign-up"), {**data, "full_name": PHISHING})
    assert response.context["form"].errors["full_name"]
    response = client.post(reverse("accounts:sign-up"), {**data, "full_name": "Vera\nB"})
    assert response.context["form"].errors["full_name"]
    response = client.post(
        reverse("accounts:sign-up"),
        {**data, "full_name": "Vera", "organisation_name": "Klicka http://x.example"},
    )
    assert response.context["form"].errors["organisation_name"]


def test_ordinary_names_pass(client, open_workshop, django_capture_on_commit_callbacks):
    """Names with hyphens, apostrophes, initials and Nordic letters are fine."""
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(
            client, open_workshop, name="Åsa-Li O'Connor J. Öberg", organisation_name="Ale Bygg & Måleri AB"
        )
    assert response.status_code == 302
    assert Registration.objects.get().name == "Åsa-Li O'Connor J. Öberg"


def test_the_registration_e_mail_to_an_unconfirmed_address_says_someone_entered_it(
    client, open_workshop, django_capture_on_commit_callbacks
):
    """The e-mail asking to confirm a visitor's registration says that someone entered the
    address, what to do if it was not them, and carries no name the visitor typed."""
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, open_workshop, name="Vera Besökare")
    body = mail.outbox[0].body
    assert "Någon har angett den här e-postadressen" in body
    assert "Om det inte var du" in body
    assert "Vera Besökare" not in body


def test_the_account_page_refuses_the_same_names(client, business_owner):
    """Mitt konto refuses a name with a line break or a web address like sign-up does."""
    client.force_login(business_owner)
    data = {"full_name": "Karin\nhttps://x.example", "phone": "", "organisation_name": "", "language": "sv"}
    response = client.post(reverse("accounts:account"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    business_owner.refresh_from_db()
    assert business_owner.full_name == "Karin Företagare"
