"""A business owner signs in and sends a note with the keyboard alone (no mouse, no touch).

Swedish on a desktop and English on a phone (with a keyboard attached).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Note
from tests import factories
from tests.browser.journeys.conftest import matrix
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "keyboard-note"
NOTE = "Ett telefonnummer som går direkt till bygglov, tack."


@pytest.fixture
def world(db):
    """A business owner and an open workshop with two tables."""
    owner = factories.BusinessOwnerFactory(full_name="Karin Företagare")
    now = timezone.now()
    workshop = factories.WorkshopFactory(
        title="Lunch om företagsklimatet",
        starts_at=now - datetime.timedelta(hours=3),
        ends_at=now - datetime.timedelta(hours=1),
        notes_open_until=now + datetime.timedelta(days=7),
    )
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", order=1)
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 2", order=2)
    return {"owner": owner, "workshop": workshop}


@pytest.mark.parametrize("journey", matrix(full=False), indirect=True)
def test_business_owner_sends_a_note_with_the_keyboard_alone(journey, world):
    """Tab, arrow keys, Space and Enter are enough to sign in, reach the note form, choose the
    table and kind, tick a theme and a topic and send the note; the focus is visible at every
    stop. Every page passes axe, logs no console error and is valid HTML."""
    _, page, workshop = journey._, journey.page, world["workshop"]
    keys = page.keyboard

    def menu_item(name, role="link"):
        """Tab to a main-menu item; on a phone, open the folded menu with the keyboard first."""
        if journey.mobile:
            journey.tab_to(page.locator(".navbar-toggler"))
            keys.press("Enter")
            expect(page.locator("#main-menu")).to_be_visible()
        journey.tab_to(page.locator("#main-menu").get_by_role(role, name=name, exact=True))
        keys.press("Enter")

    journey.open(workshop.get_absolute_url(), "workshop")
    if journey.lang != "sv":
        menu_item("English", role="button")
        expect(page.locator("html")).to_have_attribute("lang", journey.lang)
        journey.check(f"workshop-{journey.lang}")
    menu_item(_("Sign in"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Sign in"))
    journey.check("sign-in")
    keys.type(world["owner"].email)  # the e-mail field has the focus when the page opens
    journey.tab_to(page.get_by_label(journey.label("Password")))
    keys.type(PASSWORD)
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(workshop.title)
    journey.became(page, "business-owner")
    journey.check("signed-in")

    journey.tab_to(page.get_by_role("link", name=_("Leave a note")))
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Leave a note"))
    journey.check("note-form")
    group = journey.tab_to(page.get_by_label(journey.label("Your discussion group")))
    while group.evaluate("select => select.selectedOptions[0].text") != "Bord 2":
        keys.press("ArrowDown")
    journey.tab_to(page.get_by_label(journey.label("Your note")))
    keys.type(NOTE)
    kind = journey.tab_to(page.get_by_label(journey.label("Kind")))
    while kind.input_value() != Note.Kind.PROBLEM:
        keys.press("ArrowDown")
    journey.tab_to(
        page.get_by_role("group", name=_("Themes")).get_by_label(journey.tag_name(factories.theme()))
    )
    keys.press("Space")
    topic = journey.tag_name(factories.topic("lopande-aterkoppling"))
    journey.tab_to(page.get_by_role("group", name=_("Topics")).get_by_label(topic))
    keys.press("Space")
    journey.check("note-filled")
    journey.tab_to(page.get_by_role("button", name=_("Send note")))
    keys.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(_("My notes"))
    journey.check("my-notes")
    expect(page.get_by_text(NOTE)).to_be_visible()
    note = Note.objects.get(author=world["owner"])
    assert (note.group.name, note.kind) == ("Bord 2", Note.Kind.PROBLEM)
    assert [t.slug for t in note.themes.all()] == ["service-och-leverans"]
    assert [t.slug for t in note.topics.all()] == ["lopande-aterkoppling"]
    journey.finish()
