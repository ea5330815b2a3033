"""Browser journey for notes: a business owner writes, staff publish, the public reads."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = "Bygglovsenheten borde ha öppet en kväll i veckan."


def test_note_from_business_owner_to_public_page(live_server, page, console_errors):
    """A business owner submits a note with two themes and sees it pending; a staff member
    publishes it from the queue; the public finds it under both theme filters. axe finds no
    serious or critical violation on the note form, the transcription page, the staff queue
    and the notes page."""
    owner = factories.BusinessOwnerFactory(full_name="Karin Företagare")
    staff = factories.StaffFactory(full_name="Sara Tjänsteperson")
    workshop = factories.WorkshopFactory(title="Frukostmöte om service")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1")

    sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}{workshop.get_absolute_url()}")
    page.get_by_role("link", name="Lämna en anteckning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lämna en anteckning")
    assert_accessible(page)
    page.get_by_label("Din bordsgrupp").select_option(label="Bord 1")
    page.get_by_label("Din anteckning").fill(TEXT)
    expect(page.locator(".character-count")).to_have_text(f"{2000 - len(TEXT)} av 2000 tecken kvar")
    page.get_by_label("Typ").select_option("problem")
    page.get_by_label("Service och leverans").check()
    page.get_by_label("Samarbete").check()
    screenshot(page, "notes-form")
    page.get_by_role("button", name="Skicka anteckningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina anteckningar")
    expect(page.get_by_text("Väntar på granskning", exact=True)).to_be_visible()
    expect(page.get_by_text(TEXT)).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, staff)
    page.goto(f"{live_server.url}/workshoppar/{workshop.slug}/anteckningar/skriv-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv in pappersanteckningar")
    assert_accessible(page)
    screenshot(page, "notes-transcribe")
    # Moderation sits in the main menu's "Inspel" group: open the group, then follow the link.
    menu = page.locator("#main-menu")
    menu.locator("summary", has_text="Inspel").click()
    menu.get_by_role("link", name="Moderering", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderering")
    expect(page.get_by_text(TEXT)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "notes-moderation")
    page.get_by_role("button", name=re.compile("^Publicera")).click()
    expect(page.get_by_text("Anteckningen är publicerad.")).to_be_visible()
    expect(page.get_by_text("Inga anteckningar väntar på granskning.")).to_be_visible()

    page.context.clear_cookies()
    notes_url = f"{live_server.url}/workshoppar/{workshop.slug}/anteckningar/"
    for slug in ("service-och-leverans", "samarbete"):
        page.goto(f"{notes_url}?tema={slug}")
        expect(page.get_by_text(TEXT)).to_be_visible()
    page.goto(f"{notes_url}?tema=forstaelse-och-relation")
    expect(page.get_by_text(TEXT)).to_have_count(0)
    page.goto(notes_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alla anteckningar")
    expect(page.get_by_text("Karin Företagare")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "notes-public")
    assert console_errors == []
