"""Ten key pages of the demo, as each reader sees them, at 1366 px and on a 390 × 844 phone, in
Swedish and English: none scrolls sideways, axe finds no serious or critical violation, and a
screenshot of each is saved under ``var/screenshots/`` for a reviewer to look at
(``NN-page-language-width.png``). Also: the conference page's promise columns and the
dashboard's chart labels on a phone, and the grouped menu on one line at 1280 px for every role.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from aleforetag.accounts.models import User
from feedback.models import Note, Topic
from tests import factories
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
LUNCH = "/workshoppar/lunch-med-kommunstyrelsen-2017"
CONFERENCE = "/uppfoljning/konferenser/naringslivsradets-konferens-2017/"
# A topic whose name is one long word: it must wrap on the notes page, not run off it.
LONG_TOPIC = "Företagsklimatsförbättringsuppföljningsarbetsgruppsmötesprotokoll"


def _my_pages() -> str:
    try:
        return reverse("portal:my-pages")
    except NoReverseMatch:
        return reverse("portal:my-influence")


# (file name, who reads it, the page)
KEY_PAGES = [
    ("01-home", None, "/"),
    ("02-workshops", None, "/workshoppar/"),
    ("03-workshop", None, f"{LUNCH}/"),
    ("04-notes", None, f"{LUNCH}/anteckningar/"),
    ("05-what-we-heard", None, f"{LUNCH}/vad-vi-horde/samarbete/"),
    ("06-conference", None, CONFERENCE),
    ("07-my-pages", "foretagare@example.se", _my_pages),
    ("08-workspace", "naringsliv@example.se", "/arbetsyta/"),
    ("09-dashboard", "politiker@example.se", "/oversikt/"),
    ("10-site-settings", "admin@example.se", "/installningar/"),
]


@pytest.fixture
def demo(db):
    """The demo (with its neutral mark), and a published note tagged with a one-word long topic."""
    from portal.demo import load_demo

    load_demo()
    topic = Topic.objects.create(
        theme=factories.theme("samarbete"), slug="lang-rubrik", name_sv=LONG_TOPIC, name_en=LONG_TOPIC
    )
    note = Note.objects.filter(workshop__slug=LUNCH.rsplit("/", 1)[1], status=Note.Status.PUBLISHED).first()
    note.topics.add(topic)


def open_as(browser, live_server, email, language, viewport):
    """A browser context and page for the person (signed in through a session cookie; None for
    a visitor) in the language, at the viewport."""
    context = browser.new_context(viewport=viewport, locale="sv-SE")
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if email:
        client = Client()
        client.force_login(User.objects.get(email=email))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
    context.add_cookies(cookies)
    return context, context.new_page()


def overflow(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_key_pages_fit_a_phone_and_pass_axe_with_screenshots(live_server, browser, demo, language):
    """Each key page, at 1366 px and at 390 × 844: scrollWidth within the window, no serious or
    critical axe violation; a full-page screenshot of each saved under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, email, path in KEY_PAGES:
        path = path() if callable(path) else path
        for viewport in (WIDE, PHONE):
            context, page = open_as(browser, live_server, email, language, viewport)
            response = page.goto(live_server.url + path)
            assert response.status == 200, (path, response.status)
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.get_by_role("heading", level=1)).to_have_count(1)
            width, window = overflow(page)
            if width > window:
                problems.append(f"{path} at {viewport['width']} px scrolls sideways: {width} > {window}")
            problems += [f"{path} at {viewport['width']} px: {p}" for p in axe_violations(page)]
            page.screenshot(
                path=str(SCREENSHOTS / f"{name}-{language}-{viewport['width']}.png"), full_page=True
            )
            context.close()
    assert not problems, "\n".join(problems)


def test_on_a_phone_the_conference_shows_whether_each_promise_was_kept(live_server, browser, demo):
    """At 390 px each follow-up is a card: its decision and feedback (with whether the promise
    was kept) are labelled and inside the screen, no sideways scrolling needed."""
    context, page = open_as(browser, live_server, None, "sv", PHONE)
    page.goto(live_server.url + CONFERENCE)
    cards = page.locator(".table-stack tbody tr")
    expect(cards.first).to_be_visible()
    for label in ("Beslutat", "Återkoppling"):
        cells = page.locator(f'.table-stack td[data-label="{label}"]')
        assert cells.count() == cards.count()
        for index in range(cells.count()):
            box = cells.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (label, box)
    kept = page.locator('.table-stack td[data-label="Återkoppling"]', has_text="I tid")
    expect(kept.first).to_be_visible()
    context.close()


# Each visible chart's rendered text size: its SVG font size scaled as the SVG is drawn.
_CHART_TEXT = """() => [...document.querySelectorAll('svg.chart-svg')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return {id: svg.getAttribute('aria-labelledby'),
            size: Math.min(...[...svg.querySelectorAll('text')]
              .map(t => parseFloat(t.getAttribute('font-size')) * scale))};
  })"""


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_dashboard_chart_labels_are_at_least_12_px(live_server, browser, demo, viewport):
    """Every chart the dashboard shows draws its labels at 12 px or more, on a phone (the
    narrow layout) and on a desktop."""
    context, page = open_as(browser, live_server, "politiker@example.se", "sv", viewport)
    page.goto(live_server.url + "/oversikt/")
    charts = page.evaluate(_CHART_TEXT)
    assert len(charts) >= 9
    small = [chart for chart in charts if chart["size"] < 12]
    assert not small, small
    context.close()


ROLES = {
    "anonymous": None,
    "business owner": factories.BusinessOwnerFactory,
    "staff": factories.StaffFactory,
    "politician": factories.PoliticianFactory,
    "admin": factories.AdminFactory,
}


def test_the_menu_fits_one_line_at_1280_for_every_role_and_opens_by_keyboard(live_server, browser):
    """At 1280 px every role's menu is one line (every entry at the same height), in Swedish and
    English; the Inspel group opens with Enter and closes with Escape, focus back on it."""
    users = {
        role: (factory(full_name="Alexandra Lindqvist-Johansson") if factory else None)
        for role, factory in ROLES.items()
    }
    for language in ("sv", "en"):
        for role, user in users.items():
            context, page = open_as(
                browser, live_server, user.email if user else None, language, {"width": 1280, "height": 800}
            )
            page.goto(live_server.url + "/workshoppar/")
            tops = page.evaluate(
                "[...document.querySelectorAll('.site-nav .navbar-nav > .nav-item')]"
                ".map(item => Math.round(item.getBoundingClientRect().top))"
            )
            assert len(set(tops)) == 1, (language, role, tops)
            nav_height = page.locator(".site-nav").bounding_box()["height"]
            assert nav_height < 60, (language, role, nav_height)
            if role == "staff":
                group = page.locator("details.nav-group").first
                summary = group.locator("summary")
                summary.focus()
                page.keyboard.press("Enter")
                expect(group).to_have_attribute("open", "")
                expect(
                    group.get_by_role("link", name=re.compile("^(Moderering|Moderation)$"))
                ).to_be_visible()
                page.keyboard.press("Escape")
                expect(group).not_to_have_attribute("open", "")
                assert summary.evaluate("element => element === document.activeElement")
            context.close()
