"""Browser journey for summaries: staff member A writes, staff member B checks and publishes,
the public reads "Vad vi hörde", and a business owner disagrees with one point."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POINT = "Företagen vill kunna nå kommunen en kväll i veckan."


def test_summary_from_writer_to_checker_to_public_disagreement(live_server, page, console_errors):
    """A writes a summary citing three notes and asks for a check; B checks and publishes it;
    the public page shows B's name and the date; a business owner disagrees with the point and
    its count becomes 1. axe finds no serious or critical violation on the editor, the comparison
    view and the public page."""
    writer = factories.StaffFactory(full_name="Sara Tjänsteperson")
    checker = factories.StaffFactory(full_name="Johan Granskare")
    owner = factories.BusinessOwnerFactory(full_name="Karin Företagare")
    workshop = factories.WorkshopFactory(title="Lunch om företagsklimatet")
    notes = [
        factories.NoteFactory(workshop=workshop, text=text)
        for text in ("Öppet en kväll i veckan", "Svara snabbare i telefon", "Besked under handläggningen")
    ]
    factories.NoteFactory(workshop=workshop, text="Om samarbete", themes=[factories.theme("samarbete")])

    sign_in(page, live_server, writer)
    # Summaries sit in the main menu's "Inspel" group: open the group, then follow the link.
    menu = page.locator("#main-menu")
    menu.locator("summary", has_text="Inspel").click()
    menu.get_by_role("link", name="Sammanfattningar", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammanfattningar")
    page.get_by_role("link", name="Ny sammanfattning").click()
    page.get_by_label(re.compile("Workshop")).select_option(label=workshop.title)
    page.get_by_label(re.compile("Tema")).select_option(label="Service och leverans")
    page.get_by_label(re.compile("Inledning")).fill("Det här hörde vi om service.")
    page.get_by_role("button", name="Skapa utkast").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ändra sammanfattning: Service och leverans")
    expect(page.get_by_text("Om samarbete")).to_have_count(0)  # the picker starts on the theme
    assert_accessible(page)
    # crispy-forms marks the required field with an asterisk after its label.
    page.get_by_label(re.compile(r"^\s*Punkt\s*\*?\s*$")).fill(POINT)
    for note in notes:
        page.get_by_label(re.compile(re.escape(note.text))).check()
    screenshot(page, "summaries-editor")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Sammanfattningen är sparad.")).to_be_visible()
    page.get_by_role("button", name="Be om granskning").click()
    expect(page.get_by_text("en annan medarbetare måste granska och publicera den")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, checker)
    page.goto(f"{live_server.url}/sammanfattningar/")
    page.get_by_role("link", name="Service och leverans").click()
    page.get_by_role("button", name="Jag har granskat den: publicera").click()
    expect(page.get_by_text("Du har granskat sammanfattningen och den är publicerad.")).to_be_visible()
    page.get_by_role("button", name="Jämför").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämför versioner: Service och leverans")
    expect(page.locator(".summary-diff ins").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "summaries-compare")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}{workshop.get_absolute_url()}")
    today = timezone.localdate().isoformat()
    expect(page.get_by_text(f"Sidan kontrollerades av Johan Granskare den {today}")).to_be_visible()
    point = page.locator(".summary-point", has_text=POINT)
    expect(point.get_by_role("link", name="Bygger på 3 anteckningar")).to_be_visible()
    expect(point.locator(".disagreement-count")).to_have_count(0)  # nobody disagrees: no sentence
    assert_accessible(page)
    screenshot(page, "summaries-public")

    sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}{workshop.get_absolute_url()}")
    point = page.locator(".summary-point", has_text=POINT)
    point.get_by_text("Håller du inte med?", exact=True).click()
    point.get_by_label("Varför håller du inte med?").fill("Kvällsöppet räcker inte, vi behöver e-tjänster.")
    point.get_by_label("Jag vill bli kontaktad").check()
    point.get_by_role("button", name="Skicka").click()
    expect(page.get_by_text("Tack! Din invändning är registrerad")).to_be_visible()
    point = page.locator(".summary-point", has_text=POINT)
    expect(point.locator(".disagreement-count")).to_contain_text("1 person håller inte med")
    expect(point.get_by_role("button", name="Ta tillbaka min invändning")).to_be_visible()
    assert console_errors == []
