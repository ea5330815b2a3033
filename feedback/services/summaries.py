"""Writes of the summaries half: curating, checking and publishing summaries, and disagreements."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aleforetag.accounts import roles
from aleforetag.core.email import absolute_url
from aleforetag.core.outbox import queue_email
from aleforetag.core.services import audit_record

from ..models import Disagreement, Note, Summary, SummaryPoint, SummaryRevision, Theme


class SummaryConflict(Exception):
    """Someone else saved the summary after the editor loaded it; nothing was changed."""

    def __init__(self, current: Summary):
        super().__init__("stale summary version")
        self.current = current


@dataclass
class PointInput:
    """One point as the editor submitted it; ``pk`` is None for a new point."""

    text: str
    order: int
    note_ids: list[int] = field(default_factory=list)
    pk: int | None = None
    delete: bool = False


def _snapshot(summary: Summary) -> list[dict]:
    points = summary.points.order_by("order", "pk").prefetch_related("notes")
    return [
        {
            "id": point.pk,
            "order": point.order,
            "text": point.text,
            "notes": sorted(note.pk for note in point.notes.all()),
        }
        for point in points
    ]


def _claim_version(*, summary: Summary, expected_version: int, **changes) -> Summary:
    """Move the summary to the next version if it still is at ``expected_version``.

    The conditional UPDATE is atomic on every database, so of two concurrent saves of the same
    version exactly one wins; the other gets ``SummaryConflict`` with the current row."""
    updated = Summary.objects.filter(pk=summary.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    current = Summary.objects.select_related("last_edited_by", "checked_by").get(pk=summary.pk)
    if not updated:
        raise SummaryConflict(current)
    return current


def _record_revision(*, summary: Summary, actor) -> SummaryRevision:
    revision = SummaryRevision(
        summary=summary,
        number=summary.version,
        introduction=summary.introduction,
        points=_snapshot(summary),
        status=summary.status,
        saved_by=actor,
    )
    revision.full_clean(exclude=["points"])  # a summary without points is a valid version
    revision.save()
    return revision


@transaction.atomic
def summary_create(*, workshop, theme: Theme, introduction: str, editor) -> Summary:
    """Start a draft summary for one theme of a workshop, recorded as its first version."""
    summary = Summary(
        workshop=workshop,
        theme=theme,
        introduction=introduction.strip(),
        status=Summary.Status.DRAFT,
        version=1,
        last_edited_by=editor,
        last_edited_at=timezone.now(),
    )
    summary.full_clean()
    try:
        with transaction.atomic():
            summary.save()
    except IntegrityError as duplicate:
        raise ValidationError(
            {"theme": _("The workshop already has a summary on this theme.")}
        ) from duplicate
    _record_revision(summary=summary, actor=editor)
    audit_record(actor=editor, action="summary.create", target=summary, version=summary.version)
    return summary


def _validate_points(*, summary: Summary, points: list[PointInput]) -> None:
    existing = {point.pk: point for point in summary.points.all()}
    errors = []
    for point in points:
        if point.pk is not None and point.pk not in existing:
            errors.append(_("A point does not belong to this summary."))
        if point.delete and point.pk is not None and Disagreement.objects.filter(point_id=point.pk).exists():
            errors.append(_("A point that someone has disagreed with cannot be removed; rewrite it instead."))
    wanted = {note_id for point in points if not point.delete for note_id in point.note_ids}
    if wanted:
        found = set(
            Note.objects.published()
            .filter(workshop=summary.workshop, pk__in=wanted)
            .values_list("pk", flat=True)
        )
        if wanted - found:
            errors.append(_("Only published notes from this workshop can be cited."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def summary_save(
    *, summary: Summary, editor, expected_version: int, introduction: str, points: list[PointInput]
) -> Summary:
    """Save the introduction and the ordered points with their cited notes as a new version.

    Refuses (``SummaryConflict``) when the summary changed since ``expected_version`` and
    (``ValidationError``) when it is published; either way nothing is changed. Every save
    is kept as a ``SummaryRevision``."""
    if summary.status == Summary.Status.PUBLISHED:
        raise ValidationError(_("A published summary must be returned to draft before it is edited."))
    _validate_points(summary=summary, points=points)
    now = timezone.now()
    summary = _claim_version(
        summary=summary,
        expected_version=expected_version,
        introduction=introduction.strip(),
        last_edited_by=editor,
        last_edited_at=now,
    )
    existing = {point.pk: point for point in summary.points.all()}
    for item in points:
        if item.delete:
            if item.pk is not None:
                existing[item.pk].delete()
            continue
        point = existing.get(item.pk) or SummaryPoint(summary=summary)
        point.text = item.text.strip()
        point.order = item.order
        point.full_clean()
        point.save()
        point.notes.set(item.note_ids)
    _record_revision(summary=summary, actor=editor)
    audit_record(actor=editor, action="summary.save", target=summary, version=summary.version)
    return summary


def _transition(*, summary: Summary, actor, expected_version: int, allowed_from, action: str, **changes):
    if summary.status not in allowed_from:
        raise ValidationError(_("The summary's status has changed; reload the page and try again."))
    summary = _claim_version(summary=summary, expected_version=expected_version, **changes)
    _record_revision(summary=summary, actor=actor)
    audit_record(actor=actor, action=action, target=summary, version=summary.version, status=summary.status)
    return summary


@transaction.atomic
def summary_submit_for_review(*, summary: Summary, actor, expected_version: int) -> Summary:
    """Ask a second staff member to check a draft summary. Every other member of staff gets
    an e-mail about it, once per request (see ``summary_notify_reviewers``)."""
    if not summary.points.exists():
        raise ValidationError(_("Write at least one point before asking for a check."))
    summary = _transition(
        summary=summary,
        actor=actor,
        expected_version=expected_version,
        allowed_from={Summary.Status.DRAFT},
        action="summary.submit_for_review",
        status=Summary.Status.IN_REVIEW,
    )
    summary_notify_reviewers(summary_id=summary.pk)
    return summary


def reviewers_for(summary: Summary):
    """Who may check the summary: active members of staff other than its last editor."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.STAFF, is_active=True, anonymised_at__isnull=True)
        .exclude(pk=summary.last_edited_by_id or 0)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def summary_notify_reviewers(*, summary_id: int) -> int:
    """Put an e-mail to each possible reviewer of a summary in review in the outbox, under the
    key ``summary-review:<summary>:<version>:<user>``: run again for the same request (a
    retried task, a second call) it records nothing new; a later request for review, after
    the summary went back to draft, is a new version and is told again. Returns how many
    e-mails were recorded now."""
    summary = Summary.objects.select_related("workshop", "theme", "last_edited_by").get(pk=summary_id)
    if summary.status != Summary.Status.IN_REVIEW:
        return 0
    link = absolute_url(reverse("feedback:summary-detail", args=[summary.pk]))
    editor = summary.last_edited_by
    editor_name = (editor.get_full_name() or editor.email) if editor else ""
    recorded = 0
    for reviewer in reviewers_for(summary):
        message = queue_email(
            to=reviewer.email,
            template="feedback/email/summary_review",
            context={"summary": summary, "reviewer": reviewer, "editor": editor_name, "summary_link": link},
            language=reviewer.language,
            key=f"summary-review:{summary.pk}:{summary.version}:{reviewer.pk}",
        )
        recorded += message is not None
    return recorded


