"""Reads for conferences, follow-ups, the triage inbox and "Mitt inflytande"."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from feedback.models import Disagreement, Note, SummaryPoint, Theme

from .models import Conference, FeedbackNotice, FollowUp, StatusChange

NoteLink = FollowUp.notes.through
DisagreementLink = FollowUp.disagreements.through
PointLink = FollowUp.summary_points.through
CitedNote = SummaryPoint.notes.through


def _link_count(through) -> Coalesce:
    counts = (
        through.objects.filter(followup=OuterRef("pk"))
        .order_by()
        .values("followup")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def followups_with_promise(*, today: datetime.date | None = None) -> QuerySet[FollowUp]:
    """Every follow-up with its conference and the derived ``promise`` annotation."""
    return FollowUp.objects.with_promise(today).select_related("conference", "theme")


# --- conferences ---


def conferences_list() -> QuerySet[Conference]:
    """Conferences, newest first, with how many follow-ups each has and how many are answered."""
    return Conference.objects.annotate(
        followup_count=Count("followups"),
        answered_count=Count("followups", filter=Q(followups__feedback_published_at__isnull=False)),
    ).order_by("-year")


def conference_for_public(*, slug: str) -> Conference:
    """One conference with its workshops. Raises ``Conference.DoesNotExist``."""
    return Conference.objects.prefetch_related("workshops").get(slug=slug)


def conferences_for_workshop(*, workshop) -> QuerySet[Conference]:
    """The conferences a workshop's input goes to (for its "What happens now" section)."""
    return Conference.objects.filter(workshops=workshop).order_by("starts_on")


def followups_for_conference(
    *, conference: Conference, today: datetime.date | None = None, for_board: bool = True
) -> QuerySet[FollowUp]:
    """A conference's follow-ups with theme and promise, in one query whatever their number;
    ``for_board`` adds the responsible person and how many inputs each gathers, else (the
    public agenda) the decision texts. Long texts neither shows stay in the database."""
    followups = FollowUp.objects.filter(conference=conference).with_promise(today)
    followups = followups.order_by("theme__order", "pk")
    if not for_board:
        return followups.select_related("theme").defer("description", "feedback_text")
    return (
        followups.select_related("theme", "responsible")
        .only(
            "title",
            "status",
            "version",
            "conference_id",
            "theme__slug",
            "theme__name_sv",
            "theme__name_en",
            "responsible__full_name",
        )
        .annotate(
            note_count=_link_count(NoteLink),
            disagreement_count=_link_count(DisagreementLink),
            point_count=_link_count(PointLink),
        )
    )


@dataclass
class ConferenceFollowUps:
    """A bounded slice of a conference's follow-ups with the figures of all of them.

    ``followups``: the rows asked for, in agenda order; ``total``: how many the conference (or
    the one status asked for) has; ``per_status``: how many of each status; ``promise``: how
    many are on time, late, overdue and pending."""

    followups: list[FollowUp]
    total: int
    per_status: dict[str, int]
    promise: dict[str, int]


def conference_followups_slice(
    *,
    conference: Conference,
    first: int,
    last: int,
    per_status: bool = False,
    status: str | None = None,
    today: datetime.date | None = None,
    for_board: bool = True,
) -> ConferenceFollowUps:
    """Rows ``first``..``last`` (1-based, inclusive) of a conference's follow-ups in agenda
    order, or of each status's when ``per_status`` (the board's capped columns), optionally of
    one ``status`` only, with the totals and promise counts of ALL of them, in THREE queries
    whatever their number: window functions count before the row filter applies (reading only
    the follow-ups' own columns), the promise counts are grouped in the database, then the
    rows shown are read in full (``followups_for_conference``)."""
    agenda = [F("theme__order").asc(), F("pk").asc()]
    partition = [F("status")] if per_status else None
    followups = FollowUp.objects.filter(conference=conference)
    if status is not None:
        followups = followups.filter(status=status)
    window = list(
        followups.annotate(
            row=Window(RowNumber(), partition_by=partition, order_by=agenda),
            status_total=Window(Count("pk"), partition_by=[F("status")]),
            total=Window(Count("pk")),
        )
        .filter(row__gte=first, row__lte=last)
        .values_list("pk", "status", "status_total", "total")
    )
    counts = dict.fromkeys(FollowUp.Status.values, 0)
    promise = dict.fromkeys(FollowUp.Promise.values, 0)
    if not window:
        return ConferenceFollowUps(followups=[], total=0, per_status=counts, promise=promise)
    for _pk, row_status, status_total, _total in window:
        counts[row_status] = status_total
    # Grouped apart: in the window query each promise count would repeat the promise's CASE.
    by_promise = followups.with_promise(today).order_by().values_list("promise").annotate(n=Count("pk"))
    promise.update(dict(by_promise))
    shown = followups_for_conference(conference=conference, today=today, for_board=for_board).in_bulk(
        [row[0] for row in window]
    )
    return ConferenceFollowUps(
        followups=[shown[row[0]] for row in window], total=window[0][3], per_status=counts, promise=promise
    )


