"""Import-export resources for themes, topics, notes, summaries and disagreements.

Themes and topics are written by their Swedish names and read by Swedish name, English
name or slug; a workshop by its slug; people by e-mail address (personal data). Notes,
summary points and disagreements have no natural name, so they keep their numbers, which
summary points and follow-ups use to cite them.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from aleforetag.exports.resources import (
    PortalResource,
    boolean_field,
    choice_field,
    datetime_field,
    field,
)
from aleforetag.exports.widgets import (
    GroupWidget,
    IdsManyToManyWidget,
    LookupWidget,
    NamesManyToManyWidget,
    StrictIntegerWidget,
    ThemeWidget,
)
from workshops.models import DiscussionGroup, Workshop

from .models import Disagreement, Note, Summary, SummaryPoint, Theme, Topic

NAME_LOOKUPS = ("name_sv__iexact", "slug__iexact", "name_en__iexact")


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _pk(value):
    try:
        return int(_text(value))
    except ValueError:
        return None


def user_widget(label):
    return LookupWidget(get_user_model(), "email", label=label, lookups=("email__iexact",))


def workshop_widget():
    return LookupWidget(Workshop, "slug", label=_("workshop"))


class SummaryByThemeWidget(widgets.ForeignKeyWidget):
    """A summary by its theme's name, at the workshop named in the row's ``workshop`` column."""

    render_path = "theme__name_sv"

    def __init__(self):
        super().__init__(Summary, field="theme")

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        workshop = _text((row or {}).get("workshop"))
        summary = (
            Summary.objects.filter(workshop__slug=workshop)
            .filter(
                Q(theme__name_sv__iexact=text) | Q(theme__slug__iexact=text) | Q(theme__name_en__iexact=text)
            )
            .first()
        )
        if summary is None:
            raise ValueError(
                _("The workshop “%(workshop)s” has no summary on the theme “%(theme)s”.")
                % {"workshop": workshop, "theme": text}
            )
        return summary

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.theme.name_sv


class ThemeResource(PortalResource):
    """Themes, found again by slug."""

    table_name = "themes"
    required_columns = ("slug", "name_sv")
    export_ordering = ("order", "slug")

    slug = field("slug")
    name_sv = field("name_sv")
    name_en = field("name_en")
    description_sv = field("description_sv")
    description_en = field("description_en")
    order = field("order", StrictIntegerWidget())

    class Meta:
        model = Theme
        fields = ("slug", "name_sv", "name_en", "description_sv", "description_en", "order")
        import_id_fields = ("slug",)


class TopicResource(PortalResource):
    """Topics, found again by slug; their theme by name."""

    table_name = "topics"
    required_columns = ("slug", "theme", "name_sv")
    export_ordering = ("theme__order", "order", "slug")
    select_related = ("theme",)

    slug = field("slug")
    theme = field("theme", ThemeWidget(Theme, label=_("theme")))
    name_sv = field("name_sv")
    name_en = field("name_en")
    order = field("order", StrictIntegerWidget())

    class Meta:
        model = Topic
        fields = ("slug", "theme", "name_sv", "name_en", "order")
        import_id_fields = ("slug",)


class NoteResource(PortalResource):
    """Notes. Found again by number, or, for new paper notes without one, by workshop, group and
    text, so importing the same transcription twice adds nothing."""

    table_name = "notes"
    header_aliases = {
        "workshop": ("Träff", "Tillfälle"),
        "group": ("Bord", "Bordsgrupp", "Grupp", "Table"),
        "text": ("Text", "Anteckning", "Synpunkt", "Note"),
        "themes": ("Tema", "Teman", "Theme", "Themes"),
        "topics": ("Ämne", "Ämnen", "Topic", "Topics"),
        "kind": ("Typ", "Slag", "Kind"),
    }
    personal_fields = ("author", "moderated_by")
    required_columns = ("workshop", "text", "themes")
    preserved_timestamps = ("created_at",)
    export_ordering = ("pk",)
    select_related = ("workshop", "group", "author", "moderated_by")
    prefetch_related = ("themes", "topics")

    id = field("id", StrictIntegerWidget())
    workshop = field("workshop", workshop_widget())
    group = field("group", GroupWidget(DiscussionGroup))
    author = field("author", user_widget(_("author")))
    source = choice_field("source", Note.Source.choices)
    kind = choice_field("kind", Note.Kind.choices)
    status = choice_field("status", Note.Status.choices)
    text = field("text")
    themes = field(
        "themes",
        NamesManyToManyWidget(
            Theme, label=_("theme"), lookups=NAME_LOOKUPS, render_field="name_sv", required=True
        ),
    )
    topics = field(
        "topics", NamesManyToManyWidget(Topic, label=_("topic"), lookups=NAME_LOOKUPS, render_field="name_sv")
    )
    hidden_reason = field("hidden_reason")
    moderated_by = field("moderated_by", user_widget(_("moderated by")))
    moderated_at = datetime_field("moderated_at")
    created_at = datetime_field("created_at")

    class Meta:
        model = Note
        fields = (
            "id",
            "workshop",
            "group",
            "author",
            "source",
            "kind",
            "status",
            "text",
            "themes",
            "topics",
            "hidden_reason",
            "moderated_by",
            "moderated_at",
            "created_at",
        )
        import_id_fields = ("id",)

    def get_instance(self, instance_loader, row):
        pk = _pk(row.get("id"))
        if pk is not None:
            return Note.objects.filter(pk=pk).first()
        notes = Note.objects.filter(workshop__slug=_text(row.get("workshop")), text=_text(row.get("text")))
        group = _text(row.get("group"))
        notes = notes.filter(group__name__iexact=group) if group else notes.filter(group__isnull=True)
        return notes.order_by("pk").first()

    def after_init_instance(self, instance, new, row, **kwargs):
        """A new note without a source column came from an import."""
        if new and not _text(row.get("source")):
            instance.source = Note.Source.IMPORT


class SummaryResource(PortalResource):
    """Themed summaries, found again by workshop and theme."""

    table_name = "summaries"
    personal_fields = ("last_edited_by", "checked_by")
    required_columns = ("workshop", "theme")
    export_ordering = ("workshop__starts_at", "workshop__slug", "theme__order")
    select_related = ("workshop", "theme", "last_edited_by", "checked_by")

    workshop = field("workshop", workshop_widget())
    theme = field("theme", ThemeWidget(Theme, label=_("theme")))
    introduction = field("introduction")
    status = choice_field("status", Summary.Status.choices)
    version = field("version", StrictIntegerWidget())
    last_edited_by = field("last_edited_by", user_widget(_("last edited by")))
    last_edited_at = datetime_field("last_edited_at")
    checked_by = field("checked_by", user_widget(_("checked by")))
    checked_at = datetime_field("checked_at")
    published_at = datetime_field("published_at")

    class Meta:
        model = Summary
        fields = (
            "workshop",
            "theme",
            "introduction",
            "status",
            "version",
            "last_edited_by",
            "last_edited_at",
            "checked_by",
            "checked_at",
            "published_at",
        )
        import_id_fields = ("workshop", "theme")


class SummaryPointResource(PortalResource):
    """Points of summaries with the numbers of the notes they cite."""

    table_name = "summary-points"
    required_columns = ("workshop", "theme", "text")
    export_ordering = ("pk",)
    select_related = ("summary__workshop", "summary__theme")
    prefetch_related = ("notes",)

    id = field("id", StrictIntegerWidget())
    workshop = field("summary__workshop__slug", readonly=True, column_name="workshop")
    theme = field("summary", SummaryByThemeWidget(), column_name="theme")
    order = field("order", StrictIntegerWidget())
    text = field("text")
    notes = field("notes", IdsManyToManyWidget(Note, label=_("note")))

    class Meta:
        model = SummaryPoint
        fields = ("id", "workshop", "theme", "order", "text", "notes")
        import_id_fields = ("id",)

    def get_instance(self, instance_loader, row):
        pk = _pk(row.get("id"))
        if pk is not None:
            return SummaryPoint.objects.filter(pk=pk).first()
        return (
            SummaryPoint.objects.filter(
                summary__workshop__slug=_text(row.get("workshop")), text=_text(row.get("text"))
            )
            .order_by("pk")
            .first()
        )


class DisagreementResource(PortalResource):
    """Disagreements with summary points; the author is personal data."""

    table_name = "disagreements"
    personal_fields = ("author",)
    required_columns = ("point", "text")
    preserved_timestamps = ("created_at",)
    export_ordering = ("pk",)
    select_related = ("point__summary__workshop", "author")

    id = field("id", StrictIntegerWidget())
    point = field("point", LookupWidget(SummaryPoint, "pk", label=_("summary point")))
    workshop = field("point__summary__workshop__slug", readonly=True, column_name="workshop")
    author = field("author", user_widget(_("author")))
    text = field("text")
    wants_contact = boolean_field("wants_contact")
    status = choice_field("status", Disagreement.Status.choices)
    created_at = datetime_field("created_at")

    class Meta:
        model = Disagreement
        fields = ("id", "point", "workshop", "author", "text", "wants_contact", "status", "created_at")
        import_id_fields = ("id",)
