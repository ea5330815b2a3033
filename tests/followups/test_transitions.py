import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from aleforetag.core.models import AuditEntry
from followups import services
from followups.models import FollowUp, StatusChange
from tests import factories

from .conftest import STEP_TEXTS, advance

S = FollowUp.Status
ALLOWED = {
    (S.NEW, S.ON_AGENDA),
    (S.NEW, S.DECLINED),
    (S.ON_AGENDA, S.DISCUSSED),
    (S.ON_AGENDA, S.DECLINED),
    (S.DISCUSSED, S.DECIDED),
    (S.DISCUSSED, S.DECLINED),
    (S.DECIDED, S.FEEDBACK_PUBLISHED),
}
ALL_PAIRS = list(itertools.product(S.values, S.values))


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_allowed_transition_moves_and_is_recorded(new_followup, staff, from_status, to_status):
    """Each allowed step changes the status, bumps the version and adds one timeline entry
    (who, when, from, to, comment)."""
    followup = advance(new_followup, from_status, actor=staff)
    before = followup.status_changes.count()
    version = followup.version
    services.followup_move(
        actor=staff,
        followup=followup,
        to_status=to_status,
        expected_version=version,
        comment="Beslut på konferensen",
        **STEP_TEXTS.get(to_status, {}),
    )
    followup.refresh_from_db()
    assert followup.status == to_status
    assert followup.version == version + 1
    assert followup.status_changes.count() == before + 1
    last = followup.status_changes.last()
    assert (last.from_status, last.to_status, last.changed_by, last.comment) == (
        from_status,
        to_status,
        staff,
        "Beslut på konferensen",
    )
    assert AuditEntry.objects.filter(action="followup.move", target_id=str(followup.pk)).exists()


@pytest.mark.parametrize(("from_status", "to_status"), [pair for pair in ALL_PAIRS if pair not in ALLOWED])
def test_forbidden_transition_is_refused_and_changes_nothing(new_followup, staff, from_status, to_status):
    """Any other move raises a validation error and leaves status, version and timeline alone."""
    followup = advance(new_followup, from_status, actor=staff)
    version, changes = followup.version, followup.status_changes.count()
    with pytest.raises(ValidationError):
        services.followup_move(
            actor=staff,
            followup=followup,
            to_status=to_status,
            expected_version=version,
            **STEP_TEXTS.get(to_status, {}),
        )
    followup.refresh_from_db()
    assert (followup.status, followup.version, followup.status_changes.count()) == (
        from_status,
        version,
        changes,
    )


def test_unknown_status_is_refused(new_followup, staff):
    """A made-up status is not a step anywhere."""
    with pytest.raises(ValidationError):
        services.followup_move(actor=staff, followup=new_followup, to_status="done", expected_version=1)


@pytest.mark.parametrize(
    ("to_status", "from_status", "field"),
    [
        (S.DECIDED, S.DISCUSSED, "decision"),
        (S.FEEDBACK_PUBLISHED, S.DECIDED, "feedback_text"),
        (S.DECLINED, S.NEW, "decline_reason"),
    ],
)
def test_step_without_its_text_is_refused(new_followup, staff, to_status, from_status, field):
    """Deciding needs the decision, publishing needs the feedback, declining needs a reason."""
    followup = advance(new_followup, from_status, actor=staff)
    kwargs = {field: "   "}
    with pytest.raises(ValidationError) as error:
        services.followup_move(
            actor=staff, followup=followup, to_status=to_status, expected_version=followup.version, **kwargs
        )
    assert field in error.value.message_dict
    followup.refresh_from_db()
    assert followup.status == from_status
    assert followup.feedback_published_at is None


def test_timeline_lists_every_step_in_order(new_followup, staff, other_staff):
    """The timeline starts with the creation and lists each step with its author."""
    followup = advance(new_followup, S.DISCUSSED, actor=staff)
    services.followup_move(
        actor=other_staff,
        followup=followup,
        to_status=S.DECIDED,
        expected_version=followup.version,
        decision="Ja",
    )
    steps = list(followup.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert steps == [
        ("", S.NEW, staff.pk),
        (S.NEW, S.ON_AGENDA, staff.pk),
        (S.ON_AGENDA, S.DISCUSSED, staff.pk),
        (S.DISCUSSED, S.DECIDED, other_staff.pk),
    ]


def test_publishing_and_declining_date_the_answer(new_followup, staff, conference):
    """Publishing feedback and declining both set ``feedback_published_at``; other steps do not."""
    followup = advance(new_followup, S.DECIDED, actor=staff)
    assert followup.feedback_published_at is None
    followup = advance(followup, S.FEEDBACK_PUBLISHED, actor=staff)
    assert followup.feedback_published_at is not None
    other = services.followup_create(actor=staff, conference=conference, title="Annat")
    other = advance(other, S.DECLINED, actor=staff)
    assert other.feedback_published_at is not None and other.decline_reason


def test_stale_version_is_refused(new_followup, staff, other_staff):
    """Two people working from the same version: the second save is refused, not silently
    applied over the first."""
    first = FollowUp.objects.get(pk=new_followup.pk)
    second = FollowUp.objects.get(pk=new_followup.pk)
    services.followup_update(
        actor=staff, followup=first, expected_version=1, title="Kvällsöppet på torsdagar"
    )
    with pytest.raises(services.StaleFollowUpError):
        services.followup_update(actor=other_staff, followup=second, expected_version=1, title="Något annat")
    with pytest.raises(services.StaleFollowUpError):
        services.followup_move(actor=other_staff, followup=second, to_status=S.ON_AGENDA, expected_version=1)
    new_followup.refresh_from_db()
    assert new_followup.title == "Kvällsöppet på torsdagar"
    assert new_followup.status == S.NEW
    assert new_followup.status_changes.count() == 1


def test_answer_texts_can_only_change_at_their_status(new_followup, staff):
    """The feedback text cannot be written through an edit before it is published."""
    with pytest.raises(ValidationError):
        services.followup_update(actor=staff, followup=new_followup, expected_version=1, feedback_text="Hej")


def test_database_refuses_declined_without_reason(conference):
    """The invariants hold in the database too, not only in the services."""
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.FollowUpFactory(conference=conference, status=S.DECLINED, decline_reason="")


def test_database_refuses_published_without_date(conference):
    """A published follow-up without its publication time cannot be stored."""
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.FollowUpFactory(conference=conference, status=S.FEEDBACK_PUBLISHED, feedback_text="Svar")


def test_created_followup_starts_new_with_one_timeline_entry(conference, staff):
    """A new follow-up starts as "new" with the creation in its timeline and in the audit log."""
    followup = services.followup_create(actor=staff, conference=conference, title="Ny")
    assert followup.status == S.NEW
    assert StatusChange.objects.filter(followup=followup).count() == 1
    assert AuditEntry.objects.filter(action="followup.create", actor=staff).exists()
