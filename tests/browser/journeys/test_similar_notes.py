"""Staff transcribe a paper note, accept a suggested theme with the keyboard, and cite a group
of similar notes in the summary editor in one step (issue 21).

Every page passes the journey's checks (axe, no sideways scrolling, no console error, valid
HTML, a screenshot per step). Swedish on a desktop and English on a phone.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.labelled_notes import labelled_notes
from feedback.models import Note, Summary, Theme, Topic
from feedback.services import summaries as summary_services
from tests import factories
from tests.browser.journeys.conftest import matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "similar-notes"
TYPED = "Bygglov borde ha kvällsöppet en dag i veckan."


@pytest.fixture
def world(db):
    """Staff; last year's workshop with the labelled notes, tagged; this year's workshop with
    six notes on two matters and a draft summary on their theme."""
    staff = factories.StaffFactory(full_name="Sara Tjänsteperson")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    now = timezone.now()
    earlier = factories.WorkshopFactory(title="Lunch 2017", starts_at=now - datetime.timedelta(days=400))
    workshop = factories.WorkshopFactory(
        title="Lunch om företagsklimatet",
        starts_at=now - datetime.timedelta(hours=3),
        ends_at=now - datetime.timedelta(hours=1),
    )
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", order=1)
    labelled = labelled_notes()
    for text, theme, topic, _key in labelled:
        factories.NoteFactory(workshop=earlier, text=text, themes=[themes[theme]], topics=[topics[topic]])
    for text, theme, topic, _key in labelled[1:4] + labelled[16:19]:
        factories.NoteFactory(workshop=workshop, text=text, themes=[themes[theme]], topics=[topics[topic]])
    summary = summary_services.summary_create(
        workshop=workshop,
        theme=themes["service-och-leverans"],
        introduction="Det här hörde vi.",
        editor=staff,
    )
    return {"staff": staff, "workshop": workshop, "summary": summary}


@pytest.mark.parametrize("journey", matrix(full=False), indirect=True)
def test_staff_accept_a_suggested_theme_by_keyboard_and_cite_a_group(journey, world):
    """Type a paper note, ask for suggestions, accept the first (the service theme) with
    Enter; nothing is ticked before that and nothing saved before "Save"; then in the summary
    editor cite a group of three similar notes with one button and save them as cited."""
    _, page = journey._, journey.page
    workshop, summary = world["workshop"], world["summary"]
    journey.start()
    journey.sign_in(world["staff"], "staff")

    journey.open(f"/workshoppar/{workshop.slug}/anteckningar/skriv-in/", "transcribe")
    text = page.locator('[name="rad-0-text"]')
    text.fill(TYPED)
    suggest = page.locator('#row-1 button[name="suggest"]')
    expect(suggest).to_contain_text(_("Suggest themes and topics"))
    journey.tab_to(suggest)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    service = Theme.objects.get(slug="service-och-leverans")
    accept = page.locator(f'#row-1 button[name="accept"][value="0:theme:{service.pk}"]')
    expect(accept).to_be_focused()
    expect(accept).to_contain_text(journey.tag_name(service))
    expect(text).to_have_value(TYPED)
    ticked = page.locator(f'#row-1 input[name="rad-0-themes"][value="{service.pk}"]')
    expect(ticked).not_to_be_checked()
    journey.check("suggested")
    assert not Note.objects.filter(text=TYPED).exists()
    page.keyboard.press("Enter")  # one keystroke accepts the focused suggestion
    page.wait_for_load_state()
    expect(ticked).to_be_checked()
    journey.check("accepted")
    assert not Note.objects.filter(text=TYPED).exists()
    page.get_by_role("button", name=_("Save the notes")).click()
    page.wait_for_load_state()
    journey.check("saved")
    note = Note.objects.get(text=TYPED)
    assert list(note.themes.all()) == [service]

    journey.open(f"/sammanfattningar/{summary.pk}/redigera/", "editor")
    page.locator('[name="points-0-text"]').fill("Företagen vill ha öppet på kvällen.")
    page.locator(".cite-groups summary").first.click()
    cite = page.locator(".cite-groups").first.get_by_role("button").first
    label = cite.inner_text()
    cite.click()
    page.wait_for_load_state()
    journey.check("group-cited")
    page.get_by_role("button", name=_("Save"), exact=True).click()
    page.wait_for_load_state()
    journey.check("summary-saved")
    cited = Summary.objects.get(pk=summary.pk).points.get().notes.count()
    assert cited >= 3 and str(cited) in label

    journey.open(f"/workshoppar/{workshop.slug}/liknande-anteckningar/", "groups")
    expect(page.get_by_role("heading", level=2, name=journey.tag_name(service))).to_be_visible()
    journey.finish()
