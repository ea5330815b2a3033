import pytest
from django.urls import reverse

from aleforetag.core.models import SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "swedish", "english"),
    [
        ("/", "Ett starkare företagsklimat i Ale", "A stronger business climate in Ale"),
        ("/workshoppar/", "Kommande", "Upcoming"),
        ("/integritet/", "offentlighetsprincipen", "public access to official records"),
        ("/tillganglighet/", "Tillgänglighetsredogörelse", "Accessibility statement"),
        ("/konto/logga-in/", "Glömt ditt lösenord?", "Forgot your password?"),
        ("/konto/skapa-konto/", "Skapa ett konto för företagare", "Create an account for business owners"),
    ],
)
def test_public_pages_answer_in_swedish_and_english(client, url, swedish, english):
    """Public pages are Swedish by default and English after choosing English."""
    response = client.get(url)
    assert response.status_code == 200
    assert swedish in response.content.decode()
    assert '<html lang="sv">' in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert english in response.content.decode()
    assert '<html lang="en">' in response.content.decode()


def test_browser_language_does_not_override_swedish(client):
    """A visitor whose browser prefers English still gets Swedish until they switch."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Ett starkare företagsklimat i Ale" in response.content.decode()


def test_language_switch_sets_the_cookie_and_returns_to_the_page(client):
    """The switch is a plain form post that works without JavaScript."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/workshoppar/"})
    assert response.status_code == 302
    assert response["Location"] == "/workshoppar/"
    assert response.cookies["django_language"].value == "en"


def test_footer_contact_centre_comes_from_site_settings(client):
    """The footer shows the contact centre from the editable settings row, not from templates."""
    page = client.get("/").content.decode()
    assert "0303-33 00 00" in page
    assert "kommun@ale.se" in page
    assert "Ale torg 7" in page
    assert "449 80 Alafors" in page
    assert "8.00–16.30" in page
    settings_row = SiteSettings.load()
    settings_row.phone = "0303-99 99 99"
    settings_row.save()
    assert "0303-99 99 99" in client.get("/").content.decode()


@pytest.mark.parametrize("status,url", [(404, "/finns-inte/")])
def test_error_pages_use_the_site_frame(client, status, url):
    """A missing page answers 404 in the site's frame, with the footer and a way home."""
    response = client.get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert "Vi hittade inte sidan" in page
    assert "Kontaktcenter" in page


def test_403_and_500_pages_render_in_the_frame(rf):
    """The 403 and 500 handlers render their pages inside the site frame."""
    from django.contrib.auth.models import AnonymousUser

    from aleforetag.core import views

    request = rf.get("/")
    request.user = AnonymousUser()
    forbidden = views.permission_denied(request)
    assert forbidden.status_code == 403
    assert "Du har inte behörighet" in forbidden.content.decode()
    error = views.server_error(request)
    assert error.status_code == 500
    assert "Något gick fel hos oss" in error.content.decode()


@pytest.mark.parametrize("url", ["/admin/", "/admin/workshops/workshop/", "/admin/feedback/note/"])
def test_anonymous_users_are_sent_to_sign_in_from_admin(client, url):
    """Admin pages send anonymous visitors to the sign-in page."""
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_business_owner_cannot_use_the_admin(client_for):
    """A business owner is not staff and is refused by the admin."""
    response = client_for(factories.BusinessOwnerFactory()).get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_manage_workshops_in_the_portal_not_the_admin(client_for):
    """Staff reach their workshop list in the portal; the admin sends them to its sign-in."""
    client = client_for(factories.StaffFactory())
    assert client.get("/workshoppar/hantera/").status_code == 200
    assert client.get("/admin/workshops/workshop/").status_code == 302


def test_navigation_shows_admin_only_to_admins(client_for):
    """The admin link is shown to admins and hidden from staff and business owners."""
    assert "/admin/" in client_for(factories.AdminFactory()).get("/").content.decode()
    assert "/admin/" not in client_for(factories.StaffFactory()).get("/").content.decode()
    assert "/admin/" not in client_for(factories.BusinessOwnerFactory()).get("/").content.decode()
