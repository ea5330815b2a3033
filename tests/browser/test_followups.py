import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from aleforetag.accounts.models import User
from feedback.models import Note, SummaryPoint
from followups.models import Conference
from portal.demo import DEMO_PASSWORD
from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEARD_DURING = "Hör av er under handläggningen"
CONTACT_CENTRE = "Kan kontaktcenter slussa"


@pytest.fixture
def demo(db):
    """The demo, a conference for this year (its promise still ahead) and a fresh
    disagreement by the demo business owner waiting in the inbox."""
    call_command("load_demo", force=True, stdout=io.StringIO())
    year = datetime.date.today().year
    conference = Conference.objects.create(
        year=year,
        title=f"Näringslivsrådets konferens {year}",
        slug=f"naringslivsradets-konferens-{year}",
        starts_on=datetime.date(year, 11, 20),
        ends_on=datetime.date(year, 11, 21),
    )
    owner = User.objects.get(email="foretagare@example.se")
    point = SummaryPoint.objects.filter(summary__workshop__slug="lunch-med-kommunstyrelsen-2017").first()
    disagreement = factories.DisagreementFactory(
        author=owner,
        text="Återkopplingen måste komma av sig själv, inte bara när vi ringer.",
        **({"point": point} if point else {}),
    )
    return {
        "conference": conference,
        "owner": owner,
        "staff": User.objects.get(email="naringsliv@example.se"),
        "disagreement": disagreement,
    }


def test_staff_take_input_to_feedback_and_the_owner_sees_it(live_server, page, demo, console_errors):
    """Staff link two demo notes and a disagreement into a new follow-up, move it to decided and
    publish feedback; the business owner sees it on Mitt inflytande as on time, and the outbox
    holds their one e-mail."""
    mail.outbox = []
    notes = [
        Note.objects.get(text__startswith=HEARD_DURING),
        Note.objects.get(text__startswith=CONTACT_CENTRE),
    ]
    sign_in(page, live_server, demo["staff"], password=DEMO_PASSWORD)
    page.goto(live_server.url + "/uppfoljning/inkorg/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Inkorg"))
    for note in notes:
        page.get_by_label(note.text).check()
    page.get_by_label(demo["disagreement"].text).check()
    page.get_by_role("button", name="Nytt ärende av dessa").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt ärende")
    page.get_by_label("Konferens").select_option(label=demo["conference"].title)
    page.get_by_label("Rubrik").fill("Löpande besked under handläggningen")
    page.get_by_label("Tema").select_option(label="Service och leverans")
    page.get_by_role("button", name="Skapa ärendet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Löpande besked under handläggningen")

    page.get_by_role("button", name="Flytta till ”På dagordningen”").click()
    page.get_by_role("button", name="Flytta till ”Diskuterat”").click()
    page.get_by_role("link", name="Flytta till ”Beslutat”").click()
    page.get_by_label("Beslut").fill("Handläggarna ger ett kort besked om läget varannan vecka.")
    page.get_by_role("button", name="Flytta").click()
    page.get_by_role("link", name="Flytta till ”Återkoppling publicerad”").click()
    page.get_by_label("Återkoppling att publicera").fill(
        "Från mars får du besked om ditt ärende varannan vecka."
    )
    page.get_by_role("button", name="Flytta").click()
    expect(page.locator(".alert")).to_contain_text("Återkoppling publicerad")

    page.locator("summary.site-person").click()  # the signed-in person's menu
    page.get_by_role("button", name=re.compile("Logga ut")).click()
    sign_in(page, live_server, demo["owner"], password=DEMO_PASSWORD)
    page.goto(live_server.url + "/uppfoljning/mitt-inflytande/")
    card = page.locator("article", has_text=demo["disagreement"].text)
    expect(card).to_contain_text("Löpande besked under handläggningen")
    expect(card).to_contain_text("Återkoppling publicerad")
    expect(card.locator(".badge", has_text="I tid")).to_be_visible()
    screenshot(page, "followups-my-influence")

    owner_mail = [m for m in mail.outbox if m.to == [demo["owner"].email]]
    assert len(owner_mail) == 1
    assert "Löpande besked under handläggningen" in owner_mail[0].subject
    assert console_errors == []


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/uppfoljning/konferenser/naringslivsradets-konferens-2017/tavla/", "staff"),
        ("/uppfoljning/inkorg/", "staff"),
        ("/uppfoljning/konferenser/naringslivsradets-konferens-2017/", None),
        ("/uppfoljning/mitt-inflytande/", "owner"),
    ],
)
def test_followup_pages_are_accessible(live_server, page, demo, path, who):
    """axe finds no serious or critical violation on the board, the inbox, the conference page
    and Mitt inflytande."""
    if who:
        sign_in(page, live_server, demo[who], password=DEMO_PASSWORD)
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "followups" + path)
