"""Journey: a business owner never needs an e-mail to find anything of theirs.

A visitor registers for a workshop, then signs up with the same address, finds the booking on
Mina sidor and on the workshop page, leaves a note; staff publish it (through the service, as
the staff journey covers that page); the owner sees the unread count in the menu and the
notice on Mina sidor, marks it read, changes the password and signs in again with the new one.
Every page passes axe and does not scroll sideways; run in Swedish and English, on a desktop
and on a phone (390 px).
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from aleforetag.accounts.models import User
from feedback.models import Note
from feedback.services import notes as note_services
from tests import factories
from tests.browser.journeys.conftest import matrix
from workshops.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "my-pages"
PASSWORD = "Frukost-i-Alafors-2026"
NEW_PASSWORD = "Kvallsmote-i-Nodinge-2027"
NOTE = "Skyltningen till industriområdet behöver ses över, kunderna hittar inte fram."


@pytest.fixture
def world(db):
    """A coming workshop open for registration and for notes, with one table group, and a
    member of staff to publish notes."""
    now = timezone.now()
    workshop = factories.WorkshopFactory(
        title="Frukostmöte om skyltning",
        slug="frukostmote-om-skyltning",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=2),
        notes_open_until=now + datetime.timedelta(days=20),
        registration_open=True,
        capacity=30,
        pre_moderation=True,
    )
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", order=1)
    return {"workshop": workshop, "staff": factories.StaffFactory(full_name="Sara Tjänsteperson")}


def _link(address: str, marker: str) -> str:
    message = [m for m in mail.outbox if m.to == [address]][-1]
    link = re.search(rf"https?://\S*{marker}\S*", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", link)


@pytest.mark.parametrize("journey", matrix(full=False), indirect=True)
def test_a_visitor_becomes_an_owner_who_finds_everything_on_my_pages(journey, world):
    _, page, workshop = journey._, journey.page, world["workshop"]
    email = f"vera.{journey.lang}.{journey.viewport}@example.se"
    journey.start()

    # A visitor registers and confirms through the e-mailed link.
    journey.open(workshop.get_absolute_url(), "workshop-visitor")
    page.get_by_role("link", name=_("Register"), exact=True).click()
    journey.check("registration-form")
    form = page.locator("main form")
    form.get_by_label(journey.label("Your name")).fill("Vera Besökare")
    form.get_by_label(journey.label("Your e-mail address")).fill(email)
    form.get_by_role("button", name=_("Register")).click()
    journey.check("registration-sent")
    journey.open(_link(email, "/anmalan/bekrafta/"), "registration-confirm")
    page.get_by_role("button", name=_("Confirm my registration")).click()
    journey.check("registration-confirmed")
    registration = Registration.objects.get(email=email)
    assert (registration.status, registration.user_id) == (Registration.Status.CONFIRMED, None)

    # She signs up with the same address, confirms it and signs in.
    journey.nav(_("Create account"), "sign-up")
    form = page.locator("main form")
    form.get_by_label(journey.label("Your name")).fill("Vera Besökare")
    form.get_by_label(journey.label("E-mail address")).fill(email)
    form.get_by_label(journey.label("Password")).fill(PASSWORD)
    form.get_by_label(journey.label("Password again")).fill(PASSWORD)
    form.get_by_role("button", name=_("Create account")).click()
    journey.check("sign-up-done")
    journey.open(_link(email, "/konto/bekrafta/"), "confirm-email")
    page.get_by_role("button", name=_("Confirm my e-mail address")).click()
    journey.check("confirmed")
    journey.fill_sign_in(email, PASSWORD)
    journey.became(page, "business-owner")
    journey.check("signed-in")
    owner = User.objects.get(email=email)
    registration.refresh_from_db()
    assert registration.user_id == owner.pk  # the booking made before the account is hers

    # Mina sidor shows the booking; so does the workshop page, instead of the register button.
    journey.nav(_("My pages"), "my-pages")
    booking = page.locator(".my-registration", has_text=workshop.title)
    expect(booking).to_contain_text(_("You are registered"))
    expect(
        booking.get_by_role("link", name=re.compile("^" + re.escape(_("Cancel registration"))))
    ).to_be_visible()
    expect(page.locator(".unread-notices")).to_have_count(0)
    booking.get_by_role("link", name=workshop.title, exact=True).click()
    journey.check("workshop-registered")
    section = page.locator(".registration-section")
    expect(section).to_contain_text(_("You are registered"))
    expect(section.get_by_role("link", name=_("Register"), exact=True)).to_have_count(0)

    # She leaves a note; staff publish it.
    page.get_by_role("link", name=_("Leave a note")).click()
    journey.check("note-form")
    page.get_by_label(journey.label("Your note")).fill(NOTE)
    page.get_by_role("group", name=_("Themes")).get_by_label(
        journey.tag_name(factories.theme("service-och-leverans"))
    ).check()
    page.get_by_role("button", name=_("Send note")).click()
    journey.check("my-notes")
    note = Note.objects.get(author=owner)
    note_services.note_publish(actor=world["staff"], note=note)

    # The menu counts the notice; Mina sidor shows it; marking it read clears the count.
    journey.open(workshop.get_absolute_url(), "workshop-with-notice")
    badge = journey.menu().locator(".unread-notices")
    expect(badge).to_contain_text("1")
    # The count is part of the link's name, for screen readers: "Mina sidor 1 oläst meddelande".
    journey.nav(re.compile("^" + re.escape(_("My pages"))), "my-pages-notice")
    notice = page.locator(".notices li").first
    expect(notice).to_contain_text(_("Your note from “%(title)s” has been published.", title=workshop.title))
    expect(page.locator(".unread-count")).to_contain_text(_("You have %(count)s unread notice.", count=1))
    expect(page.locator("main")).to_contain_text(journey.label_of(Note.Status.PUBLISHED))
    page.get_by_role("button", name=_("Mark all as read")).click()
    journey.check("notices-read")
    expect(journey.menu().locator(".unread-notices")).to_have_count(0)
    expect(page.locator(".unread-count")).to_have_count(0)

    # She changes her password and signs in again with the new one.
    journey.nav(_("My account"), "my-account")
    page.get_by_role("link", name=_("Change password")).click()
    journey.check("password-change")
    form = page.locator("main form")
    form.get_by_label(journey.label("Old password")).fill(PASSWORD)
    form.get_by_label(journey.label("New password")).fill(NEW_PASSWORD)
    form.get_by_label(journey.label("New password confirmation")).fill(NEW_PASSWORD)
    form.get_by_role("button", name=_("Change password")).click()
    journey.check("password-changed")
    expect(page.get_by_text(_("Your password is changed."))).to_be_visible()
    sign_out = re.compile("^" + re.escape(_("Sign out %(name)s", name="")))
    journey.menu_item(sign_out, role="button").click()
    journey.check("signed-out")
    journey.sign_in(owner, "business-owner", password=NEW_PASSWORD)
    journey.nav(_("My pages"), "my-pages-again")
    expect(page.locator(".my-registration", has_text=workshop.title)).to_contain_text(_("You are registered"))
    journey.finish()