def group_by_status(followups) -> list[tuple[str, str, list[FollowUp]]]:
    """``(status, label, follow-ups)`` for every status in flow order, empty ones included."""
    groups = {status: [] for status in FollowUp.Status.values}
    for followup in followups:
        groups[followup.status].append(followup)
    return [(status, FollowUp.Status(status).label, groups[status]) for status in FollowUp.Status.values]


def promise_summary(followups) -> dict[str, int]:
    """Counts per promise state of already-annotated follow-ups (no query)."""
    counts = dict.fromkeys(FollowUp.Promise.values, 0)
    for followup in followups:
        counts[followup.promise] += 1
    return counts


# --- one follow-up ---


def followup_for_public(*, pk: int, today: datetime.date | None = None) -> FollowUp:
    """A follow-up with its promise, timeline, published notes (with themes) and summary points.

    Raises ``FollowUp.DoesNotExist``."""
    return (
        FollowUp.objects.with_promise(today)
        .select_related("conference", "theme", "responsible")
        .annotate(disagreement_count=_link_count(DisagreementLink))
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
            Prefetch(
                "notes",
                queryset=Note.objects.published().select_related("workshop").prefetch_related("themes"),
                to_attr="published_notes",
            ),
            Prefetch(
                "summary_points",
                queryset=SummaryPoint.objects.select_related("summary__theme", "summary__workshop"),
            ),
        )
        .get(pk=pk)
    )


def followup_for_staff(*, pk: int, today: datetime.date | None = None) -> FollowUp:
    """A follow-up with everything linked to it, for the staff page. Raises ``FollowUp.DoesNotExist``."""
    return (
        FollowUp.objects.with_promise(today)
        .select_related("conference", "theme", "responsible")
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
            Prefetch("notes", queryset=Note.objects.select_related("workshop").prefetch_related("themes")),
            Prefetch(
                "disagreements",
                queryset=Disagreement.objects.select_related(
                    "point__summary__theme", "point__summary__workshop"
                ),
            ),
            Prefetch(
                "summary_points",
                queryset=SummaryPoint.objects.select_related("summary__theme", "summary__workshop"),
            ),
        )
        .get(pk=pk)
    )


def followups_open_for_linking() -> QuerySet[FollowUp]:
    """Follow-ups staff can link inputs to, newest conference first."""
    return FollowUp.objects.select_related("conference").order_by("-conference__year", "title")


# How long after its promised date a conference's open follow-ups stay in the inbox's select.
LINKING_GRACE = datetime.timedelta(days=365)


def followups_offered_for_linking(
    *, conference=None, also: FollowUp | None = None, today: datetime.date | None = None
) -> QuerySet[FollowUp]:
    """The follow-ups the triage inbox offers in its select: every follow-up of ``conference``
    when one is chosen, else the open ones (no answer published, not declined) of conferences
    whose promised date has not passed by more than a year, so the list stays short however
    many years of follow-ups there are; and ``also``, one chosen outside them. Any follow-up
    can still be linked to. Only what the select shows is read (no long texts)."""
    followups = followups_open_for_linking().only("title", "conference__year")
    if conference is not None:
        offered = Q(conference=conference)
    else:
        today = today or timezone.localdate()
        offered = Q(
            feedback_published_at__isnull=True,
            conference__promised_feedback_date__gte=today - LINKING_GRACE,
        ) & ~Q(status__in=[FollowUp.Status.FEEDBACK_PUBLISHED, FollowUp.Status.DECLINED])
    if also is not None:
        offered |= Q(pk=also.pk)
    return followups.filter(offered)


