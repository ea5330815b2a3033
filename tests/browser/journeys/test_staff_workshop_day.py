"""Journey: staff run a whole workshop day in the portal, never opening the admin.

A staff member copies last year's workshop, adds three table groups and publishes it; a
business owner registers; staff cancel another person's registration and the waiting list
moves up; staff transcribe 25 paper notes across two table groups; a summary is sent for a
check; the second staff member finds it on Arbetsyta and publishes it. Every page passes
axe, scrolls not sideways at 390 px, logs no console error and is valid HTML. Swedish on a
desktop and English on a phone.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from feedback.models import Note, Summary, Topic
from tests import factories
from tests.browser.journeys.conftest import matrix
from workshops.models import Registration, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "staff-workshop-day"
LAST_YEAR = "Lunchworkshop om service"
TITLE = "Lunchworkshop om service, uppföljning"
GROUPS = ["Bygglov", "Upphandling", "Kontaktcenter"]
POINT = "Företagen vill nå kommunen på kvällen och få besked under handläggningen."


@pytest.fixture
def world(db):
    staff = factories.StaffFactory(full_name="Sara Tjänsteperson")
    checker = factories.StaffFactory(full_name="Johan Granskare")
    owner = factories.BusinessOwnerFactory(full_name="Karin Företagare")
    start = timezone.now() - datetime.timedelta(days=300)
    last_year = factories.WorkshopFactory(
        title=LAST_YEAR,
        slug="lunchworkshop-om-service",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        notes_open_until=start + datetime.timedelta(days=14),
        capacity=2,
        registration_open=True,
        venue="Kommunhus Nödinge",
    )
    return {"staff": staff, "checker": checker, "owner": owner, "last_year": last_year}


def copy_and_publish(journey, page, world) -> Workshop:
    _ = journey._
    journey.nav(_("Workshops"), "workshops-manage")
    page.get_by_role("link", name=re.compile("^" + re.escape(_("Copy")) + f".*{LAST_YEAR}$")).click()
    journey.check("workshop-copy")
    form = page.locator("main form.workshop-form")
    form.get_by_label(journey.field_label(Workshop, "title")).fill(TITLE)
    expect(form.get_by_label(journey.field_label(Workshop, "venue"))).to_have_value("Kommunhus Nödinge")
    for number, name in enumerate(GROUPS, start=1):
        form.get_by_label(_("Table group %(number)s", number=number)).fill(name)
        form.get_by_label(_("Table host")).nth(number - 1).select_option(label="Sara Tjänsteperson")
    journey.check("workshop-copy-filled")
    form.get_by_role("button", name=_("Save"), exact=True).click()
    journey.check("workshop-saved")
    workshop = Workshop.objects.get(title=TITLE)
    assert workshop.status == Workshop.Status.DRAFT and workshop.pk != world["last_year"].pk
    assert [g.name for g in workshop.groups.order_by("order")] == GROUPS
    page.get_by_role("button", name=_("Publish the workshop")).click()
    journey.check("workshop-published")
    workshop.refresh_from_db()
    assert workshop.status == Workshop.Status.PUBLISHED
    world["last_year"].refresh_from_db()
    assert world["last_year"].title == LAST_YEAR and world["last_year"].groups.count() == 0
    return workshop


def transcribe(journey, page, workshop, group: str, texts: list[str], *, next_group: bool):
    _ = journey._
    service = journey.tag_name(factories.theme("service-och-leverans"))
    for number, text in enumerate(texts, start=1):
        row = page.locator(f"#row-{number}")
        row.get_by_label(journey.label("Note text")).fill(text)
        row.get_by_role("group", name=_("Themes")).get_by_label(service).check()
    expect(page.get_by_label(journey.label("Discussion group"))).to_have_value(
        str(workshop.groups.get(name=group).pk)
    )
    journey.check(f"transcribe-{group}-filled")
    name = _("Save and continue with the next group") if next_group else _("Save the notes")
    page.get_by_role("button", name=name).click()
    journey.check(f"transcribed-{group}")


@pytest.mark.parametrize("journey", matrix(full=False), indirect=True)
def test_staff_run_a_workshop_day_in_the_portal(journey, world):
    """From a copy of last year's workshop to a checked summary, every step in the browser."""
    _, page = journey._, journey.page
    journey.start()
    journey.sign_in(world["staff"], "staff")
    journey.nav(_("Workspace"), "workspace")
    workshop = copy_and_publish(journey, page, world)

    # Someone registered earlier; the business owner takes the last seat; a third waits.
    earlier = factories.RegistrationFactory(workshop=workshop, name="Anna Tidig", email="anna@example.se")
    owner_page = journey.actor("owner")
    journey.open("/", "owner-home", owner_page)
    journey.sign_in(world["owner"], "owner", owner_page)
    journey.open(workshop.get_absolute_url(), "owner-workshop", owner_page)
    owner_page.locator("main").get_by_role("link", name=_("Register"), exact=True).click()
    journey.check("owner-register", owner_page)
    owner_page.locator("main form").get_by_role("button", name=_("Register"), exact=True).click()
    journey.check("owner-registered", owner_page)
    assert Registration.objects.get(workshop=workshop, user=world["owner"]).status == "confirmed"
    waiting = factories.RegistrationFactory(
        workshop=workshop,
        name="Vera Väntande",
        email="vera@example.se",
        status=Registration.Status.WAITLISTED,
    )

    journey.open(f"/workshoppar/{workshop.slug}/redigera/", "workshop-edit")
    page.locator("main").get_by_role("link", name=_("Registrations"), exact=True).first.click()
    journey.check("registrations")
    mail.outbox.clear()
    with translation.override(journey.lang):
        cancel = translation.pgettext("registration", "Cancel")
    page.get_by_role("link", name=re.compile(f"^{cancel}.*Anna Tidig$")).click()
    journey.check("registration-cancel")
    page.get_by_role("button", name=_("Cancel the registration")).click()
    journey.check("registration-cancelled")
    earlier.refresh_from_db()
    waiting.refresh_from_db()
    assert earlier.status == "cancelled" and waiting.status == "confirmed"
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "vera@example.se"]
    page.get_by_role("link", name=_("Kitchen list")).click()
    journey.check("kitchen")

    # A topic the day needs, added without the admin.
    collaboration = factories.theme("samarbete")
    journey.nav(_("Themes and topics"), "themes")
    page.get_by_role("link", name=_("New topic under %(name)s", name=collaboration.name_sv)).click()
    journey.check("topic-new")
    page.get_by_label(journey.field_label(Topic, "name_sv")).fill("Lärlingsplatser")
    page.get_by_label(journey.field_label(Topic, "name_en")).fill("Apprenticeships")
    page.get_by_role("button", name=_("Save"), exact=True).click()
    journey.check("topic-added")
    assert Topic.objects.get(name_sv="Lärlingsplatser").theme == collaboration

    journey.open(f"/workshoppar/{workshop.slug}/anteckningar/skriv-in/", "transcribe")
    page.get_by_label(journey.label("Discussion group")).select_option(label=GROUPS[0])
    page.get_by_role("button", name=_("More rows (what you typed stays)")).click()
    journey.check("transcribe-more-rows")
    transcribe(
        journey,
        page,
        workshop,
        GROUPS[0],
        [f"Lapp {n} från bygglovsbordet." for n in range(1, 21)],
        next_group=True,
    )
    transcribe(
        journey,
        page,
        workshop,
        GROUPS[1],
        [f"Lapp {n} om upphandling." for n in range(1, 6)],
        next_group=False,
    )
    notes = Note.objects.filter(workshop=workshop, source=Note.Source.PAPER)
    assert notes.count() == 25 and notes.filter(group__name=GROUPS[1]).count() == 5

    service = journey.tag_name(factories.theme("service-och-leverans"))
    journey.nav(_("Summaries"), "summaries")
    page.get_by_role("link", name=_("New summary")).click()
    journey.check("summary-new")
    page.get_by_label(journey.field_label(Summary, "workshop")).select_option(label=TITLE)
    page.get_by_label(journey.field_label(Summary, "theme")).select_option(label=service)
    page.get_by_label(journey.label("Introduction")).fill("Det här hörde vi om service.")
    page.get_by_role("button", name=_("Create draft")).click()
    journey.check("summary-editor")
    page.get_by_label(journey.label("Point")).first.fill(POINT)
    page.locator(".summary-point-form").first.get_by_label("Lapp 1 från bygglovsbordet.").check()
    page.get_by_role("button", name=_("Save"), exact=True).click()
    journey.check("summary-saved")
    mail.outbox.clear()
    page.get_by_role("button", name=_("Ask for a check")).click()
    journey.check("summary-in-review")
    assert [m.to[0] for m in mail.outbox] == [world["checker"].email]

    colleague = journey.actor("checker")
    journey.open("/", "checker-home", colleague)
    journey.sign_in(world["checker"], "checker", colleague)
    journey.nav(_("Workspace"), "checker-workspace", colleague)
    colleague.locator("main").get_by_role("link", name=f"{TITLE} – {service}").click()
    journey.check("checker-summary", colleague)
    colleague.get_by_role("button", name=_("I have checked it: publish")).click()
    journey.check("checker-published", colleague)
    summary = Summary.objects.get(workshop=workshop)
    assert summary.status == Summary.Status.PUBLISHED and summary.checked_by == world["checker"]
    journey.finish()
