"""The summary services: four eyes, no lost updates, one history entry per save, audit."""

import pytest
from django.core.exceptions import ValidationError

from aleforetag.core.models import AuditEntry
from feedback.models import Disagreement, Summary, SummaryRevision
from feedback.services import summaries as services
from tests import factories

from .summary_helpers import draft_summary, published_summary

pytestmark = pytest.mark.django_db


def _in_review(workshop, editor):
    summary = draft_summary(workshop=workshop, editor=editor)
    return services.summary_submit_for_review(summary=summary, actor=editor, expected_version=summary.version)


def test_last_editor_cannot_check_own_summary(workshop, staff):
    """The staff member who last edited a summary is refused when checking it; nothing changes."""
    summary = _in_review(workshop, staff)
    with pytest.raises(ValidationError):
        services.summary_check_and_publish(summary=summary, checker=staff, expected_version=summary.version)
    summary.refresh_from_db()
    assert summary.status == Summary.Status.IN_REVIEW
    assert summary.checked_by is None


def test_politician_cannot_check_summary(workshop, staff, politician):
    """A politician is refused as checker even though they did not edit the summary."""
    summary = _in_review(workshop, staff)
    with pytest.raises(ValidationError):
        services.summary_check_and_publish(
            summary=summary, checker=politician, expected_version=summary.version
        )
    summary.refresh_from_db()
    assert summary.status == Summary.Status.IN_REVIEW


def test_second_staff_member_checks_and_publishes(workshop, staff, other_staff):
    """Another staff member's check publishes the summary and records who checked it and when."""
    summary = _in_review(workshop, staff)
    summary = services.summary_check_and_publish(
        summary=summary, checker=other_staff, expected_version=summary.version
    )
    assert summary.status == Summary.Status.PUBLISHED
    assert summary.checked_by == other_staff
    assert summary.checked_at is not None and summary.published_at is not None
    assert AuditEntry.objects.filter(action="summary.check_and_publish", actor=other_staff).exists()


def test_a_draft_cannot_be_published_without_review(workshop, staff, other_staff):
    """Checking a summary that nobody asked to have checked is refused."""
    summary = draft_summary(workshop=workshop, editor=staff)
    with pytest.raises(ValidationError):
        services.summary_check_and_publish(
            summary=summary, checker=other_staff, expected_version=summary.version
        )


def test_editing_in_review_makes_the_editor_the_one_who_cannot_check(workshop, staff, other_staff):
    """When the would-be checker edits the text, they become the last editor and must leave the check
    to someone else; the original writer may then check it."""
    summary = _in_review(workshop, staff)
    summary = services.summary_save(
        summary=summary,
        editor=other_staff,
        expected_version=summary.version,
        introduction="Rättat stavfel.",
        points=[services.PointInput(pk=p.pk, text=p.text, order=p.order) for p in summary.points.all()],
    )
    with pytest.raises(ValidationError):
        services.summary_check_and_publish(
            summary=summary, checker=other_staff, expected_version=summary.version
        )
    summary = services.summary_check_and_publish(
        summary=summary, checker=staff, expected_version=summary.version
    )
    assert summary.checked_by == staff


def test_stale_save_is_refused_and_changes_nothing(workshop, staff, other_staff):
    """Two editors load version N; the first save wins, the second is refused with the current
    summary, and the first editor's text stays in the database."""
    summary = draft_summary(workshop=workshop, editor=staff)
    loaded_version = summary.version
    point = summary.points.get()
    services.summary_save(
        summary=summary,
        editor=staff,
        expected_version=loaded_version,
        introduction="Sara skrev först.",
        points=[services.PointInput(pk=point.pk, text="Saras punkt", order=1)],
    )
    with pytest.raises(services.SummaryConflict) as conflict:
        services.summary_save(
            summary=Summary.objects.get(pk=summary.pk),
            editor=other_staff,
            expected_version=loaded_version,
            introduction="Johan skrev sent.",
            points=[services.PointInput(pk=point.pk, text="Johans punkt", order=1)],
        )
    assert conflict.value.current.last_edited_by == staff
    summary.refresh_from_db()
    assert summary.introduction == "Sara skrev först."
    assert summary.points.get().text == "Saras punkt"
    assert summary.revisions.count() == 3


