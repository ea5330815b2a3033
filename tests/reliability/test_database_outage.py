"""When the database cannot be reached, pages answer 503 in the site's frame and recover."""

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _point_at_a_dead_database():
    """Send the next connection somewhere no database answers; return how to undo it.

    PostgreSQL gets a port nothing listens on. SQLite's in-memory test database lives only
    while a connection to it is open, so that connection is set aside (not closed) and the
    next one is pointed at a file in a folder that does not exist.
    """
    saved_settings = dict(connection.settings_dict)
    connection.ensure_connection()
    saved_connection = connection.connection
    connection.connection = None
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    else:
        connection.settings_dict["NAME"] = "/nonexistent-folder/unreachable.sqlite3"

    def restore():
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        if connection.vendor == "postgresql":
            connection.connection = None
            if saved_connection is not None:
                saved_connection.close()
        else:
            connection.connection = saved_connection

    return restore


@pytest.mark.parametrize("path", ["/", "/workshoppar/"])
def test_unreachable_database_gives_a_503_page_in_the_site_frame_and_recovers(client, path):
    """With the database gone the page is a clear Swedish 503 inside the site's header and
    footer (default contact facts), not a traceback; once it is back, the same page works."""
    assert client.get(path).status_code == 200
    restore = _point_at_a_dead_database()
    try:
        response = client.get(path)
    finally:
        restore()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert "Tjänsten är tillfälligt otillgänglig" in body
    assert "site-header" in body and "site-footer" in body
    assert "0303-33 00 00" in body  # the contact centre's default phone, read without the database
    assert "Traceback" not in body
    assert "Content-Security-Policy" in response.headers

    assert client.get(path).status_code == 200


def test_signed_in_visitor_also_gets_the_503_page(client, business_owner):
    """A signed-in visitor's session lives in the database too: the 503 page still renders."""
    client.force_login(business_owner)
    restore = _point_at_a_dead_database()
    try:
        response = client.get(reverse("accounts:account"))
    finally:
        restore()
    assert response.status_code == 503
    assert "Tjänsten är tillfälligt otillgänglig" in response.content.decode()
    assert client.get(reverse("accounts:account")).status_code == 200


def test_english_visitors_get_the_503_page_in_english(client):
    """The language cookie needs no database: the 503 page follows it."""
    client.cookies["django_language"] = "en"
    restore = _point_at_a_dead_database()
    try:
        response = client.get("/")
    finally:
        restore()
    assert response.status_code == 503
    assert "The service is temporarily unavailable" in response.content.decode()


def test_pages_without_data_keep_working_with_the_default_contact_facts(client):
    """The privacy page needs no data of its own: it is still served, with the default
    contact facts in the footer instead of an error."""
    restore = _point_at_a_dead_database()
    try:
        response = client.get(reverse("privacy"))
    finally:
        restore()
    assert response.status_code == 200
    assert "0303-33 00 00" in response.content.decode()
