"""The politicians' dashboard in Chromium, with the demo data."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from aleforetag.accounts.models import User
from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_politician_reads_the_2017_figures_on_the_dashboard(live_server, page, console_errors):
    """A politician signs in, follows "Översikt" and sees the 2017 figures as SVG charts with
    tables, including the one overdue promise; the theme filter works without JavaScript;
    axe finds no serious violation."""
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    politician = User.objects.get(email="politiker@example.se")
    sign_in(page, live_server, politician, password=DEMO_PASSWORD)
    page.get_by_role("link", name="Översikt").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Översikt"))
    expect(page.get_by_role("combobox", name=re.compile("^År"))).to_have_value("2017")
    charts = page.locator("main svg[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 8
    expect(page.get_by_role("img", name="Publicerade anteckningar per tema")).to_be_visible()
    themes = page.get_by_role("table", name="Publicerade anteckningar per tema")
    expect(themes.get_by_role("row", name=re.compile("Service och leverans"))).to_be_visible()
    promises = page.get_by_role("table", name="Utlovad återkoppling per konferens")
    expect(promises).to_contain_text("2018-01-31")
    overdue = page.get_by_role("table", name="Försenade ärenden")
    expect(overdue.locator("tbody tr")).to_have_count(1)
    expect(overdue).to_contain_text("2018-01-31")
    expect(page.locator(".key-figure", has_text="Försenade löften just nu").locator("dd")).to_have_text("1")
    assert_accessible(page)
    screenshot(page, "dashboard-2017")

    page.get_by_role("combobox", name=re.compile("^Tema")).select_option(label="Samarbete")
    page.get_by_role("button", name="Visa").click()
    expect(page).to_have_url(re.compile(r"tema=samarbete"))
    expect(page.locator(".dashboard-selection")).to_contain_text("Samarbete")
    assert console_errors == []
