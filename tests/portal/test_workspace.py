"""Arbetsyta, the staff home: what waits for this staff member, each with a count and a link."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Note, Summary
from tests import factories
from workshops.models import Registration

pytestmark = pytest.mark.django_db

URL = reverse("portal:workspace")


def _fill(size: int, *, me, colleague):
    """``size`` of each thing Arbetsyta counts, plus the next workshop with registrations."""
    now = timezone.now()
    workshop = factories.WorkshopFactory(
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
        capacity=size,
    )
    factories.NoteFactory.create_batch(size, workshop=workshop, status=Note.Status.PENDING)
    factories.NoteFactory.create_batch(size, workshop=workshop, status=Note.Status.PUBLISHED)
    themes = [factories.theme(s) for s in ("service-och-leverans", "forstaelse-och-relation", "samarbete")]
    for i in range(size):
        factories.SummaryFactory(
            workshop=factories.WorkshopFactory() if i >= 3 else workshop,
            theme=themes[i % 3],
            status=Summary.Status.IN_REVIEW,
            last_edited_by=colleague,
            last_edited_at=now,
        )
    factories.SummaryFactory(status=Summary.Status.IN_REVIEW, last_edited_by=me, last_edited_at=now)
    conference = factories.ConferenceFactory(
        promised_feedback_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    factories.FollowUpFactory.create_batch(size, conference=conference)
    for i in range(size + 2):
        factories.RegistrationFactory(
            workshop=workshop,
            status=Registration.Status.CONFIRMED if i < size else Registration.Status.WAITLISTED,
            queued_at=now,
        )
    return workshop


def test_staff_sees_counts_and_only_reviews_of_others(client_for, staff, other_staff):
    """Counts of notes to moderate, summaries waiting for *my* check (not my own), inputs
    without a follow-up, overdue follow-ups and the next workshop's seats and waiting list."""
    workshop = _fill(4, me=staff, colleague=other_staff)
    response = client_for(staff).get(URL)
    assert response.status_code == 200
    ws = response.context["workspace"]
    assert ws.notes_to_moderate == 4
    assert ws.review_count == 4  # the one I edited last is not mine to check
    assert all(summary.last_edited_by_id == other_staff.pk for summary in ws.reviews)
    assert ws.inputs_to_link == 4  # the published notes; pending ones are not input yet
    assert (ws.overdue, ws.due_soon) == (4, 0)
    assert ws.next_workshop == workshop
    assert (ws.next_workshop.seats_taken, ws.next_workshop.seats_left, ws.next_workshop.waiting_count) == (
        4,
        0,
        2,
    )
    body = response.content.decode()
    assert "Arbetsyta" in body and reverse("workshops:registration-list", args=[workshop.slug]) in body


def test_the_colleague_sees_the_summary_i_sent(client_for, staff, other_staff):
    """The last editor's summary waits on the colleague's Arbetsyta, never on the editor's."""
    summary = factories.SummaryFactory(status=Summary.Status.IN_REVIEW, last_edited_by=staff)
    assert client_for(staff).get(URL).context["workspace"].review_count == 0
    shown = client_for(other_staff).get(URL)
    assert shown.context["workspace"].reviews == [summary]
    assert reverse("feedback:summary-detail", args=[summary.pk]) in shown.content.decode()


def test_empty_workspace(client_for, staff):
    """With nothing waiting every count reads 0 and no next workshop is named."""
    response = client_for(staff).get(URL)
    assert response.context["workspace"].next_workshop is None
    assert "Ingen workshop" in response.content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_workspace_query_count(client_for, staff, other_staff, django_assert_num_queries, size):
    """Session, user, roles, site settings, the nav's inbox count, then pending notes,
    reviews shown, review count, my summaries sent back and checked, inputs to link, due follow-ups,
    next workshop: the same at both sizes."""
    _fill(size, me=staff, colleague=other_staff)
    client = client_for(staff)
    client.get(URL)
    with django_assert_num_queries(13):
        assert client.get(URL).status_code == 200
