"""Journey 3: a politician reads the dashboard, filters it and downloads a table as CSV.

Swedish on a desktop and English on a phone.
"""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from feedback.models import Note
from tests import factories
from tests.browser.journeys.conftest import matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

JOURNEY = "politician"
LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def world(db):
    """Two held workshops, last year and this year, with notes of known themes and kinds."""
    politician = factories.PoliticianFactory(full_name="Anders Politiker")
    then = timezone.make_aware(datetime.datetime(LAST_YEAR, 11, 14, 11, 30))
    earlier = factories.WorkshopFactory(
        title="Lunch med kommunstyrelsen",
        starts_at=then,
        ends_at=then + datetime.timedelta(hours=2),
        notes_open_until=then + datetime.timedelta(days=7),
    )
    # Held earlier this year, whatever the date: never in last year, never in the future.
    new_year = timezone.make_aware(datetime.datetime(LAST_YEAR + 1, 1, 1))
    held = max(timezone.now() - datetime.timedelta(hours=2), new_year)
    recent = factories.WorkshopFactory(
        title="Frukost om samarbete", starts_at=held, ends_at=held + datetime.timedelta(hours=2)
    )
    service, together = factories.theme("service-och-leverans"), factories.theme("samarbete")
    for workshop, theme, kind, count in [
        (earlier, service, Note.Kind.SUGGESTION, 3),
        (earlier, together, Note.Kind.PROBLEM, 1),
        (earlier, together, Note.Kind.SUGGESTION, 2),
        (recent, together, Note.Kind.PRAISE, 4),
    ]:
        for _ in range(count):
            factories.NoteFactory(workshop=workshop, themes=[theme], kind=kind)
    return {"politician": politician, "together": together}


@pytest.mark.parametrize("journey", matrix(full=False), indirect=True)
def test_politician_filters_the_dashboard_and_reads_a_table_as_csv(journey, world):
    """A politician signs in, opens the dashboard, chooses last year and the theme
    collaboration, and downloads the notes-by-kind table: an Excel-friendly CSV (UTF-8 with a
    byte-order mark, semicolons) whose rows are the figures the page shows. Every page passes
    axe, logs no console error and is valid HTML."""
    _, page = journey._, journey.page
    journey.start()
    journey.sign_in(world["politician"], "politician")
    journey.nav(_("Dashboard"), "dashboard")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _("Dashboard: the dialogue with business owners")
    )

    page.get_by_label(journey.label("Year")).select_option(str(LAST_YEAR))
    page.get_by_role("button", name=_("Show"), exact=True).click()
    journey.check("dashboard-last-year")
    themes = page.get_by_role("table", name=_("Published notes by theme"))
    expect(themes.get_by_role("row", name=journey.tag_name(world["together"]))).to_contain_text("3")

    page.get_by_label(journey.label("Theme")).select_option(label=journey.tag_name(world["together"]))
    page.get_by_role("button", name=_("Show"), exact=True).click()
    journey.check("dashboard-last-year-collaboration")
    expect(page.locator(".dashboard-selection")).to_contain_text(journey.tag_name(world["together"]))
    kinds_caption = _("Published notes by kind")
    kinds = page.get_by_role("table", name=kinds_caption)
    expect(kinds.get_by_role("row", name=journey.label_of(Note.Kind.SUGGESTION))).to_contain_text("2")

    with page.expect_download() as download:
        # The caption is in a visually hidden span (absolutely placed, so it counts as a block).
        link = re.compile(rf"{re.escape(_('Download as CSV'))}\s*:\s*{re.escape(kinds_caption)}")
        page.get_by_role("link", name=link).click()
    # Named in the reader's language: oversikt-2016-samarbete-publicerade-anteckningar-per-typ.csv
    # in Swedish, dashboard-2016-collaboration-published-notes-by-kind.csv in English.
    parts = (_("dashboard"), LAST_YEAR, journey.tag_name(world["together"]), kinds_caption)
    expected = "-".join(slugify(part) for part in parts)
    assert download.value.suggested_filename == f"{expected}.csv"
    raw = download.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, as Excel wants it
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [_("Kind"), _("Notes")]
    counts = {kind: int(number) for kind, number in rows[1:]}
    assert counts[journey.label_of(Note.Kind.SUGGESTION)] == 2
    assert counts[journey.label_of(Note.Kind.PROBLEM)] == 1
    assert sum(counts.values()) == 3  # this year's praise and last year's service notes are not in it
    journey.finish()
