"""Writes for conferences and follow-ups: create, edit, link inputs, move through the status
flow, publish the answer, notify the business owners once and remind the responsible staff."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aleforetag.accounts.models import Notice
from aleforetag.accounts.notices import notice_send
from aleforetag.accounts.notices import notices_delete_for_user as general_notices_delete_for_user
from aleforetag.accounts.notices import notices_mark_read as general_notices_mark_read
from aleforetag.core.email import absolute_url
from aleforetag.core.outbox import queue_email
from aleforetag.core.services import audit_record
from feedback.models import Disagreement, Note, SummaryPoint
from feedback.services.summaries import disagreements_set_status

from . import selectors
from .models import Conference, FeedbackNotice, FollowUp, StatusChange, default_promised_date

REMINDER_DAYS = 14

# Fields staff may edit outside the status flow; the answer's texts only once they exist.
EDITABLE_FIELDS = ("conference", "title", "description", "theme", "responsible")
ANSWER_FIELDS = {
    "decision": (FollowUp.Status.DECIDED, FollowUp.Status.FEEDBACK_PUBLISHED),
    "feedback_text": (FollowUp.Status.FEEDBACK_PUBLISHED,),
    "decline_reason": (FollowUp.Status.DECLINED,),
}


class StaleFollowUpError(ValidationError):
    """Someone else saved the follow-up after this edit started; nothing was changed."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this follow-up while you were working on it. "
                "Your change was not saved: look at the current version and try again."
            ),
            code="stale",
        )


def _save_versioned(followup: FollowUp, *, expected_version: int, fields: Iterable[str]) -> FollowUp:
    """Validate and write ``fields`` only if nobody saved since ``expected_version``.

    A conditional UPDATE, so it holds on SQLite and PostgreSQL alike without row locks."""
    followup.full_clean()
    values = {
        FollowUp._meta.get_field(name).attname: getattr(followup, FollowUp._meta.get_field(name).attname)
        for name in fields
    }
    now = timezone.now()
    updated = FollowUp.objects.filter(pk=followup.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now, **values
    )
    if not updated:
        raise StaleFollowUpError()
    followup.version = expected_version + 1
    followup.updated_at = now
    return followup


# --- conferences ---


@transaction.atomic
def conference_create(*, actor, workshops: Iterable = (), **fields) -> Conference:
    """Create a conference; an empty promised date becomes 31 January of the following year."""
    conference = Conference(**fields)
    if conference.promised_feedback_date is None and conference.year:
        conference.promised_feedback_date = default_promised_date(conference.year)
    conference.full_clean()
    conference.save()
    conference.workshops.set(list(workshops))
    audit_record(actor=actor, action="conference.create", target=conference)
    return conference


@transaction.atomic
def conference_update(
    *, actor, conference: Conference, workshops: Iterable | None = None, **fields
) -> Conference:
    """Change a conference's facts, including the promised feedback date."""
    before = {name: str(getattr(conference, name)) for name in fields}
    for name, value in fields.items():
        setattr(conference, name, value)
    if conference.promised_feedback_date is None:
        conference.promised_feedback_date = default_promised_date(conference.year)
    conference.full_clean()
    conference.save()
    if workshops is not None:
        conference.workshops.set(list(workshops))
    changed = {
        name: [before[name], str(getattr(conference, name))]
        for name in fields
        if before[name] != str(getattr(conference, name))
    }
    audit_record(actor=actor, action="conference.update", target=conference, changed=changed)
    return conference


# --- follow-ups ---


def _check_inputs(notes, disagreements) -> None:
    if any(note.status != Note.Status.PUBLISHED for note in notes):
        raise ValidationError({"notes": _("Only published notes can be taken into a follow-up.")})
    if any(d.status == Disagreement.Status.WITHDRAWN for d in disagreements):
        raise ValidationError(
            {"disagreements": _("A withdrawn disagreement cannot be taken into a follow-up.")}
        )


