"""Journey 4: an admin exports notes as CSV and imports a participants file through the admin.

Swedish on a desktop and English on a phone.
"""

import csv
import io

import pytest
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from feedback.models import Note
from tests import factories
from tests.browser.journeys.conftest import matrix
from workshops.models import Participation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "admin"
NOTE = "Älvängens företagare vill ha ett gemensamt öppethus på våren."
HEADER = "workshop;name;email;organisation;group"


@pytest.fixture
def world(db):
    """An admin, a workshop with two tables and two published notes."""
    admin = factories.AdminFactory(full_name="Maria Admin")
    workshop = factories.WorkshopFactory(title="Lunch i Nödinge", slug="lunch-i-nodinge")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", order=1)
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 2", order=2)
    factories.NoteFactory(workshop=workshop, text=NOTE, themes=[factories.theme("samarbete")])
    factories.NoteFactory(workshop=workshop, text='=HYPERLINK("http://example.com")')
    return {"admin": admin, "workshop": workshop}


def participants_file(tmp_path, name: str, group_of_second_row: str):
    path = tmp_path / name
    rows = [
        HEADER,
        "lunch-i-nodinge;Åsa Öberg;asa@example.se;;Bord 1",
        f"lunch-i-nodinge;Bengt Ek;bengt@example.se;;{group_of_second_row}",
    ]
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    return path


def column_header(journey, model, name: str) -> str:
    """The header the readable export writes for a model field: its verbose name, capitalised,
    in the journey's language."""
    with translation.override(journey.lang):
        return capfirst(str(model._meta.get_field(name).verbose_name))


def open_admin_table(journey, page, app: str, model: str, step: str):
    """From the site's menu, or inside the admin from its header, to the admin index and a table."""
    if "/admin/" in page.url:
        page.locator("#site-name a").click()
    else:
        journey.menu_item(journey._("Administration", same=True), page=page).click()
    journey.check("admin")
    page.locator(f"#content-main a[href$='/admin/{app}/{model}/']").first.click()
    journey.check(step)


@pytest.mark.parametrize("journey", matrix(full=False), indirect=True)
def test_admin_exports_notes_and_imports_participants_after_fixing_a_bad_row(journey, world, tmp_path):
    """An admin exports the notes as CSV, readable as it comes by default, and reads the file
    back (UTF-8 with a byte-order mark, semicolons, column names in the page's language, å ä ö
    intact, a formula neutralised); imports a participants file whose second row names an
    unknown table and sees it refused, nothing imported and the row and column named; fixes
    the row, previews and confirms the import, and both participants are there.
    Every page passes axe, logs no console error and is valid HTML."""
    page = journey.page
    journey.start()
    journey.sign_in(world["admin"], "admin")

    open_admin_table(journey, page, "feedback", "note", "notes")
    page.locator("a.export_link").click()
    journey.check("notes-export")
    page.locator("#id_format").select_option(label="csv")
    with page.expect_download() as download:
        page.locator("#content .submit-row [type=submit]").click()
    raw = download.value.path().read_bytes()
    assert download.value.suggested_filename.endswith(".csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    texts = {row[column_header(journey, Note, "text")] for row in rows}
    assert NOTE in texts
    assert '\'=HYPERLINK("http://example.com")' in texts  # Excel will not run it
    assert {row[column_header(journey, Note, "workshop")] for row in rows} == {"lunch-i-nodinge"}

    open_admin_table(journey, page, "workshops", "participation", "participants")
    page.locator("a.import_link").click()
    journey.check("participants-import")
    page.locator("#id_format").select_option(label="csv")
    page.locator("#id_import_file").set_input_files(participants_file(tmp_path, "deltagare.csv", "Bord 99"))
    page.locator("#content .submit-row [type=submit]").click()
    journey.check("participants-refused")
    problems = page.get_by_role("table", name=journey._("Problems in the file"))
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems.locator("tbody tr td").nth(0)).to_have_text("2")
    expect(problems.locator("tbody tr td").nth(1)).to_have_text("group")
    expect(problems).to_contain_text("Bord 99")
    assert not Participation.objects.exists()

    page.locator("#id_format").select_option(label="csv")
    page.locator("#id_import_file").set_input_files(
        participants_file(tmp_path, "deltagare-rattad.csv", "Bord 2")
    )
    page.locator("#content .submit-row [type=submit]").click()
    journey.check("participants-preview")
    page.locator("input[name=confirm]").click()
    journey.check("participants-imported")
    expect(page.locator(".messagelist .success")).to_be_visible()
    imported = dict(Participation.objects.values_list("name", "group__name"))
    assert imported == {"Åsa Öberg": "Bord 1", "Bengt Ek": "Bord 2"}
    journey.finish()