def test_each_save_records_one_revision_with_who_and_what(workshop, staff, other_staff):
    """Every save and every status change adds exactly one revision with the saver and the text."""
    summary = draft_summary(workshop=workshop, editor=staff, points=0)
    assert summary.revisions.count() == 1
    note = factories.NoteFactory(workshop=workshop)
    summary = services.summary_save(
        summary=summary,
        editor=other_staff,
        expected_version=summary.version,
        introduction="Ny inledning.",
        points=[services.PointInput(text="Första punkten", order=1, note_ids=[note.pk])],
    )
    latest = summary.revisions.order_by("-number").first()
    assert summary.revisions.count() == 2
    assert (latest.number, latest.saved_by, latest.introduction) == (2, other_staff, "Ny inledning.")
    assert latest.points == [
        {"id": summary.points.get().pk, "order": 1, "text": "Första punkten", "notes": [note.pk]}
    ]
    services.summary_submit_for_review(summary=summary, actor=other_staff, expected_version=summary.version)
    assert SummaryRevision.objects.filter(summary=summary).count() == 3
    assert AuditEntry.objects.filter(action="summary.save", target_id=str(summary.pk)).count() == 1


def test_only_published_notes_of_the_same_workshop_can_be_cited(workshop, staff):
    """Citing a note from another workshop or a hidden note is refused and nothing is saved."""
    summary = draft_summary(workshop=workshop, editor=staff, points=0)
    foreign = factories.NoteFactory()
    for note in (foreign, factories.NoteFactory(workshop=workshop, status="hidden", hidden_reason="Spam")):
        with pytest.raises(ValidationError):
            services.summary_save(
                summary=summary,
                editor=staff,
                expected_version=summary.version,
                introduction="",
                points=[services.PointInput(text="Punkt", order=1, note_ids=[note.pk])],
            )
    assert summary.points.count() == 0


def test_a_point_with_disagreements_cannot_be_removed(workshop, staff, other_staff):
    """Removing a point someone disagreed with is refused: disagreements are never lost."""
    summary = published_summary(workshop=workshop, editor=staff, checker=other_staff)
    point = summary.points.get()
    factories.DisagreementFactory(point=point)
    summary = services.summary_return_to_draft(summary=summary, actor=staff, expected_version=summary.version)
    with pytest.raises(ValidationError):
        services.summary_save(
            summary=summary,
            editor=staff,
            expected_version=summary.version,
            introduction="",
            points=[services.PointInput(pk=point.pk, text=point.text, order=1, delete=True)],
        )
    assert summary.points.filter(pk=point.pk).exists()


def test_published_summary_must_return_to_draft_before_editing(workshop, staff, other_staff):
    """Editing a published summary is refused; returning it to draft clears the check."""
    summary = published_summary(workshop=workshop, editor=staff, checker=other_staff)
    with pytest.raises(ValidationError):
        services.summary_save(
            summary=summary, editor=staff, expected_version=summary.version, introduction="x", points=[]
        )
    summary = services.summary_return_to_draft(summary=summary, actor=staff, expected_version=summary.version)
    assert summary.status == Summary.Status.DRAFT
    assert summary.checked_by is None and summary.published_at is None


def test_asking_for_a_check_needs_a_point(workshop, staff):
    """An empty draft cannot be sent for checking."""
    summary = draft_summary(workshop=workshop, editor=staff, points=0)
    with pytest.raises(ValidationError):
        services.summary_submit_for_review(summary=summary, actor=staff, expected_version=summary.version)


def test_disagreements_move_only_from_the_status_they_may_come_from(workshop, staff, other_staff):
    """Taking disagreements into a follow-up moves the open ones only; answering moves only
    those in a follow-up; a withdrawn disagreement never moves."""
    point = published_summary(workshop=workshop, editor=staff, checker=other_staff).points.get()
    open_one = factories.DisagreementFactory(point=point)
    withdrawn = factories.DisagreementFactory(point=point, status=Disagreement.Status.WITHDRAWN)
    every = Disagreement.objects.filter(pk__in=[open_one.pk, withdrawn.pk])

    assert services.disagreements_set_status(disagreements=every, status=Disagreement.Status.ANSWERED) == 0
    assert services.disagreements_set_status(disagreements=every, status=Disagreement.Status.IN_FOLLOWUP) == 1
    assert services.disagreements_set_status(disagreements=every, status=Disagreement.Status.ANSWERED) == 1
    open_one.refresh_from_db()
    withdrawn.refresh_from_db()
    assert open_one.status == Disagreement.Status.ANSWERED
    assert withdrawn.status == Disagreement.Status.WITHDRAWN
    with pytest.raises(ValueError, match="withdrawn"):
        services.disagreements_set_status(disagreements=every, status=Disagreement.Status.WITHDRAWN)
