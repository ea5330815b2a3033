"""Import-export resources for conferences, follow-ups and their status timelines.

A conference is written by its slug, a theme by its Swedish name, the notes,
disagreements and summary points a follow-up gathers by their numbers, and people by
e-mail address (personal data).
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from aleforetag.exports.resources import (
    PortalResource,
    choice_field,
    date_field,
    datetime_field,
    field,
)
from aleforetag.exports.widgets import (
    IdsManyToManyWidget,
    LookupWidget,
    NamesManyToManyWidget,
    StrictIntegerWidget,
    ThemeWidget,
)
from feedback.models import Disagreement, Note, SummaryPoint, Theme
from workshops.models import Workshop

from .models import Conference, FollowUp, StatusChange


def user_widget(label):
    return LookupWidget(get_user_model(), "email", label=label, lookups=("email__iexact",))


class ConferenceResource(PortalResource):
    """Näringslivsråd conferences, found again by slug, with the workshops they follow up."""

    table_name = "conferences"
    required_columns = ("slug", "year", "title", "starts_on", "ends_on")
    export_ordering = ("year", "slug")
    prefetch_related = ("workshops",)

    slug = field("slug")
    year = field("year", StrictIntegerWidget())
    title = field("title")
    starts_on = date_field("starts_on")
    ends_on = date_field("ends_on")
    place = field("place")
    description = field("description")
    promised_feedback_date = date_field("promised_feedback_date")
    workshops = field(
        "workshops",
        NamesManyToManyWidget(Workshop, label=_("workshop"), lookups=("slug",), render_field="slug"),
    )

    class Meta:
        model = Conference
        fields = (
            "slug",
            "year",
            "title",
            "starts_on",
            "ends_on",
            "place",
            "description",
            "promised_feedback_date",
            "workshops",
        )
        import_id_fields = ("slug",)


class FollowUpResource(PortalResource):
    """Follow-ups (ärenden), kept by number, with the inputs they gather."""

    table_name = "follow-ups"
    personal_fields = ("responsible",)
    required_columns = ("conference", "title")
    export_ordering = ("pk",)
    select_related = ("conference", "theme", "responsible")
    prefetch_related = ("notes", "disagreements", "summary_points")

    id = field("id", StrictIntegerWidget())
    conference = field("conference", LookupWidget(Conference, "slug", label=_("conference")))
    title = field("title")
    description = field("description")
    theme = field("theme", ThemeWidget(Theme, label=_("theme")))
    responsible = field("responsible", user_widget(_("responsible")))
    status = choice_field("status", FollowUp.Status.choices)
    decision = field("decision")
    decline_reason = field("decline_reason")
    feedback_text = field("feedback_text")
    feedback_published_at = datetime_field("feedback_published_at")
    notes = field("notes", IdsManyToManyWidget(Note, label=_("note")))
    disagreements = field("disagreements", IdsManyToManyWidget(Disagreement, label=_("disagreement")))
    summary_points = field("summary_points", IdsManyToManyWidget(SummaryPoint, label=_("summary point")))
    version = field("version", StrictIntegerWidget())

    class Meta:
        model = FollowUp
        fields = (
            "id",
            "conference",
            "title",
            "description",
            "theme",
            "responsible",
            "status",
            "decision",
            "decline_reason",
            "feedback_text",
            "feedback_published_at",
            "notes",
            "disagreements",
            "summary_points",
            "version",
        )
        import_id_fields = ("id",)


class StatusChangeResource(PortalResource):
    """The steps of each follow-up's timeline; who made a step is personal data."""

    table_name = "status-changes"
    personal_fields = ("changed_by",)
    required_columns = ("followup", "to_status", "changed_at")
    export_ordering = ("followup_id", "changed_at", "pk")
    select_related = ("changed_by",)

    id = field("id", StrictIntegerWidget())
    followup = field("followup", LookupWidget(FollowUp, "pk", label=_("follow-up")))
    from_status = choice_field("from_status", FollowUp.Status.choices)
    to_status = choice_field("to_status", FollowUp.Status.choices)
    changed_by = field("changed_by", user_widget(_("changed by")))
    changed_at = datetime_field("changed_at")
    comment = field("comment")

    class Meta:
        model = StatusChange
        fields = ("id", "followup", "from_status", "to_status", "changed_by", "changed_at", "comment")
        import_id_fields = ("id",)
