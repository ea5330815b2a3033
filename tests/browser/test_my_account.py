"""Mitt konto in a real browser: accessible, and deleting an account works end to end."""

import json

import pytest
from playwright.sync_api import expect

from aleforetag.accounts.models import User
from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_business_owner_downloads_data_and_deletes_the_account(live_server, page, console_errors):
    """The account page, the data page and the deletion page pass axe; the data page and its
    JSON file hold the owner's note; deleting with the password signs out and leaves the note
    without a name."""
    owner = factories.BusinessOwnerFactory(
        full_name="Karin Lindqvist", organisation_name="Lindqvists Bygg AB"
    )
    note = factories.NoteFactory(author=owner, text="Längre öppettider i bygglovsdisken")
    sign_in(page, live_server, owner)

    page.locator("summary.site-person").click()  # the signed-in person's menu
    page.get_by_role("link", name="Mitt konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt konto")
    assert_accessible(page)
    screenshot(page, "my-account")

    page.get_by_role("link", name="Se mina uppgifter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina uppgifter")
    expect(page.get_by_text(note.text)).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner som JSON").click()
    data = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert [n["text"] for n in data["notes"]] == [note.text]
    page.go_back()

    page.get_by_role("link", name="Radera mitt konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Radera ditt konto")
    assert_accessible(page)
    page.get_by_label("Ditt lösenord").fill(factories.PASSWORD)
    page.get_by_label("Jag förstår att mitt konto raderas och inte kan återställas").check()
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_text("Ditt konto är raderat")).to_be_visible()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()
    user = User.objects.get(pk=owner.pk)
    assert user.anonymised_at is not None and user.full_name == ""
    note.refresh_from_db()
    assert note.author_id == owner.pk
    assert console_errors == []


def test_lockout_page_is_accessible(live_server, page):
    """After five wrong passwords the lockout page says what happened, in the site's frame."""
    owner = factories.BusinessOwnerFactory()
    for _attempt in range(5):
        page.goto(f"{live_server.url}/konto/logga-in/")
        page.get_by_label("E-postadress").fill(owner.email)
        page.get_by_label("Lösenord").fill("fel-lösenord")
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("För många misslyckade inloggningsförsök")
    assert_accessible(page)
    screenshot(page, "sign-in-locked-out")
