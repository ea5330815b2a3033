"""An admin takes the notes out of the admin as CSV; anyone finds the open data from the footer."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_admin_exports_notes_as_csv_from_the_admin(live_server, page):
    """The admin opens Notes, chooses Export, picks CSV and gets a file whose header and rows are
    the notes in Swedish, with å ä ö intact and the formula-looking note neutralised."""
    admin = factories.AdminFactory(full_name="Maria Admin")
    workshop = factories.WorkshopFactory(slug="lunch-2017")
    factories.NoteFactory(workshop=workshop, text="Längre öppettider på bygglov", author=admin)
    factories.NoteFactory(workshop=workshop, text="=1+1 är ingen formel här")

    sign_in(page, live_server, admin)
    page.goto(f"{live_server.url}/admin/feedback/note/")
    page.locator(".object-tools").get_by_role("link", name="Export").click()
    expect(page.locator("select[name=format]")).to_be_visible()
    page.locator("select[name=format]").select_option(label="csv")
    with page.expect_download() as download_info:
        page.locator("form input[type=submit]").click()
    download = download_info.value
    assert download.suggested_filename.startswith("notes-") and download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    # Readable by default: the columns' labels in the admin's language (Swedish).
    assert rows[0] == [
        "ID",
        "Workshop",
        "Grupp",
        "Författare",
        "Källa",
        "Typ",
        "Status",
        "Anteckning",
        "Teman",
        "Ämnen",
        "Skäl att dölja",
        "Granskad av",
        "Granskad",
        "Skapad",
    ]
    texts = {row[7]: row for row in rows[1:]}
    assert set(texts) == {"Längre öppettider på bygglov", "'=1+1 är ingen formel här"}
    assert texts["Längre öppettider på bygglov"][1:4] == ["lunch-2017", "", admin.email]
    assert texts["Längre öppettider på bygglov"][8] == "Service och leverans"


def test_open_data_page_is_linked_from_the_footer_and_accessible(live_server, page):
    factories.WorkshopFactory(title="Lunch med kommunstyrelsen")
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Öppna data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Öppna data")
    assert_accessible(page)
    screenshot(page, "open-data")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Workshoppar som CSV").click()
    assert "Lunch med kommunstyrelsen" in Path(download_info.value.path()).read_text("utf-8-sig")