def _link(followup: FollowUp, *, notes, disagreements, summary_points) -> None:
    _check_inputs(notes, disagreements)
    followup.notes.add(*notes)
    followup.disagreements.add(*disagreements)
    followup.summary_points.add(*summary_points)
    for disagreement in disagreements:
        if disagreement.author_id is not None:
            notice_send(
                user=disagreement.author,
                kind=Notice.Kind.DISAGREEMENT_TAKEN,
                key=f"disagreement_taken:{disagreement.pk}:{followup.pk}",
                params={"title": followup.title, "disagreement": disagreement.text[:200]},
                link=followup.get_absolute_url(),
            )
    # A disagreement that reaches a follow-up is no longer waiting: it is taken in.
    disagreements_set_status(
        disagreements=Disagreement.objects.filter(pk__in=[d.pk for d in disagreements]),
        status=Disagreement.Status.IN_FOLLOWUP,
    )
    if followup.is_answered:
        # Inputs added after the answer: their authors are told too (still once each).
        _enqueue_notices(followup)


@transaction.atomic
def followup_create(
    *,
    actor,
    conference: Conference,
    title: str,
    description: str = "",
    theme=None,
    responsible=None,
    notes: Iterable[Note] = (),
    disagreements: Iterable[Disagreement] = (),
    summary_points: Iterable[SummaryPoint] = (),
) -> FollowUp:
    """Create a follow-up in status "new", start its timeline and link the given inputs."""
    followup = FollowUp(
        conference=conference, title=title, description=description, theme=theme, responsible=responsible
    )
    followup.full_clean()
    followup.save()
    StatusChange.objects.create(
        followup=followup, from_status="", to_status=FollowUp.Status.NEW, changed_by=actor
    )
    notes, disagreements, summary_points = list(notes), list(disagreements), list(summary_points)
    _link(followup, notes=notes, disagreements=disagreements, summary_points=summary_points)
    audit_record(
        actor=actor,
        action="followup.create",
        target=followup,
        notes=[n.pk for n in notes],
        disagreements=[d.pk for d in disagreements],
        summary_points=[p.pk for p in summary_points],
    )
    return followup


@transaction.atomic
def followup_update(*, actor, followup: FollowUp, expected_version: int, **changes) -> FollowUp:
    """Edit a follow-up's facts (and its answer texts once they exist) without touching its status.

    Refuses with ``StaleFollowUpError`` when someone saved in between; editing the published
    feedback never notifies anyone again."""
    for name in changes:
        allowed_in = ANSWER_FIELDS.get(name)
        if name not in EDITABLE_FIELDS and allowed_in is None:
            raise ValueError(f"{name} cannot be edited here")
        if allowed_in is not None and followup.status not in allowed_in:
            raise ValidationError({name: _("This text can only be changed at the matching status.")})
    before = {name: str(getattr(followup, name) or "") for name in changes}
    for name, value in changes.items():
        setattr(followup, name, value)
    _save_versioned(followup, expected_version=expected_version, fields=changes)
    changed = [name for name in changes if before[name] != str(getattr(followup, name) or "")]
    audit_record(actor=actor, action="followup.update", target=followup, changed=changed)
    return followup


@transaction.atomic
def followup_link_inputs(
    *,
    actor,
    followup: FollowUp,
    notes: Iterable[Note] = (),
    disagreements: Iterable[Disagreement] = (),
    summary_points: Iterable[SummaryPoint] = (),
) -> FollowUp:
    """Link notes, disagreements and summary points to a follow-up; linked disagreements move to
    "taken into a follow-up". Linking adds and never overwrites, so it needs no version check."""
    notes, disagreements, summary_points = list(notes), list(disagreements), list(summary_points)
    if not (notes or disagreements or summary_points):
        raise ValidationError(_("Choose at least one note or disagreement."))
    _link(followup, notes=notes, disagreements=disagreements, summary_points=summary_points)
    audit_record(
        actor=actor,
        action="followup.link",
        target=followup,
        notes=[n.pk for n in notes],
        disagreements=[d.pk for d in disagreements],
        summary_points=[p.pk for p in summary_points],
    )
    return followup