@transaction.atomic
def summary_check_and_publish(*, summary: Summary, checker, expected_version: int) -> Summary:
    """Record that ``checker`` checked the summary as it stands at ``expected_version`` and publish it.

    Four eyes: the checker must be staff and must not be the summary's last editor."""
    if not roles.has_role(checker, roles.STAFF, roles.ADMIN):
        raise ValidationError(_("Only staff of the business development unit can check a summary."))
    if summary.last_edited_by_id == checker.pk:
        raise ValidationError(_("Someone other than the last editor must check the summary."))
    now = timezone.now()
    return _transition(
        summary=summary,
        actor=checker,
        expected_version=expected_version,
        allowed_from={Summary.Status.IN_REVIEW},
        action="summary.check_and_publish",
        status=Summary.Status.PUBLISHED,
        checked_by=checker,
        checked_at=now,
        published_at=now,
    )


@transaction.atomic
def summary_return_to_draft(*, summary: Summary, actor, expected_version: int, comment: str = "") -> Summary:
    """Take a summary in review or published back to draft for revision; its check no longer
    holds. Who sent it back, when and their comment are kept for the author to read."""
    return _transition(
        summary=summary,
        actor=actor,
        expected_version=expected_version,
        allowed_from={Summary.Status.IN_REVIEW, Summary.Status.PUBLISHED},
        action="summary.return_to_draft",
        status=Summary.Status.DRAFT,
        checked_by=None,
        checked_at=None,
        published_at=None,
        returned_by=actor,
        returned_at=timezone.now(),
        review_comment=comment.strip()[:2000],
    )


