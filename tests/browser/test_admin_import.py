"""An admin puts in the participant list they already have from Excel, through the admin."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from workshops.models import Organisation, Participation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADER = "Namn;E-post;Företag;Organisationsnummer;Roll;Bord"
ROWS = [
    "Åsa Öberg;asa@example.se;Älvängens Bageri AB;556016-0680;Företagare;Bord 1",
    "Örjan Ärlig;orjan@example;Nödinge Måleri HB;;Företagare;Bord 1",
    "Gun Hägg;gun@example.se;Surte Snickeri;;Tjänsteperson;",
]


def excel_file(rows):
    """The list as Swedish Excel saves "CSV (semikolonavgränsad)": Windows-1252, semicolons, CRLF."""
    return {
        "name": "deltagare.csv",
        "mimeType": "text/csv",
        "buffer": ("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"),
    }


def upload(page, live_server, rows):
    page.goto(f"{live_server.url}/admin/workshops/participation/import/")
    page.get_by_label(re.compile("^(Träff|Workshop)")).select_option(label="Lunchworkshop 2017")
    page.locator("input[name=import_file]").set_input_files(excel_file(rows))
    page.locator("#content form input[type=submit]").click()
    page.wait_for_load_state()


def test_admin_imports_a_windows_1252_list_fixes_the_bad_row_and_confirms(live_server, page):
    """The preview names the one bad row (row 2, E-post) and imports nothing; the corrected
    file previews with how it was read and what it creates, and the confirm imports it."""
    admin = factories.AdminFactory(full_name="Maria Admin")
    workshop = factories.WorkshopFactory(slug="lunch-2017", title="Lunchworkshop 2017")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1")
    sign_in(page, live_server, admin)

    page.goto(f"{live_server.url}/admin/workshops/participation/import/")
    page.get_by_role("link", name="Vilka kolumner filen får ha, och mallfiler").click()
    expect(page.locator("#content table")).to_contain_text("Organisationsnummer")
    assert_accessible(page)

    upload(page, live_server, ROWS)
    problems = page.locator("table.import-problems")
    expect(problems).to_be_visible()
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems.locator("tbody tr td").nth(0)).to_have_text("2")
    expect(problems.locator("tbody tr td").nth(1)).to_have_text("E-post")
    expect(page.get_by_role("button", name="Bekräfta import")).to_have_count(0)
    screenshot(page, "admin-import-bad-row")
    assert not Participation.objects.exists()

    fixed = [ROWS[0], ROWS[1].replace("orjan@example;", "orjan@example.se;"), ROWS[2]]
    upload(page, live_server, fixed)
    content = page.locator("#content")
    expect(content).to_contain_text("Läst som Windows-1252, kolumner avgränsade med semikolon.")
    expect(content).to_contain_text("3 nya organisationer skapas.")
    expect(page.locator("table.import-preview")).to_contain_text("Örjan Ärlig")
    assert_accessible(page)
    screenshot(page, "admin-import-preview")
    page.get_by_role("button", name="Bekräfta import").click()
    page.wait_for_load_state()

    expect(page.locator(".messagelist")).to_contain_text("3")
    assert sorted(Participation.objects.filter(workshop=workshop).values_list("name", flat=True)) == [
        "Gun Hägg",
        "Åsa Öberg",
        "Örjan Ärlig",
    ]
    assert Organisation.objects.get(organisation_number="556016-0680").name == "Älvängens Bageri AB"
