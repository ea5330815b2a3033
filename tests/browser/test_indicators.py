"""Indicators, the action plan and "Ni sa – vi gjorde" in Chromium, with the demo data."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from aleforetag.accounts.models import User
from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def _load_demo():
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_politician_reads_an_indicator_beside_its_follow_ups_and_downloads_it(
    live_server, page, console_errors
):
    """A politician opens the dashboard, reads the service theme's building-permit index with
    its target line beside the theme's notes and follow-ups year by year, and downloads the
    indicator's table as CSV; the figures are marked as examples; axe finds nothing serious."""
    _load_demo()
    politician = User.objects.get(email="politiker@example.se")
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, politician, password=DEMO_PASSWORD)
    page.get_by_role("link", name="Översikt").click()
    page.get_by_role("link", name="Indikatorer", exact=True).last.click()
    expect(page).to_have_url(re.compile(r"#indicators$"))

    section = page.locator("#indicators")
    expect(section.get_by_role("heading", name="Blir företagsklimatet bättre?")).to_be_visible()
    expect(section.locator(".example-notice")).to_contain_text("inte Ale kommuns verkliga resultat")
    dialogue = section.get_by_role("table", name="Service och leverans: vad som sades och gjordes, år för år")
    expect(dialogue.get_by_role("row", name=re.compile(r"^2017"))).to_be_visible()
    chart = section.get_by_role("img", name="NKI bygglov")
    expect(chart).to_be_visible()
    expect(chart.locator("polyline.target-line")).to_have_count(1)
    table = section.get_by_role("table", name=re.compile(r"^NKI bygglov \(NKI\)"))
    expect(table.get_by_role("row", name=re.compile(r"^2018"))).to_contain_text("64 (exempel)")
    behind = section.get_by_role("table", name="Punkter i handlingsplanen som är försenade")
    expect(behind).to_contain_text("E-tjänster för de vanligaste tillstånden")
    assert_accessible(page)
    screenshot(page, "indicators-dashboard-1366")

    with page.expect_download() as download_info:
        section.get_by_role("link", name=re.compile(r"Ladda ner som CSV.*NKI bygglov")).click()
    rows = list(csv.reader(io.StringIO(download_info.value.path().read_text("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["År", "Värde", "Mål", "Målet nått", "Förändring"]
    assert ["2018", "64 (exempel)", "63", "Ja", "+5"] in rows

    page.set_viewport_size(PHONE)
    page.reload()
    _no_sideways_scroll(page)
    expect(page.locator("#indicators .indicator-chart-narrow").first).to_be_visible()
    screenshot(page, "indicators-dashboard-390")
    assert console_errors == []


@pytest.mark.parametrize(
    ("who", "path", "name"),
    [
        ("politiker@example.se", "/indikatorer/", "register"),
        ("politiker@example.se", "/indikatorer/insikt-nki-bygglov/", "indicator"),
        ("politiker@example.se", "/handlingsplan/2018/", "plan-whole"),
        ("naringsliv@example.se", "/indikatorer/importera/", "import"),
        ("naringsliv@example.se", "/indikatorer/sn-service/", "indicator-staff"),
        ("naringsliv@example.se", "/handlingsplan/punkter/ny/", "point-form"),
        (None, "/handlingsplan/2018/", "plan-public"),
        (None, "/ni-sa-vi-gjorde/2017/", "said-did"),
    ],
)
def test_each_page_is_accessible_and_fits_a_phone(live_server, page, console_errors, who, path, name):
    """axe finds nothing serious at 1366 px, and nothing scrolls sideways at 390 px."""
    _load_demo()
    if who:
        sign_in(page, live_server, User.objects.get(email=who), password=DEMO_PASSWORD)
    for size, label in ((DESKTOP, "1366"), (PHONE, "390")):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if label == "1366":
            assert_accessible(page)
        _no_sideways_scroll(page)
        screenshot(page, f"indicators-{name}-{label}")
    assert console_errors == []


def test_the_public_reads_what_was_said_and_done_from_the_home_page(live_server, page):
    """From the home page a visitor reaches "Ni sa – vi gjorde" and reads, per theme, what was
    said, what was done and how the indicators moved, with the example figures marked."""
    _load_demo()
    page.goto(live_server.url)
    page.get_by_role("link", name="Läs berättelsen år för år").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ni sa – vi gjorde 2017")
    for theme in ("Service och leverans", "Förståelse och relation", "Samarbete"):
        expect(page.get_by_role("heading", name=theme, level=2)).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        "Klart i handlingsplanen: Servicelöften i alla förvaltningar."
    )
    expect(page.locator("main")).to_contain_text(
        "NKI bygglov gick från 59 (2017) till 64 (2018), vilket är bättre."
    )
    expect(page.locator(".example-notice")).to_be_visible()