@transaction.atomic
def followup_unlink_input(
    *,
    actor,
    followup: FollowUp,
    note: Note | None = None,
    disagreement: Disagreement | None = None,
    summary_point: SummaryPoint | None = None,
) -> FollowUp:
    """Remove one wrongly linked input; a disagreement left in no follow-up is open again."""
    if note is not None:
        followup.notes.remove(note)
    if summary_point is not None:
        followup.summary_points.remove(summary_point)
    if disagreement is not None:
        followup.disagreements.remove(disagreement)
        # Back in the inbox when no follow-up holds it any more.
        disagreements_set_status(
            disagreements=Disagreement.objects.filter(pk=disagreement.pk, followups__isnull=True),
            status=Disagreement.Status.OPEN,
        )
    audit_record(
        actor=actor,
        action="followup.unlink",
        target=followup,
        note=note.pk if note else None,
        disagreement=disagreement.pk if disagreement else None,
        summary_point=summary_point.pk if summary_point else None,
    )
    return followup


@transaction.atomic
def followup_move(
    *,
    actor,
    followup: FollowUp,
    to_status: str,
    expected_version: int,
    comment: str = "",
    decision: str | None = None,
    decline_reason: str | None = None,
    feedback_text: str | None = None,
) -> FollowUp:
    """Move a follow-up one step along new → on agenda → discussed → decided → feedback
    published, or to declined (with a reason), and record the step in its timeline.

    Deciding needs the decision, publishing needs the feedback text, declining needs the reason.
    Publishing or declining dates the answer and, after commit, notifies every linked business
    owner once. Any other move, a stale version or a missing text raises ``ValidationError``
    and changes nothing."""
    from_status = followup.status
    if not followup.can_move_to(to_status):
        raise ValidationError(
            {
                "to_status": _("A follow-up cannot move from “%(from)s” to “%(to)s”.")
                % {
                    "from": FollowUp.Status(from_status).label,
                    "to": FollowUp.Status(to_status).label
                    if to_status in FollowUp.Status.values
                    else to_status,
                }
            }
        )
    fields = ["status"]
    followup.status = to_status
    if decision is not None:
        followup.decision = decision.strip()
        fields.append("decision")
    if to_status == FollowUp.Status.DECLINED and decline_reason is not None:
        followup.decline_reason = decline_reason.strip()
        fields.append("decline_reason")
    if to_status == FollowUp.Status.FEEDBACK_PUBLISHED and feedback_text is not None:
        followup.feedback_text = feedback_text.strip()
        fields.append("feedback_text")
    if to_status in FollowUp.ANSWERED:
        followup.feedback_published_at = timezone.now()
        fields.append("feedback_published_at")
    try:
        _save_versioned(followup, expected_version=expected_version, fields=fields)
    except ValidationError:
        followup.refresh_from_db()
        raise
    StatusChange.objects.create(
        followup=followup,
        from_status=from_status,
        to_status=to_status,
        changed_by=actor,
        changed_at=followup.updated_at,
        comment=comment.strip(),
    )
    if to_status in FollowUp.ANSWERED:
        disagreements_set_status(
            disagreements=followup.disagreements.all(),
            status=Disagreement.Status.ANSWERED,
            at=followup.updated_at,
        )
        _enqueue_notices(followup)
    audit_record(
        actor=actor, action="followup.move", target=followup, from_status=from_status, to_status=to_status
    )
    return followup


# --- notifications ---


def _enqueue_notices(followup: FollowUp) -> None:
    from .tasks import send_feedback_notices

    followup_id = followup.pk
    transaction.on_commit(lambda: send_feedback_notices.enqueue(followup_id))


