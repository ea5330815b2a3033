"""The demo: the 2017 lunch's three themed summaries, checked on 8 November 2017, with cited notes."""

import datetime

import pytest
from django.core.management import call_command

from feedback.models import Disagreement, Summary, SummaryRevision

pytestmark = pytest.mark.django_db


def test_demo_has_three_checked_published_summaries_citing_notes(client_for):
    """Each of the three themes has a published summary written by the demo staff member and
    checked by the demo reviewer on 8 November 2017 through the summaries' own flow (every step a
    revision); every point cites notes; loading twice changes nothing; the workshop page shows them."""
    call_command("load_demo", force=True)
    counts = (Summary.objects.count(), SummaryRevision.objects.count(), Disagreement.objects.count())
    call_command("load_demo", force=True)
    assert (Summary.objects.count(), SummaryRevision.objects.count(), Disagreement.objects.count()) == counts
    summaries = Summary.objects.filter(workshop__slug="lunch-med-kommunstyrelsen-2017").select_related(
        "theme", "checked_by", "last_edited_by"
    )
    themes = {s.theme.slug for s in summaries}
    assert themes == {"service-och-leverans", "forstaelse-och-relation", "samarbete"}
    for summary in summaries:
        assert summary.status == Summary.Status.PUBLISHED
        assert summary.checked_by.email == "granskare@example.se"
        assert summary.last_edited_by.email == "naringsliv@example.se"
        assert summary.checked_at.astimezone(datetime.UTC).date() == datetime.date(2017, 11, 8)
        # Written as a draft, given its points, sent for review, checked and published.
        assert summary.revisions.count() == summary.version == 4
        assert list(summary.revisions.order_by("number").values_list("status", flat=True)) == [
            "draft",
            "draft",
            "in_review",
            "published",
        ]
        for point in summary.points.all():
            assert point.notes.filter(status="published", workshop=summary.workshop).exists()
    assert Disagreement.objects.exclude(status="withdrawn").count() == 2
    html = client_for(None).get("/workshoppar/lunch-med-kommunstyrelsen-2017/").content.decode()
    assert html.count("Sidan kontrollerades av Johan Berg den 2017-11-08") == 3
    assert "1 person håller inte med" in html