@transaction.atomic
def disagreement_create(*, point: SummaryPoint, author, text: str, wants_contact: bool) -> Disagreement:
    """Record a business owner's disagreement with a published summary point.

    One disagreement per person and point unless the earlier one was withdrawn."""
    if point.summary.status != Summary.Status.PUBLISHED:
        raise ValidationError(_("You can only disagree with a published summary."))
    if (
        Disagreement.objects.filter(point=point, author=author)
        .exclude(status=Disagreement.Status.WITHDRAWN)
        .exists()
    ):
        raise ValidationError(
            {
                "text": _(
                    "You have already said that you disagree with this point. Withdraw it to write a new one."
                )
            }
        )
    disagreement = Disagreement(point=point, author=author, text=text.strip(), wants_contact=wants_contact)
    disagreement.full_clean()
    try:
        with transaction.atomic():
            disagreement.save()
    except IntegrityError as duplicate:
        raise ValidationError(
            {
                "text": _(
                    "You have already said that you disagree with this point. Withdraw it to write a new one."
                )
            }
        ) from duplicate
    audit_record(actor=author, action="disagreement.create", target=disagreement, point=point.pk)
    return disagreement


@transaction.atomic
def disagreement_withdraw(*, disagreement: Disagreement, actor) -> Disagreement:
    """Withdraw the author's own open disagreement; it stays recorded, marked withdrawn."""
    if disagreement.status != Disagreement.Status.OPEN:
        raise ValidationError(_("Only an open disagreement can be withdrawn."))
    disagreement.status = Disagreement.Status.WITHDRAWN
    disagreement.full_clean()
    disagreement.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="disagreement.withdraw", target=disagreement)
    return disagreement


# The status a disagreement must have to move to another once it is in the municipality's
# hands: taken into a follow-up, open again when no follow-up holds it, answered with its
# follow-up.
DISAGREEMENT_COMES_FROM = {
    Disagreement.Status.IN_FOLLOWUP: Disagreement.Status.OPEN,
    Disagreement.Status.OPEN: Disagreement.Status.IN_FOLLOWUP,
    Disagreement.Status.ANSWERED: Disagreement.Status.IN_FOLLOWUP,
}


@transaction.atomic
def disagreements_set_status(
    *, disagreements: QuerySet[Disagreement], status: str, at: datetime.datetime | None = None
) -> int:
    """Move the given disagreements to ``status`` ("in follow-up", "open" again or "answered"),
    each only from the one status it may come from; the others are left as they are.

    One conditional UPDATE, so two writers never move a disagreement twice and a withdrawn
    one is never touched. ``at`` stamps ``updated_at`` (now by default). Returns how many
    moved."""
    if status not in DISAGREEMENT_COMES_FROM:
        raise ValueError(f'A disagreement cannot be moved to "{status}" by staff or a follow-up.')
    return disagreements.filter(status=DISAGREEMENT_COMES_FROM[status]).update(
        status=status, updated_at=at or timezone.now()
    )


@transaction.atomic
def disagreements_drop_contact_wish(*, author) -> int:
    """Forget that the author wished to be contacted about their disagreements (the account
    is deleted); the disagreements themselves stay, as input. Returns how many changed."""
    return Disagreement.objects.filter(author=author, wants_contact=True).update(wants_contact=False)
