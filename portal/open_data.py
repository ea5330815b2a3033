"""The open-data files: which datasets exist, their columns, and how a row is built.

Every file is released under CC0 1.0 (public domain dedication): anyone may use it for any
purpose without asking or naming the source. The licence is stated on the page, in each JSON
file, in each CSV file's metadata (a W3C "CSV on the Web" document beside it,
``<dataset>.csv-metadata.json``) and in the download's ``Link`` header. Every column is
described in Swedish and English (``COLUMN_DESCRIPTIONS``), on the page and in the metadata.

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
from django.utils import timezone, translation
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


LICENCE_ID = "CC0-1.0"
LICENCE_NAME = "CC0 1.0 Universal"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
PUBLISHER = "Ale kommun"

# What each column holds; the same name means the same thing in every dataset.
COLUMN_DESCRIPTIONS = {
    "slug": _("The workshop's short name in its web address; it never changes."),
    "title": _("The title, as on the site."),
    "kind": _("Kind of meeting: lunch, workshop or dialogue (dialogue meeting)."),
    "starts_at": _("When the meeting started (Swedish local time, YYYY-MM-DD HH:MM)."),
    "ends_at": _("When the meeting ended (Swedish local time, YYYY-MM-DD HH:MM)."),
    "venue": _("Where the meeting was held."),
    "host": _("Who invited, for example the municipal board."),
    "description": _("The text describing it, as on the site."),
    "participants_attended": _("How many people were recorded as attending."),
    "published_notes": _("How many notes from the meeting are published."),
    "url": _("The page on the site."),
    "workshop": _("The workshop's short name (the slug column of the workshops file)."),
    "workshop_title": _("The workshop's title."),
    "theme": _("The theme's short name, the same in every file."),
    "theme_name": _("The theme's name in Swedish."),
    "theme_name_en": _("The theme's name in English."),
    "introduction": _("The summary's introduction."),
    "version": _("The summary's version: it rises by one each time it is changed after publication."),
    "checked_at": _("When a named official checked the summary."),
    "published_at": _("When the summary was published."),
    "point_order": _("The point's place in the summary (1 is the first)."),
    "point_text": _("The point: what the participants said, in the municipality's summary."),
    "cited_published_notes": _("How many published notes the point rests on."),
    "id": _("The follow-up's number; it never changes."),
    "conference": _("The näringslivsråd conference that took up the follow-up (its short name)."),
    "conference_title": _("The conference's title."),
    "status": _(
        "Where the follow-up is: new, on_agenda, discussed, decided, feedback_published or declined."
    ),
    "status_label": _("The status in words, in Swedish."),
    "decision": _("What was decided; empty until a decision is made."),
    "decline_reason": _("Why the follow-up was declined; empty unless it was."),
    "feedback": _("The feedback published to the business owners; empty until it is published."),
    "feedback_published_at": _("When the feedback was published."),
    "promised_feedback_date": _("The date by which the municipality promised feedback (YYYY-MM-DD)."),
    "promise": _(
        "Whether the promise was kept: on_time, late, overdue (no feedback and the date has "
        "passed) or pending (not yet due)."
    ),
    "linked_published_notes": _("How many published notes the follow-up is linked to."),
}
NUMBER_COLUMNS = {
    "participants_attended",
    "published_notes",
    "version",
    "point_order",
    "cited_published_notes",
    "id",
    "linked_published_notes",
}


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


def column_dictionary(dataset: OpenDataset) -> list[dict]:
    """Each column of a dataset's CSV file with what it holds, in Swedish and in English."""
    return [
        {
            "name": column,
            "sv": _in("sv", COLUMN_DESCRIPTIONS[column]),
            "en": _in("en", COLUMN_DESCRIPTIONS[column]),
            "number": column in NUMBER_COLUMNS,
        }
        for column in dataset.columns
    ]


def dataset_csv(dataset: OpenDataset, request) -> bytes:
    """The dataset as an Excel-safe CSV file."""
    rows = ([row.get(column) for column in dataset.columns] for row in dataset.csv_rows(request))
    return rows_to_csv(dataset.columns, rows)


def dataset_json(dataset: OpenDataset, request) -> bytes:
    """The dataset as a JSON document with its metadata (licence, publisher) around the items."""
    items = list(dataset.json_items(request))
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "publisher": PUBLISHER,
        "license": LICENCE_URL,
        "license_name": LICENCE_NAME,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "count": len(items),
        "items": items,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def _both(text) -> list[dict]:
    return [{"@value": _in(language, text), "@language": language} for language in ("sv", "en")]


def dataset_metadata(dataset: OpenDataset, request, csv_url: str) -> bytes:
    """The CSV file's metadata as W3C CSV on the Web (CSVW) JSON-LD: title, description and
    every column's meaning in Swedish and English, publisher, licence, and the CSV dialect."""
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "sv"}],
        "url": _absolute(request, csv_url),
        "dc:title": _both(dataset.title),
        "dc:description": _both(dataset.description),
        "dc:publisher": PUBLISHER,
        "dc:license": {"@id": LICENCE_URL},
        "dc:rights": LICENCE_NAME,
        "dialect": {"delimiter": ";", "encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": [
                {
                    "name": column["name"],
                    "titles": column["name"],
                    "dc:description": [
                        {"@value": column["sv"], "@language": "sv"},
                        {"@value": column["en"], "@language": "en"},
                    ],
                    "datatype": "integer" if column["number"] else "string",
                }
                for column in column_dictionary(dataset)
            ]
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
