"""The open-data files: which datasets exist, their columns, and how a row is built.

Each dataset is what the public site already shows, without personal data: no names of
participants, authors, checkers or responsible officials, no e-mail addresses, no phone
numbers, and no draft or unpublished rows. A decision is included only once there is
one, feedback only once it is published, and a reason only for a declined follow-up,
as on the public follow-up page.
"""

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aleforetag.exports.formats import rows_to_csv
from followups.models import FollowUp

from . import selectors


def _local(value):
    """A datetime in Swedish local time as ``YYYY-MM-DD HH:MM``, for CSV and JSON alike."""
    if value is None:
        return None
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


def workshop_rows(request):
    for workshop in selectors.open_workshops():
        yield {
            "slug": workshop.slug,
            "title": workshop.title,
            "kind": workshop.kind,
            "starts_at": _local(workshop.starts_at),
            "ends_at": _local(workshop.ends_at),
            "venue": workshop.venue,
            "host": workshop.host,
            "description": workshop.description,
            "participants_attended": workshop.attended_count,
            "published_notes": workshop.published_note_count,
            "url": _absolute(request, workshop.get_absolute_url()),
        }


def summaries(request):
    """Summaries as nested objects (JSON)."""
    for summary in selectors.open_summaries():
        yield {
            "workshop": summary.workshop.slug,
            "workshop_title": summary.workshop.title,
            "theme": summary.theme.slug,
            "theme_name": summary.theme.name_sv,
            "theme_name_en": summary.theme.name_en,
            "introduction": summary.introduction,
            "version": summary.version,
            "checked_at": _local(summary.checked_at),
            "published_at": _local(summary.published_at),
            "points": [
                {"order": point.order, "text": point.text, "cited_published_notes": point.cited_note_count}
                for point in summary.points.all()
            ],
        }


def summary_point_rows(request):
    """Summaries flattened to one row per point (CSV)."""
    for summary in summaries(request):
        points = summary.pop("points")
        for point in points:
            yield {
                **summary,
                "point_order": point["order"],
                "point_text": point["text"],
                "cited_published_notes": point["cited_published_notes"],
            }


DECIDED = {FollowUp.Status.DECIDED, FollowUp.Status.FEEDBACK_PUBLISHED}


def _public_answer(followup):
    """Decision once decided, feedback once published, reason once declined; never a draft."""
    declined = followup.status == FollowUp.Status.DECLINED
    published = followup.status == FollowUp.Status.FEEDBACK_PUBLISHED
    return {
        "decision": followup.decision if followup.status in DECIDED else "",
        "decline_reason": followup.decline_reason if declined else "",
        "feedback": followup.feedback_text if published else "",
    }


def promise_kept(followup, today) -> str:
    """Whether the conference's promised feedback date was kept (a ``FollowUp.Promise`` value)."""
    promised = followup.conference.promised_feedback_date
    if followup.feedback_published_at is not None:
        answered_on = timezone.localdate(followup.feedback_published_at)
        return FollowUp.Promise.ON_TIME if answered_on <= promised else FollowUp.Promise.LATE
    return FollowUp.Promise.OVERDUE if promised < today else FollowUp.Promise.PENDING


def followup_rows(request):
    today = timezone.localdate()
    for followup in selectors.open_followups():
        yield {
            "id": followup.pk,
            "conference": followup.conference.slug,
            "conference_title": followup.conference.title,
            "title": followup.title,
            "description": followup.description,
            "theme": followup.theme.slug if followup.theme else "",
            "theme_name": followup.theme.name_sv if followup.theme else "",
            "status": followup.status,
            "status_label": str(followup.get_status_display()),
            **_public_answer(followup),
            "feedback_published_at": _local(followup.feedback_published_at),
            "promised_feedback_date": followup.conference.promised_feedback_date,
            "promise": promise_kept(followup, today),
            "linked_published_notes": followup.published_note_count,
            "url": _absolute(request, followup.get_absolute_url()),
        }


@dataclass(frozen=True)
class OpenDataset:
    slug: str
    title: Any
    description: Any
    columns: tuple
    csv_rows: Any
    json_items: Any


WORKSHOP_COLUMNS = (
    "slug",
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "venue",
    "host",
    "description",
    "participants_attended",
    "published_notes",
    "url",
)
SUMMARY_COLUMNS = (
    "workshop",
    "workshop_title",
    "theme",
    "theme_name",
    "theme_name_en",
    "introduction",
    "version",
    "checked_at",
    "published_at",
    "point_order",
    "point_text",
    "cited_published_notes",
)
FOLLOWUP_COLUMNS = (
    "id",
    "conference",
    "conference_title",
    "title",
    "description",
    "theme",
    "theme_name",
    "status",
    "status_label",
    "decision",
    "decline_reason",
    "feedback",
    "feedback_published_at",
    "promised_feedback_date",
    "promise",
    "linked_published_notes",
    "url",
)

DATASETS = {
    dataset.slug: dataset
    for dataset in (
        OpenDataset(
            slug="workshoppar",
            title=_("Workshops"),
            description=_(
                "Published workshops and dialogue meetings: when, where, who invited, how many took part."
            ),
            columns=WORKSHOP_COLUMNS,
            csv_rows=workshop_rows,
            json_items=workshop_rows,
        ),
        OpenDataset(
            slug="sammanfattningar",
            title=_("Summaries"),
            description=_(
                "Published themed summaries with their points and how many published notes each point cites. "
                "The CSV file has one row per point."
            ),
            columns=SUMMARY_COLUMNS,
            csv_rows=summary_point_rows,
            json_items=summaries,
        ),
        OpenDataset(
            slug="uppfoljningar",
            title=_("Follow-ups"),
            description=_(
                "Follow-ups (ärenden) with status, decision, feedback and the promised feedback date, "
                "and whether the promise was kept."
            ),
            columns=FOLLOWUP_COLUMNS,
            csv_rows=followup_rows,
            json_items=followup_rows,
        ),
    )
}


def dataset_csv(dataset: OpenDataset, request) -> bytes:
    """The dataset as an Excel-safe CSV file."""
    rows = ([row.get(column) for column in dataset.columns] for row in dataset.csv_rows(request))
    return rows_to_csv(dataset.columns, rows)


def dataset_json(dataset: OpenDataset, request) -> bytes:
    """The dataset as a JSON document with a little metadata around the items."""
    items = list(dataset.json_items(request))
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "count": len(items),
        "items": items,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")
