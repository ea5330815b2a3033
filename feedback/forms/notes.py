"""Forms for notes: the business owner's note, paper-note transcription, hiding, the notes filter."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from aleforetag.core.numbers import IdsModelMultipleChoiceField
from feedback.models import NOTE_MAX_LENGTH, Note, Theme, Topic
from feedback.selectors.notes import notes_search
from workshops.models import DiscussionGroup, Workshop

TEXT_HELP = _("At most 2,000 characters.")


class NoteTextField(forms.CharField):
    """Counts a line break as one character, as the browser's counter does (it submits CRLF)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


def _text_field(**kwargs):
    return NoteTextField(
        label=_("Your note"),
        max_length=NOTE_MAX_LENGTH,
        help_text=TEXT_HELP,
        error_messages={
            "max_length": _("The note may be at most %(limit_value)d characters; it has %(show_value)d."),
        },
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                # Read by feedback/js/character-count.js; without JavaScript the help text says it.
                "data-character-count": _("%(remaining)s of %(max)s characters left"),
            }
        ),
        **kwargs,
    )


def _themes_field():
    return IdsModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
        error_messages={"required": _("Choose at least one theme.")},
    )


class TopicsByThemeIterator(forms.models.ModelChoiceIterator):
    """Topic choices grouped under their theme's name, in the themes' order."""

    def __iter__(self):
        groups = {}
        for topic in self.queryset:
            groups.setdefault(topic.theme, []).append(self.choice(topic))
        for theme, choices in groups.items():
            yield (theme.name, choices)


class TopicsField(IdsModelMultipleChoiceField):
    iterator = TopicsByThemeIterator


