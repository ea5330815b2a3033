import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_workshop(db):
    from portal.demo.users import load_demo_users
    from portal.demo.workshops import load_demo_workshops

    return load_demo_workshops(load_demo_users())["lunch"]


def test_home_page_switches_to_english(live_server, page, console_errors):
    """The home page is Swedish by default and the language switch turns it English."""
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ett starkare företagsklimat i Ale")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A stronger business climate in Ale")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "home-en")
    assert console_errors == []


@pytest.mark.parametrize("path", ["/", "/workshoppar/", "/workshoppar/lunch-med-kommunstyrelsen-2017/"])
def test_public_pages_have_no_serious_accessibility_violations(live_server, page, demo_workshop, path):
    """axe-core finds no serious or critical violation on the home, list and detail pages."""
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "frame" + path)


def test_skip_link_moves_focus_to_main(live_server, page):
    """The first Tab reaches the skip link, and following it lands in the main region."""
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile("Hoppa till innehållet"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
