"""The municipality's identity in the site frame: the site settings page (names, logo with its
alternative text, main colour with the 4.5:1 contrast check, favicon), the header, titles and
the files served from the settings."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aleforetag.core import branding
from aleforetag.core.models import AuditEntry, SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/installningar/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
WEBP = b"RIFF\x40\x00\x00\x00WEBPVP8 " + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64
ICO = b"\x00\x00\x01\x00" + b"\x00" * 64


def form_data(**changes) -> dict:
    """The settings form as it stands, with ``changes``."""
    site = SiteSettings.load()
    data = {
        name: getattr(site, name)
        for name in (
            "municipality_name",
            "service_name",
            "service_name_en",
            "logo_alt",
            "main_colour",
            "contact_centre_name",
            "phone",
            "email",
            "visiting_address",
            "postal_address",
            "opening_hours",
            "opening_hours_en",
            "accessibility_contact_email",
        )
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


# --- the contrast check ---------------------------------------------------------------------


def test_contrast_ratio_follows_wcag():
    """Black on white is 21:1, white on white 1:1, and WCAG's grey #767676 just passes on white."""
    assert branding.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert branding.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert branding.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [
        ("#6fa8dc", "2,31"),  # a light blue: white text on it is unreadable
        ("#d4351c", "4,44"),  # passes on white (4.86:1), not as a link on the footer's grey
        ("#ffdd00", "1,23"),
    ],
)
def test_a_main_colour_under_4_5_is_refused_with_its_ratio(admin_client, colour, ratio):
    """The settings page refuses a main colour under 4.5:1 with a message that gives the ratio,
    keeps what was typed and changes nothing."""
    before = SiteSettings.load().main_colour
    response = admin_client.post(URL, form_data(main_colour=colour, municipality_name="Lerums kommun"))
    assert response.status_code == 200
    errors = response.context["form"].errors["main_colour"]
    assert errors == [
        f"Vit text på den här färgen, eller länkar i den, når bara en kontrast på {ratio}:1; "
        "minst 4,5:1 behövs. Välj en mörkare färg."
    ]
    assert 'value="Lerums kommun"' in response.content.decode()
    site = SiteSettings.load()
    assert (site.main_colour, site.municipality_name) == (before, "Ale kommun")


def test_a_main_colour_must_be_six_hex_digits(admin_client):
    """A colour that is not #rrggbb gets a field error."""
    response = admin_client.post(URL, form_data(main_colour="blue"))
    assert "main_colour" in response.context["form"].errors


def test_a_dark_enough_colour_is_saved_and_themes_the_site(admin_client, admin_user):
    """A colour that reaches 4.5:1 is saved, recorded in the audit log, and every page links the
    stylesheet that sets it."""
    response = admin_client.post(URL, form_data(main_colour="#1d6b48", municipality_name="Lerums kommun"))
    assert response.status_code == 302
    site = SiteSettings.load()
    assert (site.main_colour, site.municipality_name) == ("#1d6b48", "Lerums kommun")
    assert AuditEntry.objects.filter(action="site_settings.update", actor=admin_user).count() == 1
    page = admin_client.get("/").content.decode()
    link = re.search(r'href="(/tema\.css\?v=\d+)"', page)
    assert link is not None
    css = admin_client.get(link.group(1))
    assert css["Content-Type"] == "text/css; charset=utf-8"
    assert "--ale-primary: #1d6b48;" in css.content.decode()
    assert "immutable" in css["Cache-Control"]


# --- logo and favicon -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.gif", GIF, "Filen måste vara en bild i formatet PNG, JPEG, WebP."),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "Filen måste vara en bild i formatet PNG, JPEG, WebP.",
        ),
        ("logo.png", b"not a picture at all", "Filen måste vara en bild i formatet PNG, JPEG, WebP."),
        (
            "logo.png",
            JPEG,
            "Filen måste vara en bild i formatet PNG, JPEG, WebP.",
        ),  # content and name disagree
        ("logo.png", PNG + b"\x00" * (500 * 1024), "Filen är 501 kB; högst 500 kB är tillåtet."),
    ],
)
def test_the_logo_upload_refuses_other_types_and_sizes(admin_client, name, content, message):
    """A logo that is not a PNG, JPEG or WebP (by name and by content), or larger than 500 kB,
    gets a field error and nothing is stored."""
    data = form_data(logo_alt="Lerums kommun", municipality_name="Lerums kommun")
    data["logo"] = SimpleUploadedFile(name, content)
    response = admin_client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [message]
    site = SiteSettings.load()
    assert not site.logo
    assert site.municipality_name == "Ale kommun"


