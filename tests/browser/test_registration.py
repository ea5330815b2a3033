"""Registration journeys in a real browser, with axe on every registration page."""

import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from workshops.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _link_in(message, marker, live_server):
    """The link in an e-mail, pointed at the test server instead of the configured site."""
    link = re.search(rf"https?://\S*{marker}\S*", message.body).group(0)
    return re.sub(r"^https?://[^/]+", live_server.url, link)


def _mail_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_visitor_registers_confirms_cancels_and_the_waiting_list_moves_up(live_server, page, console_errors):
    """A visitor without an account registers for the last seat, confirms through the e-mail
    link, gets the confirmation with the calendar file and cancels; the first on the waiting
    list then gets the seat and an e-mail."""
    workshop = factories.WorkshopFactory(
        title="Frukost om företagsklimatet", registration_open=True, capacity=2
    )
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord A")
    factories.RegistrationFactory(workshop=workshop)

    page.goto(live_server.url + workshop.get_absolute_url())
    expect(page.get_by_text("1 plats kvar.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Anmäl dig").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Anmäl dig: Frukost om företagsklimatet")
    assert_accessible(page)
    page.get_by_role("button", name="Anmäl dig").click()
    expect(page.locator("#id_name").locator("..").get_by_text("Detta fält måste fyllas i.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ditt namn").fill("Vera Besökare")
    page.get_by_label("Din e-postadress").fill("vera@example.se")
    page.get_by_label("Företag eller organisation").fill("Veras Verkstad")
    page.get_by_label("Önskad bordsgrupp").select_option(label="Bord A")
    page.get_by_label("Specialkost och allergier").fill("Nötallergi")
    page.get_by_role("button", name="Anmäl dig").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din e-post")
    assert_accessible(page)
    (confirm_mail,) = _mail_to("vera@example.se")
    page.goto(_link_in(confirm_mail, "/anmalan/bekrafta/", live_server))
    # The link only asks (mail scanners open links); the button confirms.
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din anmälan")
    assert_accessible(page)
    page.get_by_role("button", name="Bekräfta min anmälan").click()

    expect(page.get_by_text("Din anmälan är bekräftad och du har en plats.")).to_be_visible()
    expect(page.locator(".registration-status")).to_contain_text("Plats bekräftad")
    assert_accessible(page)
    screenshot(page, "registration-confirmed")
    seat_mail = _mail_to("vera@example.se")[-1]
    assert seat_mail.subject.startswith("Välkommen, din plats är bokad")
    filename, content, _ = seat_mail.attachments[0]
    assert filename.endswith(".ics")
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["summary"]) == "Frukost om företagsklimatet"
    with page.expect_download() as download:
        page.get_by_role("link", name="Lägg till i kalendern (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")

    waiting = factories.RegistrationFactory(workshop=workshop, name="Wilma Väntar", status="waitlisted")

    page.get_by_role("link", name="Avboka min anmälan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avboka anmälan")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, avboka min anmälan").click()
    expect(page.get_by_text("Din anmälan är avbokad.").first).to_be_visible()
    expect(page.locator(".registration-status")).to_contain_text("Avbokad")
    assert_accessible(page)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    (promoted_mail,) = _mail_to(waiting.email)
    assert promoted_mail.subject.startswith("En plats blev ledig")
    assert promoted_mail.attachments[0][0].endswith(".ics")
    assert console_errors == []


def test_broken_link_and_closed_registration_pages_are_clear(live_server, page):
    """A forged link and a closed registration each get a clear, accessible page."""
    response = page.goto(live_server.url + "/workshoppar/anmalan/inte-en-riktig-lank/avboka/")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    assert_accessible(page)
    closed = factories.WorkshopFactory(registration_open=False)
    page.goto(f"{live_server.url}/workshoppar/{closed.slug}/anmal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmälan är stängd")
    assert_accessible(page)


def test_staff_lists_sheet_and_door_check_in_on_a_phone(live_server, page, staff):
    """Staff see the registrations with needs, the printable sheet, and check people in at
    the door from a phone-sized screen with one button per person."""
    workshop = factories.WorkshopFactory(title="Dialogmöte", registration_open=True, capacity=10)
    group = factories.DiscussionGroupFactory(workshop=workshop, name="Bord A")
    anna = factories.RegistrationFactory(
        workshop=workshop, name="Anna Andersson", preferred_group=group, dietary_needs="Glutenfritt"
    )
    factories.RegistrationFactory(workshop=workshop, name="Bo Berg", accessibility_needs="Hörslinga")
    factories.RegistrationFactory(workshop=workshop, name="Cilla Kö", status="waitlisted")
    sign_in(page, live_server, staff)

    page.goto(live_server.url + workshop.get_absolute_url())
    page.get_by_role("link", name="Anmälningar", exact=True).click()
    expect(page.get_by_role("cell", name="Glutenfritt")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Incheckningslista").first.click()
    expect(page.get_by_role("heading", name="Bord A")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    screenshot(page, "registration-sheet-print")
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/workshoppar/{workshop.slug}/anmalningar/incheckning/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Anna Andersson")).click()
    expect(page.get_by_text("Anna Andersson är incheckad.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Anna Andersson.*tryck för att ångra"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, "registration-door-phone")
    anna.refresh_from_db()
    assert anna.participation.attended is True
