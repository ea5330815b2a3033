"""The pages of similar notes and suggestions at 1366 px and on a phone (390 px): axe-clean,
no sideways scrolling, a screenshot of each under var/test-screenshots/ (issue 21)."""

import pytest
from playwright.sync_api import expect

from feedback.labelled_notes import CLUSTERS, labelled_notes
from feedback.models import Note, Theme, Topic
from tests import factories
from tests.browser.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", WIDTHS)
def test_similar_notes_pages_at_two_widths(live_server, browser, width):
    """The groups page (with near-duplicates), the moderation queue and transcription rows
    with suggestions, the inbox with suggested follow-ups and the editor's groups: no serious
    or critical axe finding and nothing wider than the window."""
    staff = factories.StaffFactory(full_name="Sara Tjänsteperson")
    owner = factories.BusinessOwnerFactory(full_name="Karin Företagare")
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    workshop = factories.WorkshopFactory(title="Lunch om företagsklimatet")
    for text, theme, topic, _key in labelled_notes()[:60]:
        factories.NoteFactory(workshop=workshop, text=text, themes=[themes[theme]], topics=[topics[topic]])
    factories.NoteFactory(
        workshop=workshop, text="Öppna en kväll i veckan så att vi som jobbar dagtid hinner komma"
    )
    factories.NoteFactory(
        workshop=workshop, author=owner, status=Note.Status.PENDING, text="Kvällsöppet på bygglov, tack!"
    )
    conference = factories.ConferenceFactory(year=2026, slug="konferens-2026")
    for _key, _theme, _topic, title, description, _notes in CLUSTERS[:4]:
        factories.FollowUpFactory(conference=conference, title=title, description=description)
    from feedback.services import summaries

    summary = summaries.summary_create(
        workshop=workshop,
        theme=themes["service-och-leverans"],
        introduction="Det här hörde vi.",
        editor=staff,
    )

    context = browser.new_context(viewport=WIDTHS[width], locale="sv-SE")
    page = context.new_page()
    sign_in(page, live_server, staff)

    def look(path, name, prepare=None):
        page.goto(f"{live_server.url}{path}")
        if prepare:
            prepare()
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"], path
        screenshot(page, f"similar-{name}-{width}")

    look(f"/workshoppar/{workshop.slug}/liknande-anteckningar/", "groups")
    look("/moderering/", "moderation")

    def suggest():
        page.locator('[name="rad-0-text"]').fill("Bygglov borde ha kvällsöppet en dag i veckan.")
        page.locator('#row-1 button[name="suggest"]').click()
        expect(page.locator('#row-1 button[name="accept"]').first).to_be_focused()

    look(f"/workshoppar/{workshop.slug}/anteckningar/skriv-in/", "transcription", suggest)
    page.locator("#row-1").screenshot(
        path=str(
            screenshot(page, f"similar-transcription-{width}").parent
            / f"similar-transcription-row-{width}.png"
        )
    )
    look("/uppfoljning/inkorg/", "inbox")

    def open_groups():
        page.locator(".cite-groups summary").first.click()

    look(f"/sammanfattningar/{summary.pk}/redigera/", "editor", open_groups)
    context.close()
