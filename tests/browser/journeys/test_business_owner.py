"""Journey 1: a business owner, from signing up to finding the municipality's answer.

The owner's steps go through the browser; the staff's part in between (publishing the note,
the checked summary, the follow-up and its feedback) goes through the services, as the staff
journey covers those pages. Run in Swedish and English, on a desktop and on a phone.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from aleforetag.accounts.models import User
from feedback.models import Disagreement, Note
from feedback.services import notes as note_services
from feedback.services import summaries as summary_services
from followups import services as followup_services
from followups.models import FollowUp
from tests import factories
from tests.browser.journeys.conftest import matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "business-owner"
PASSWORD = "Lunch-i-Nodinge-2026"
NOTE = "Bygglovsenheten borde ha öppet en kväll i veckan, så vi hinner efter stängning."
POINT = "Företagen vill kunna nå kommunen en kväll i veckan."
OTHER_POINT = "Handläggarna hör av sig under ärendets gång."
DISAGREE = "En kväll räcker inte: vi behöver e-tjänster dygnet runt."
FEEDBACK = "Från mars har bygglov öppet till 19 varje torsdag och ansökan kan göras som e-tjänst."


@pytest.fixture
def world(db):
    """An open workshop (held yesterday, notes open a week more) with two tables, two staff
    members, and a conference this year whose promise falls on 31 January next year."""
    now = timezone.now()
    workshop = factories.WorkshopFactory(
        title="Lunch om företagsklimatet",
        slug="lunch-om-foretagsklimatet",
        starts_at=now - datetime.timedelta(days=1, hours=2),
        ends_at=now - datetime.timedelta(days=1),
        notes_open_until=now + datetime.timedelta(days=7),
        pre_moderation=True,
    )
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", order=1)
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 2", order=2)
    factories.NoteFactory(workshop=workshop, text="Svara snabbare i telefon.", themes=[factories.theme()])
    writer = factories.StaffFactory(full_name="Sara Tjänsteperson")
    checker = factories.StaffFactory(full_name="Johan Granskare")
    year = timezone.localdate().year
    conference = followup_services.conference_create(
        actor=writer,
        workshops=[workshop],
        year=year,
        title=f"Näringslivsrådets konferens {year}",
        slug=f"naringslivsradets-konferens-{year}",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    return {"workshop": workshop, "writer": writer, "checker": checker, "conference": conference}


def staff_publish_note_and_summary(world, note: Note):
    """Staff publish the owner's note and a checked summary with two points, one citing it."""
    note_services.note_publish(actor=world["writer"], note=note)
    summary = summary_services.summary_create(
        workshop=world["workshop"],
        theme=factories.theme(),
        introduction="Det här hörde vi om service och leverans.",
        editor=world["writer"],
    )
    points = [
        summary_services.PointInput(text=POINT, order=1, note_ids=[note.pk]),
        summary_services.PointInput(text=OTHER_POINT, order=2),
    ]
    summary = summary_services.summary_save(
        summary=summary,
        editor=world["writer"],
        expected_version=1,
        introduction=summary.introduction,
        points=points,
    )
    summary = summary_services.summary_submit_for_review(
        summary=summary, actor=world["writer"], expected_version=summary.version
    )
    summary_services.summary_check_and_publish(
        summary=summary, checker=world["checker"], expected_version=summary.version
    )


def staff_answer(world, disagreement: Disagreement, note: Note) -> FollowUp:
    """Staff take the note and the disagreement to the conference and publish the feedback."""
    staff = world["writer"]
    followup = followup_services.followup_create(
        actor=staff,
        conference=world["conference"],
        title="Kvällsöppet och e-tjänst för bygglov",
        theme=factories.theme(),
        notes=[note],
        disagreements=[disagreement],
    )
    steps = [
        (FollowUp.Status.ON_AGENDA, {}),
        (FollowUp.Status.DISCUSSED, {}),
        (FollowUp.Status.DECIDED, {"decision": "Bygglov får kvällsöppet och en e-tjänst."}),
        (FollowUp.Status.FEEDBACK_PUBLISHED, {"feedback_text": FEEDBACK}),
    ]
    for status, texts in steps:
        followup = followup_services.followup_move(
            actor=staff, followup=followup, to_status=status, expected_version=followup.version, **texts
        )
    return followup