@pytest.mark.parametrize(("name", "content"), [("logo.png", PNG), ("logo.jpg", JPEG), ("logo.webp", WEBP)])
def test_a_logo_is_stored_shown_in_the_header_and_served_with_its_type(admin_client, client, name, content):
    """An accepted logo is stored, shown in the header with its alternative text beside the
    service's name, and served with the type its content shows."""
    data = form_data(logo_alt="Ale kommuns logotyp")
    data["logo"] = SimpleUploadedFile(name, content)
    assert admin_client.post(URL, data).status_code == 302
    page = client.get("/").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert re.search(r'<img class="site-logo"\s+src="/logotyp/\?v=\d+"\s+alt="Ale kommuns logotyp"', header)
    assert "Ale företagsklimat" in header
    response = client.get("/logotyp/")
    expected = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}[name.rsplit(".", 1)[1]]
    assert response["Content-Type"] == expected
    assert response.content == content
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_logo_needs_its_alternative_text(admin_client):
    """A logo without an alternative text is refused at the alternative text's field."""
    data = form_data(logo_alt="")
    data["logo"] = SimpleUploadedFile("logo.png", PNG)
    response = admin_client.post(URL, data)
    assert response.context["form"].errors["logo_alt"] == ["Beskriv logotypen för den som inte ser den."]
    assert not SiteSettings.load().logo


def test_the_favicon_refuses_other_types_and_is_served_when_accepted(admin_client, client):
    """The favicon is a PNG or ICO; a GIF is refused; an ICO is served at /favicon.ico and linked
    from every page."""
    refused = form_data()
    refused["favicon"] = SimpleUploadedFile("icon.gif", GIF)
    assert "favicon" in admin_client.post(URL, refused).context["form"].errors
    assert client.get("/favicon.ico").status_code == 302  # the site's own icon
    accepted = form_data()
    accepted["favicon"] = SimpleUploadedFile("icon.ico", ICO)
    assert admin_client.post(URL, accepted).status_code == 302
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Content-Type"]) == (200, "image/x-icon")
    assert re.search(r'<link rel="icon" href="/favicon\.ico\?v=\d+">', client.get("/").content.decode())


def test_without_a_logo_there_is_nothing_to_serve(client):
    assert client.get("/logotyp/").status_code == 404


# --- names in the header and the titles -----------------------------------------------------


def test_page_titles_read_page_service_municipality(client):
    """Every page's title: the page, the service, the municipality, in the reader's language."""
    site = SiteSettings.load()
    site.municipality_name, site.service_name, site.service_name_en = (
        "Lerums kommun",
        "Näringsliv",
        "Business",
    )
    site.save()
    title = re.search(r"<title>(.*?)</title>", client.get("/workshoppar/").content.decode(), re.S)
    assert " ".join(title.group(1).split()) == "Workshoppar – Näringsliv – Lerums kommun"
    client.cookies["django_language"] = "en"
    title = re.search(r"<title>(.*?)</title>", client.get("/workshoppar/").content.decode(), re.S)
    assert " ".join(title.group(1).split()) == "Workshops – Business – Lerums kommun"


@pytest.mark.parametrize(
    ("factory", "role"),
    [
        (factories.BusinessOwnerFactory, "Företagare"),
        (factories.StaffFactory, "Handläggare"),
        (factories.PoliticianFactory, "Politiker"),
        (factories.AdminFactory, "Administratör"),
    ],
)
def test_the_signed_in_persons_first_name_and_role_are_in_the_header(client, factory, role):
    """The header names the signed-in person briefly: first name and role in a word."""
    user = factory(full_name="Kim Andersson Lind")
    client.force_login(user)
    page = client.get("/").content.decode()
    person = re.search(r'<summary class="nav-link site-person">(.*?)</summary>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>|\s+", " ", person).split() == ["Kim", role]


def test_only_admins_open_the_site_settings(client_for, users):
    """The page is the admins'; everyone else is refused (the permission matrix has every role)."""
    assert client_for(users["admin"]).get(URL).status_code == 200
    assert client_for(users["staff"]).get(URL).status_code == 403
    assert client_for(None).get(URL).status_code == 302
    assert reverse("site-settings") == URL


def test_the_settings_page_links_the_current_logo_and_keeps_it_when_saved_again(admin_client):
    """The form links the stored logo where the site serves it, and saving the form again
    without a new file keeps the logo."""
    data = form_data(logo_alt="Ale kommun")
    data["logo"] = SimpleUploadedFile("logo.png", PNG)
    admin_client.post(URL, data)
    page = admin_client.get(URL).content.decode()
    assert re.search(r'<a href="/logotyp/\?v=\d+">site/logo[^<]*\.png</a>', page)
    assert admin_client.post(URL, form_data(service_name="Näringsliv i Ale")).status_code == 302
    site = SiteSettings.load()
    assert site.logo.name.startswith("site/logo") and site.service_name == "Näringsliv i Ale"
    assert admin_client.get("/logotyp/").content == PNG