@transaction.atomic
def followup_notify_owners(*, followup_id: int) -> int:
    """Give every business owner whose input feeds an answered follow-up one notice, and one
    e-mail unless they opted out; return how many e-mails were recorded.

    Safe to run any number of times: the (user, follow-up) unique constraint stops a second
    notice, and the e-mail is recorded in the outbox in the same transaction that marks the
    notice e-mailed (under a key naming the notice). Deleted (anonymised) and inactive
    accounts get nothing."""
    followup = FollowUp.objects.select_related("conference").get(pk=followup_id)
    if not followup.is_answered:
        return 0
    recipients = list(selectors.followup_notice_recipients(followup=followup))
    FeedbackNotice.objects.bulk_create(
        [FeedbackNotice(user=user, followup=followup) for user in recipients], ignore_conflicts=True
    )
    for user in recipients:
        # The general notice on Mina sidor; its e-mail is the feedback notice's below.
        notice_send(
            user=user,
            kind=Notice.Kind.FEEDBACK_PUBLISHED,
            key=f"feedback_published:{followup.pk}",
            params={"title": followup.title},
            link=followup.get_absolute_url(),
            email=False,
        )
    pending = FeedbackNotice.objects.filter(
        followup=followup,
        emailed_at__isnull=True,
        user__email_notifications=True,
        user__email_confirmed=True,
        user__is_active=True,
        user__anonymised_at__isnull=True,
    ).select_related("user")
    sent = 0
    for notice in pending.select_for_update(of=("self",)):
        queue_email(
            to=notice.user.email,
            template="followups/email/feedback_published",
            context={
                "user": notice.user,
                "followup": followup,
                "followup_url": absolute_url(followup.get_absolute_url()),
                "my_influence_url": absolute_url(reverse("portal:my-influence")),
            },
            language=notice.user.language,
            key=f"feedback-notice:{notice.pk}",
        )
        FeedbackNotice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def notices_mark_read(*, user) -> int:
    """Mark the user's unread feedback notices as read, and the general notices about
    feedback with them (Mina sidor's count follows); return how many feedback notices."""
    general_notices_mark_read(user=user, kinds=[Notice.Kind.FEEDBACK_PUBLISHED])
    return FeedbackNotice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notices_delete_for_user(*, user) -> int:
    """Delete every feedback notice of a person whose account is deleted, and their notices on
    Mina sidor with them; return how many feedback notices."""
    general_notices_delete_for_user(user=user)
    deleted, _by_model = FeedbackNotice.objects.filter(user=user).delete()
    return deleted


# --- reminders ---


def followups_enqueue_reminders(*, today: datetime.date | None = None) -> int:
    """Record a reminder for each unanswered follow-up whose promised date is at most
    14 days away (or already past) and whose responsible person has not been reminded.
    Returns how many were recorded."""
    ids = list(
        selectors.followups_needing_reminder(today=today, days=REMINDER_DAYS).values_list("pk", flat=True)
    )
    return sum(followup_send_reminder(followup_id=followup_id) for followup_id in ids)


@transaction.atomic
def followup_send_reminder(*, followup_id: int) -> bool:
    """Remind the responsible staff member by e-mail that the promised feedback date is
    near; once: the follow-up is claimed with a conditional update in the transaction that
    records the e-mail in the outbox."""
    followup = FollowUp.objects.select_related("conference", "responsible").get(pk=followup_id)
    responsible = followup.responsible
    if followup.is_answered or responsible is None or not responsible.can_receive_email:
        return False
    claimed = FollowUp.objects.filter(pk=followup.pk, reminder_sent_at__isnull=True).update(
        reminder_sent_at=timezone.now()
    )
    if not claimed:
        return False
    queue_email(
        to=responsible.email,
        template="followups/email/reminder",
        context={
            "user": responsible,
            "followup": followup,
            "manage_url": absolute_url(followup.get_absolute_url()),
        },
        language=responsible.language,
    )
    audit_record(actor=None, action="followup.reminder", target=followup, to=responsible.pk)
    return True