# --- triage ---


def _note_is_unlinked():
    # Two NOT EXISTS, which PostgreSQL plans as anti-joins; NOT (EXISTS OR EXISTS) becomes
    # a subplan per note and, on ten years of notes, seconds of JIT compilation.
    direct = NoteLink.objects.filter(note=OuterRef("pk"))
    via_point = CitedNote.objects.filter(note=OuterRef("pk"), summarypoint__followups__isnull=False)
    return ~Exists(direct) & ~Exists(via_point)


def triage_notes(*, workshop=None, theme=None, topic=None) -> QuerySet[Note]:
    """Published notes that no follow-up takes care of yet, directly or through a cited summary
    point, oldest first, optionally for one workshop, theme or topic."""
    notes = Note.objects.published().filter(_note_is_unlinked())
    if workshop is not None:
        notes = notes.filter(workshop=workshop)
    if theme is not None:
        notes = notes.filter(Exists(Note.themes.through.objects.filter(note=OuterRef("pk"), theme=theme)))
    if topic is not None:
        notes = notes.filter(Exists(Note.topics.through.objects.filter(note=OuterRef("pk"), topic=topic)))
    return (
        notes.select_related("workshop", "group")
        .prefetch_related("themes", "topics")
        .order_by("created_at", "pk")
    )


def triage_disagreements(*, workshop=None, theme=None, topic=None) -> QuerySet[Disagreement]:
    """Disagreements (not withdrawn) that are in no follow-up yet, oldest first; the topic
    filter keeps those whose summary point cites a note with that topic."""
    disagreements = Disagreement.objects.exclude(status=Disagreement.Status.WITHDRAWN).filter(
        ~Exists(DisagreementLink.objects.filter(disagreement=OuterRef("pk")))
    )
    if workshop is not None:
        disagreements = disagreements.filter(point__summary__workshop=workshop)
    if theme is not None:
        disagreements = disagreements.filter(point__summary__theme=theme)
    if topic is not None:
        disagreements = disagreements.filter(
            Exists(CitedNote.objects.filter(summarypoint=OuterRef("point"), note__topics=topic))
        )
    return disagreements.select_related("point__summary__theme", "point__summary__workshop").order_by(
        "created_at", "pk"
    )


def triage_count(*, limit: int | None = None) -> int:
    """How many inputs wait in the triage inbox, in one COUNT query; with ``limit``, counting
    stops there, so the cost stays flat however many inputs wait."""
    notes = triage_notes().order_by().values("pk")
    disagreements = triage_disagreements().order_by().values("pk")
    waiting = notes.union(disagreements, all=True).order_by()
    return (waiting[:limit] if limit is not None else waiting).count()


# --- business owners ---


def followup_notice_recipients(*, followup: FollowUp):
    """Living accounts whose published notes (direct or cited by a linked summary point) or
    non-withdrawn disagreements feed the follow-up."""
    published = Note.Status.PUBLISHED
    return (
        get_user_model()
        .objects.filter(is_active=True, anonymised_at__isnull=True)
        .filter(
            Exists(
                NoteLink.objects.filter(
                    followup=followup, note__author=OuterRef("pk"), note__status=published
                )
            )
            | Exists(
                PointLink.objects.filter(
                    followup=followup,
                    summarypoint__notes__author=OuterRef("pk"),
                    summarypoint__notes__status=published,
                )
            )
            | Exists(
                DisagreementLink.objects.filter(
                    followup=followup, disagreement__author=OuterRef("pk")
                ).exclude(disagreement__status=Disagreement.Status.WITHDRAWN)
            )
        )
    )


def my_notes(*, user) -> QuerySet[Note]:
    """A user's notes (not withdrawn), newest first, with their workshop and themes; the
    follow-ups they feed come from ``followups_fed_by``."""
    return (
        Note.objects.filter(author=user)
        .exclude(status=Note.Status.WITHDRAWN)
        .select_related("workshop")
        .only("text", "status", "hidden_reason", "created_at", "author_id", "workshop__title")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("name_sv", "name_en")))
        .order_by("-created_at", "-pk")
    )