def _topics_field():
    return TopicsField(
        label=_("Topics"),
        queryset=Topic.objects.select_related("theme"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _kind_field():
    return forms.ChoiceField(label=_("Kind"), choices=Note.Kind.choices, initial=Note.Kind.SUGGESTION)


class NoteForm(forms.Form):
    """A business owner's note on one workshop."""

    group = forms.ModelChoiceField(
        label=_("Your discussion group"),
        queryset=DiscussionGroup.objects.none(),
        required=False,
        empty_label=_("No group / don't know"),
    )
    text = _text_field()
    kind = _kind_field()
    themes = _themes_field()
    topics = _topics_field()

    def __init__(self, *args, workshop: Workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = DiscussionGroup.objects.filter(workshop=workshop).order_by(
            "order", "name"
        )

    @classmethod
    def initial_for(cls, note: Note) -> dict:
        return {
            "group": note.group_id,
            "text": note.text,
            "kind": note.kind,
            "themes": [theme.pk for theme in note.themes.all()],
            "topics": [topic.pk for topic in note.topics.all()],
        }


class TranscriptionGroupForm(forms.Form):
    """The discussion group every transcribed paper note of one batch belongs to."""

    group = forms.ModelChoiceField(
        label=_("Discussion group"),
        queryset=DiscussionGroup.objects.none(),
        required=False,
        empty_label=_("No group"),
    )

    def __init__(self, *args, workshop: Workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = DiscussionGroup.objects.filter(workshop=workshop).order_by(
            "order", "name"
        )


class TagCatalogue:
    """Every theme and topic, read once for a whole page of transcription rows (two queries
    whatever the number of rows), with choices grouped by theme."""

    def __init__(self, themes: list[Theme], topics: list[Topic]):
        self.themes = {theme.pk: theme for theme in themes}
        self.topics = {topic.pk: topic for topic in topics}
        self.theme_choices = [(theme.pk, theme.name) for theme in themes]
        by_theme: dict[int, list] = {theme.pk: [] for theme in themes}
        for topic in topics:
            by_theme.setdefault(topic.theme_id, []).append((topic.pk, topic.name))
        self.topics_by_theme = [(self.themes[pk], choices) for pk, choices in by_theme.items() if choices]


class PaperNoteForm(forms.Form):
    """One row of the transcription page; an untouched row is skipped. Themes and topics
    are chosen from the page's ``TagCatalogue``; the template draws the topics compactly,
    grouped by theme, the chosen themes' topics first."""

    text = _text_field(required=True)
    kind = _kind_field()
    themes = forms.TypedMultipleChoiceField(
        label=_("Themes"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )
    topics = forms.TypedMultipleChoiceField(
        label=_("Topics"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, catalogue: TagCatalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        self.fields["text"].label = _("Note text")
        self.fields["text"].widget.attrs["rows"] = 2
        self.fields["themes"].choices = catalogue.theme_choices
        self.fields["topics"].choices = [
            (pk, name) for _theme, choices in catalogue.topics_by_theme for pk, name in choices
        ]

    def clean_themes(self):
        return [self.catalogue.themes[pk] for pk in self.cleaned_data["themes"]]

    def clean_topics(self):
        return [self.catalogue.topics[pk] for pk in self.cleaned_data["topics"]]

    def topic_groups(self):
        """The topics grouped by theme for the template, the chosen themes' groups first,
        each choice with its input id and whether it is checked."""
        chosen_themes = {
            str(value) for value in (self.data.getlist(self.add_prefix("themes")) if self.is_bound else [])
        }
        chosen_topics = {
            str(value) for value in (self.data.getlist(self.add_prefix("topics")) if self.is_bound else [])
        }
        groups = []
        for theme, choices in self.catalogue.topics_by_theme:
            groups.append(
                {
                    "theme": theme,
                    "chosen_theme": str(theme.pk) in chosen_themes,
                    "choices": [
                        {
                            "value": pk,
                            "label": name,
                            "id": f"{self.auto_id % self.add_prefix('topics')}_{pk}",
                            "checked": str(pk) in chosen_topics,
                        }
                        for pk, name in choices
                    ],
                }
            )
        groups.sort(key=lambda group: not group["chosen_theme"])
        return groups

    def chosen_topic_count(self):
        return len(self.data.getlist(self.add_prefix("topics"))) if self.is_bound else 0


TRANSCRIPTION_MAX_ROWS = 60


class BasePaperNoteFormSet(forms.BaseFormSet):
    def clean(self):
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Type at least one note."))

    def filled_forms(self):
        return [form for form in self.forms if form.has_changed()]


def paper_note_formset(rows: int):
    """A formset class with ``rows`` empty rows (a submitted formset keeps its own count)."""
    return forms.formset_factory(
        PaperNoteForm,
        formset=BasePaperNoteFormSet,
        extra=rows,
        max_num=TRANSCRIPTION_MAX_ROWS,
        absolute_max=TRANSCRIPTION_MAX_ROWS,
        validate_max=True,
    )


class NoteHideForm(forms.Form):
    """Why a note is hidden; its author will see this."""

    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=500,
        help_text=_("The author sees this reason. Keep it short and factual."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


SEARCH_MAX_LENGTH = 200


class NoteFilter(django_filters.FilterSet):
    """Filters of the notes page: theme, topic, group, kind and a text search."""

    tema = django_filters.ChoiceFilter(label=_("Theme"), method="by_theme", empty_label=_("All themes"))
    amne = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        empty_label=_("All topics"),
    )
    grupp = django_filters.ModelChoiceFilter(
        label=_("Discussion group"),
        field_name="group",
        queryset=DiscussionGroup.objects.none(),
        empty_label=_("All groups"),
    )
    typ = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="kind", choices=Note.Kind.choices, empty_label=_("All kinds")
    )
    # Bounded: a search is a few words (and SQLite refuses LIKE patterns over 50,000 bytes).
    sok = django_filters.CharFilter(label=_("Search"), method="search", max_length=SEARCH_MAX_LENGTH)

    class Meta:
        model = Note
        fields = []

    def __init__(self, *args, workshop: Workshop, themes: list[Theme], **kwargs):
        """``themes``: every theme in order, as the page reads them for its counts; the theme
        select offers them by slug, so it needs no query of its own."""
        super().__init__(*args, **kwargs)
        self._themes = {theme.slug: theme for theme in themes}
        self.filters["tema"].extra["choices"] = [(theme.slug, theme.name) for theme in themes]
        self.filters["grupp"].queryset = DiscussionGroup.objects.filter(workshop=workshop).order_by(
            "order", "name"
        )

    def by_theme(self, queryset, name, value):
        return queryset.filter(themes=self._themes[value])

    def search(self, queryset, name, value):
        return notes_search(queryset, value)