@pytest.mark.parametrize("journey", matrix(full=True), indirect=True)
def test_business_owner_signs_up_gives_input_disagrees_and_finds_the_answer_on_time(journey, world):
    """A business owner signs up, confirms the address through the e-mailed link, finds the
    open workshop, leaves a note with two themes and a topic, reads the checked summary,
    disagrees with the other point and, once staff publish feedback, finds it on Mitt
    inflytande marked on time, with one e-mail about it. Every page passes axe, logs no
    console error and is valid HTML."""
    _, page, workshop = journey._, journey.page, world["workshop"]
    email = f"karin.{journey.lang}.{journey.viewport}@example.se"
    journey.start()

    journey.nav(_("Create account"), "sign-up")
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Create an account for business owners"))
    form = page.locator("main form")
    form.get_by_label(journey.label("Your name")).fill("Karin Företagare")
    form.get_by_label(journey.label("E-mail address")).fill(email)
    form.get_by_label(journey.label("Company or organisation")).fill("Karins Kakel AB")
    form.get_by_label(journey.label("Password")).fill(PASSWORD)
    form.get_by_label(journey.label("Password again")).fill(PASSWORD)
    form.get_by_role("button", name=_("Create account")).click()
    journey.check("sign-up-done")

    (confirmation,) = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"https?://\S+/konto/bekrafta/\S+", confirmation.body).group(0)
    journey.open(re.sub(r"^https?://[^/]+", "", link), "confirm-email")
    page.get_by_role("button", name=_("Confirm my e-mail address")).click()
    journey.check("confirmed")
    expect(page.get_by_text(_("Your e-mail address is confirmed. You can sign in now."))).to_be_visible()
    journey.fill_sign_in(email, PASSWORD)
    journey.became(page, "business-owner")
    journey.check("signed-in")
    owner = User.objects.get(email=email)

    journey.nav(_("Workshops"), "workshops")
    page.get_by_role("link", name=workshop.title).click()
    journey.check("workshop")
    page.get_by_role("link", name=_("Leave a note")).click()
    journey.check("note-form")
    page.get_by_label(journey.label("Your discussion group")).select_option(label="Bord 2")
    page.get_by_label(journey.label("Your note")).fill(NOTE)
    page.get_by_label(journey.label("Kind")).select_option("problem")
    themes = page.get_by_role("group", name=_("Themes"))
    themes.get_by_label(journey.tag_name(factories.theme("service-och-leverans"))).check()
    themes.get_by_label(journey.tag_name(factories.theme("samarbete"))).check()
    page.get_by_role("group", name=_("Topics")).get_by_label(
        journey.tag_name(factories.topic("oppettider"))
    ).check()
    journey.check("note-filled")
    page.get_by_role("button", name=_("Send note")).click()
    journey.check("my-notes")
    expect(page.get_by_text(NOTE)).to_be_visible()
    note = Note.objects.get(author=owner)
    assert {t.slug for t in note.themes.all()} == {"service-och-leverans", "samarbete"}
    assert [t.slug for t in note.topics.all()] == ["oppettider"]

    staff_publish_note_and_summary(world, note)

    journey.open(workshop.get_absolute_url(), "summary-published")
    today = timezone.localdate().isoformat()
    checked = _("The page was checked by %(name)s on %(date)s", name="Johan Granskare", date=today)
    expect(page.get_by_text(checked).first).to_be_visible()
    point = page.locator(".summary-point", has_text=OTHER_POINT)
    point.get_by_text(_("Do you disagree?"), exact=True).click()
    point.get_by_label(journey.label("Why do you disagree?")).fill(DISAGREE)
    journey.check("disagreement-form")
    point.get_by_role("button", name=_("Send")).click()
    journey.check("disagreement-sent")
    thanks = _("Thank you. Your disagreement is recorded and will be taken to the follow-up.")
    expect(page.get_by_text(thanks)).to_be_visible()
    disagreement = Disagreement.objects.get(author=owner)
    assert disagreement.point.text == OTHER_POINT

    mail.outbox.clear()
    staff_answer(world, disagreement, note)

    journey.nav(_("My input"), "my-influence")
    for text in (DISAGREE, NOTE):
        card = page.locator("article", has_text=text)
        expect(card).to_contain_text("Kvällsöppet och e-tjänst för bygglov")
        expect(card.locator(".badge", has_text=_("On time"))).to_be_visible()
    (notice,) = [m for m in mail.outbox if m.to == [email]]
    assert "Kvällsöppet och e-tjänst för bygglov" in notice.subject

    page.get_by_role("link", name=re.compile("^" + re.escape(_("Read the feedback")))).click()
    journey.check("feedback")
    expect(page.get_by_text(FEEDBACK)).to_be_visible()

    journey.nav(_("My account"), "my-account")
    expect(page.get_by_text(email)).to_be_visible()
    journey.finish()