def my_disagreements(*, user) -> QuerySet[Disagreement]:
    """A user's disagreements (not withdrawn), newest first, with the point they are about."""
    return (
        Disagreement.objects.filter(author=user)
        .exclude(status=Disagreement.Status.WITHDRAWN)
        .select_related("point__summary__theme")
        .only(
            "text",
            "status",
            "created_at",
            "author_id",
            "point__text",
            "point__summary__theme__name_sv",
            "point__summary__theme__name_en",
        )
        .order_by("-created_at", "-pk")
    )


def my_input_counts(*, user) -> tuple[int, int]:
    """How many notes and disagreements ``my_notes`` and ``my_disagreements`` hold, in one query."""

    def counted(queryset):
        return Coalesce(Subquery(queryset.order_by().values("author").annotate(n=Count("pk")).values("n")), 0)

    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            note_count=counted(my_notes(user=user)), disagreement_count=counted(my_disagreements(user=user))
        )
        .values_list("note_count", "disagreement_count")
        .get()
    )


_NOTE, _DISAGREEMENT = 1, 2


def followups_fed_by(
    *, notes, disagreements, today: datetime.date | None = None
) -> tuple[dict[int, list[FollowUp]], dict[int, list[FollowUp]]]:
    """The follow-ups each of ``notes`` feeds (directly, or through a summary point that cites
    it) and each of ``disagreements`` feeds, by their id, each follow-up once, in conference and
    agenda order, with ``promise``: in two queries whatever their number, the links from the
    three link tables in one UNION, then the follow-ups."""

    def links(queryset, kind, item):
        return queryset.annotate(kind=Value(kind), item=F(item), fed=F("followup_id")).values_list(
            "kind", "item", "fed"
        )

    note_ids = [note.pk for note in notes]
    pairs = links(NoteLink.objects.filter(note_id__in=note_ids), _NOTE, "note_id").union(
        links(PointLink.objects.filter(summarypoint__notes__in=note_ids), _NOTE, "summarypoint__notes"),
        links(
            DisagreementLink.objects.filter(disagreement_id__in=[d.pk for d in disagreements]),
            _DISAGREEMENT,
            "disagreement_id",
        ),
    )
    pairs = list(pairs)
    followups = list(
        FollowUp.objects.with_promise(today or timezone.localdate())
        .select_related("conference")
        .defer("description", "feedback_text", "conference__description")  # shown on their own pages
        .filter(pk__in={followup_id for _kind, _item, followup_id in pairs})
        .order_by("conference__year", "pk")
    )
    fed_ids = {_NOTE: {}, _DISAGREEMENT: {}}
    for kind, item, followup_id in pairs:
        fed_ids[kind].setdefault(item, set()).add(followup_id)

    def in_order(ids):
        return [followup for followup in followups if followup.pk in ids]

    by_note, by_disagreement = (
        {item: in_order(ids) for item, ids in fed_ids[kind].items()} for kind in (_NOTE, _DISAGREEMENT)
    )
    return by_note, by_disagreement


def my_notices(*, user, limit: int = 10) -> list[FeedbackNotice]:
    """The user's latest feedback notices with their follow-ups: unread first, newest first,
    then the most recently read."""
    return list(
        FeedbackNotice.objects.filter(user=user)
        .select_related("followup")
        .only("read_at", "created_at", "followup__title")
        .order_by(F("read_at").desc(nulls_first=True), "-created_at")[:limit]
    )


# --- reminders ---


def followups_needing_reminder(*, today: datetime.date | None = None, days: int = 14) -> QuerySet[FollowUp]:
    """Unanswered follow-ups with a responsible person, not yet reminded, whose promised
    feedback date is at most ``days`` days away (or past)."""
    return FollowUp.objects.due_within(days, today).filter(
        responsible__isnull=False, reminder_sent_at__isnull=True
    )


def followups_due_counts(*, days: int = 30, today: datetime.date | None = None) -> dict[str, int]:
    """How many unanswered follow-ups have passed their promised feedback date (``overdue``)
    and how many reach it within ``days`` days (``due_soon``); one aggregate query."""
    today = today or timezone.localdate()
    return FollowUp.objects.due_within(days, today).aggregate(
        overdue=Count("pk", filter=Q(conference__promised_feedback_date__lt=today)),
        due_soon=Count("pk", filter=Q(conference__promised_feedback_date__gte=today)),
    )
