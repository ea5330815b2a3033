"""Journey 2: staff of näringslivsenheten, from a new workshop to published feedback.

Every staff step goes through the browser, in the portal's own pages (staff never open the
admin); only the business owner's note that staff moderate is sent through the service.
Swedish on a desktop and English on a phone.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Note, Summary
from feedback.services import notes as note_services
from followups import services as followup_services
from followups.models import FollowUp
from tests import factories
from tests.browser.journeys.conftest import matrix
from workshops.models import Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "staff"
TITLE = "Frukost om service"
PAPER_NOTES = [
    "Öppet en kväll i veckan på bygglov.",
    "Svara i telefon inom en dag.",
    "Berätta var ärendet står under handläggningen.",
    "En lots för nya företag.",
    "Fler träffar som den här.",
]
OWNER_NOTE = "Kontaktcenter borde kunna slussa oss rätt direkt."
POINT = "Företagen vill få besked under handläggningen och nå kommunen på kvällen."
DECISION = "Handläggarna ger besked varannan vecka."
FEEDBACK = "Från mars får du besked om ditt ärende varannan vecka."


@pytest.fixture
def world(db):
    """Two staff members, a business owner, and this year's conference with one follow-up."""
    staff = factories.StaffFactory(full_name="Sara Tjänsteperson")
    checker = factories.StaffFactory(full_name="Johan Granskare")
    owner = factories.BusinessOwnerFactory(full_name="Karin Företagare")
    year = timezone.localdate().year
    conference = followup_services.conference_create(
        actor=staff,
        year=year,
        title=f"Näringslivsrådets konferens {year}",
        slug=f"naringslivsradets-konferens-{year}",
        starts_on=timezone.localdate() + datetime.timedelta(days=20),
        ends_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    existing = followup_services.followup_create(
        actor=staff, conference=conference, title="Samarbete med företagarföreningarna"
    )
    return {
        "staff": staff,
        "checker": checker,
        "owner": owner,
        "conference": conference,
        "existing": existing,
    }


def create_workshop_in_portal(journey, page):
    """Add a published workshop with two table groups through the portal's workshop form."""
    _ = journey._
    journey.nav(_("Workshops"), "workshops-manage")
    page.get_by_role("link", name=_("New workshop")).click()
    journey.check("workshop-new")
    today = timezone.localdate()
    form = page.locator("main form.workshop-form")
    form.get_by_label(journey.field_label(Workshop, "title")).fill(TITLE)
    form.get_by_label(journey.field_label(Workshop, "starts_at")).fill(f"{today.isoformat()}T08:00")
    form.get_by_label(journey.field_label(Workshop, "ends_at")).fill(f"{today.isoformat()}T10:00")
    form.get_by_label(journey.field_label(Workshop, "venue")).fill("Kommunhus Nödinge")
    form.get_by_label(journey.field_label(Workshop, "host")).fill("Näringslivsenheten")
    form.get_by_label(journey.field_label(Workshop, "notes_open_until")).fill(
        f"{(today + datetime.timedelta(days=14)).isoformat()}T23:00"
    )
    form.get_by_label(journey.field_label(Workshop, "status")).select_option("published")
    form.get_by_label(_("Table group %(number)s", number=1)).fill("Bord 1")
    form.get_by_label(_("Table group %(number)s", number=2)).fill("Bord 2")
    journey.check("workshop-filled")
    form.get_by_role("button", name=_("Save"), exact=True).click()
    journey.check("workshop-saved")
    workshop = Workshop.objects.get(slug="frukost-om-service")
    assert [g.name for g in workshop.groups.order_by("order", "name")] == ["Bord 1", "Bord 2"]
    return workshop


@pytest.mark.parametrize("journey", matrix(full=False), indirect=True)
def test_staff_run_a_workshop_from_notes_to_published_feedback(journey, world):
    """A staff member creates a workshop with two groups in the portal, transcribes five paper
    notes in one go, publishes a business owner's note from the moderation queue, writes a
    themed summary citing notes and asks for a check; a colleague checks and publishes it; the
    staff member triages the inbox into a new follow-up and an existing one on the conference,
    moves the new one to decided and publishes its feedback. Every page passes axe, logs no
    console error and is valid HTML."""
    _, page = journey._, journey.page
    journey.start()
    journey.sign_in(world["staff"], "staff")
    workshop = create_workshop_in_portal(journey, page)

    journey.open(workshop.get_absolute_url(), "workshop")
    page.get_by_role("link", name=_("Transcribe paper notes")).click()
    journey.check("transcribe")
    page.get_by_label(journey.label("Discussion group")).select_option(label="Bord 1")
    service = journey.tag_name(factories.theme("service-och-leverans"))
    for number, text in enumerate(PAPER_NOTES, start=1):
        row = page.locator(f"#row-{number}")
        row.get_by_label(journey.label("Note text")).fill(text)
        row.get_by_role("group", name=_("Themes")).get_by_label(service).check()
    journey.check("transcribe-filled")
    page.get_by_role("button", name=_("Save the notes")).click()
    journey.check("transcribed")
    assert Note.objects.filter(workshop=workshop, source=Note.Source.PAPER).count() == 5

    owner_note = note_services.note_submit(
        workshop=workshop,
        author=world["owner"],
        text=OWNER_NOTE,
        kind=Note.Kind.SUGGESTION,
        themes=[factories.theme("service-och-leverans")],
        topics=[factories.topic("kontaktcenter")],
    )
    journey.nav(_("Moderation"), "moderation")
    queued = page.locator("li, article, .card", has_text=OWNER_NOTE).last
    queued.get_by_role("button", name=re.compile("^" + re.escape(_("Publish")))).click()
    journey.check("moderated")
    expect(page.get_by_text(_("The note is published."))).to_be_visible()
    owner_note.refresh_from_db()
    assert owner_note.status == Note.Status.PUBLISHED

    journey.nav(_("Summaries"), "summaries")
    page.get_by_role("link", name=_("New summary")).click()
    journey.check("summary-new")
    page.get_by_label(journey.label("Workshop", same=True)).select_option(label=TITLE)
    page.get_by_label(journey.label("Theme")).select_option(label=service)
    page.get_by_label(journey.label("Introduction")).fill("Det här hörde vi om service och leverans.")
    page.get_by_role("button", name=_("Create draft")).click()
    journey.check("summary-editor")
    page.get_by_label(journey.label("Point")).first.fill(POINT)
    for text in (PAPER_NOTES[1], PAPER_NOTES[2], OWNER_NOTE):
        page.locator(".summary-point-form").first.get_by_label(text).check()
    page.get_by_role("button", name=_("Save"), exact=True).click()
    journey.check("summary-saved")
    expect(page.get_by_text(_("The summary was saved."))).to_be_visible()
    page.get_by_role("button", name=_("Ask for a check")).click()
    journey.check("summary-in-review")

    colleague = journey.actor("checker")
    journey.open("/", "checker-home", colleague)
    journey.sign_in(world["checker"], "checker", colleague)
    journey.nav(_("Summaries"), "checker-summaries", colleague)
    colleague.get_by_role("link", name=service).click()
    journey.check("checker-summary", colleague)
    colleague.get_by_role("button", name=_("I have checked it: publish")).click()
    journey.check("checker-published", colleague)
    summary = Summary.objects.get(workshop=workshop)
    assert summary.status == Summary.Status.PUBLISHED and summary.checked_by == world["checker"]

    journey.nav(re.compile("^" + re.escape(_("Inbox"))), "inbox")
    for text in PAPER_NOTES[:3]:
        page.get_by_label(text).check()
    page.get_by_role("button", name=_("New follow-up from these")).click()
    journey.check("followup-new")
    page.get_by_label(journey.field_label(FollowUp, "conference")).select_option(
        label=world["conference"].title
    )
    page.get_by_label(journey.field_label(FollowUp, "title")).fill("Besked under handläggningen")
    page.get_by_label(journey.field_label(FollowUp, "theme")).select_option(label=service)
    page.get_by_role("button", name=_("Create the follow-up")).click()
    journey.check("followup-created")
    journey.nav(re.compile("^" + re.escape(_("Inbox"))), "inbox-rest")
    for text in [*PAPER_NOTES[3:], OWNER_NOTE]:
        page.get_by_label(text).check()
    page.get_by_label(journey.label("Follow-up")).select_option(
        label=f"{world['conference'].year}: {world['existing'].title}"
    )
    page.get_by_role("button", name=_("Link to the follow-up")).click()
    journey.check("inbox-linked")
    expect(page.get_by_text(_("No notes wait here."))).to_be_visible()
    assert world["existing"].notes.count() == 3

    journey.nav(_("Follow-ups"), "conferences")
    page.get_by_role("link", name=_("Board for %(title)s", title=world["conference"].title)).click()
    journey.check("board")
    page.get_by_role("link", name="Besked under handläggningen").first.click()
    journey.check("followup")
    if page.get_by_role("link", name=_("Manage"), exact=True).count():
        page.get_by_role("link", name=_("Manage"), exact=True).click()
        journey.check("followup-manage")
    for status in (FollowUp.Status.ON_AGENDA, FollowUp.Status.DISCUSSED):
        page.get_by_role("button", name=_("Move to “%(status)s”", status=journey.label_of(status))).click()
        journey.check(f"moved-{status}")
    page.get_by_role(
        "link", name=_("Move to “%(status)s”", status=journey.label_of(FollowUp.Status.DECIDED))
    ).click()
    journey.check("decide")
    page.get_by_label(journey.label("Decision")).fill(DECISION)
    page.get_by_role("button", name=_("Move"), exact=True).click()
    journey.check("decided")
    published = journey.label_of(FollowUp.Status.FEEDBACK_PUBLISHED)
    page.get_by_role("link", name=_("Move to “%(status)s”", status=published)).click()
    journey.check("publish-feedback")
    page.get_by_label(journey.label("Feedback to publish")).fill(FEEDBACK)
    page.get_by_role("button", name=_("Move"), exact=True).click()
    journey.check("feedback-published")
    expect(page.locator(".alert")).to_contain_text(published)
    followup = FollowUp.objects.get(title="Besked under handläggningen")
    assert followup.status == FollowUp.Status.FEEDBACK_PUBLISHED and followup.notes.count() == 3
    journey.finish()
