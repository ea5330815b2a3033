"""Forms of the summaries half: the summary editor with its note picker, and disagreement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.models import DiscussionGroup, Workshop

from ..models import NOTE_MAX_LENGTH, Disagreement, Summary, Theme, Topic
from ..services.summaries import PointInput


class SummaryCreateForm(forms.ModelForm):
    """Start a summary: the workshop, the theme and the introduction."""

    class Meta:
        model = Summary
        fields = ["workshop", "theme", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.order_by("-starts_at")
        self.fields["workshop"].empty_label = _("Choose a workshop")
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["theme"].empty_label = _("Choose a theme")


class NoteFilterForm(forms.Form):
    """Narrow the notes offered to every point's picker; submitting it saves nothing."""

    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All themes")
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, empty_label=_("All topics")
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=DiscussionGroup.objects.none(), required=False, empty_label=_("All groups")
    )
    q = forms.CharField(
        label=_("Text contains"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, prefix="filter", **kwargs)
        self.fields["group"].queryset = DiscussionGroup.objects.filter(workshop=workshop).order_by(
            "order", "name"
        )

    def filters(self) -> dict:
        """The valid filter values, as keyword arguments for ``notes_for_picker``."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "theme": data["theme"],
            "topic": data["topic"],
            "group": data["group"],
            "text": data["q"].strip(),
        }


class SummaryEditForm(forms.Form):
    """The introduction and the version the editor started from (for refusing stale saves)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class SummaryPointForm(forms.Form):
    """One point: its text, its place in the order and the notes it cites."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Point"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    order = forms.IntegerField(
        label=_("Place in the order"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_("Empty: after the other points."),
    )
    notes = forms.MultipleChoiceField(
        label=_("Cited notes"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, note_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Each choice's label is the note itself: the page shows its group, kind and themes.
        self.fields["notes"].choices = [(str(note.pk), note) for note in note_choices]

    def cited_ids(self) -> set[str]:
        """The note ids this point cites as the form stands (bound data or initial)."""
        if self.is_bound:
            return set(self.data.getlist(self.add_prefix("notes")))
        return {str(pk) for pk in self.initial.get("notes", [])}


class BaseSummaryPointFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this point")

    def clean(self):
        if any(self.errors):
            return
        orders = [
            form.cleaned_data["order"]
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("order") is not None
        ]
        if len(orders) != len(set(orders)):
            raise forms.ValidationError(_("Two points have the same place in the order."))

    def point_inputs(self) -> list[PointInput]:
        """The valid points in their order; points without a place go last, in form order."""
        kept = [item for item in self.cleaned_data if item and (item.get("id") or not item.get("DELETE"))]
        last = max((item["order"] for item in kept if item.get("order") is not None), default=0)
        inputs = []
        for item in kept:
            order = item.get("order")
            if order is None:
                last += 1
                order = last
            inputs.append(
                PointInput(
                    pk=item.get("id"),
                    text=item.get("text", ""),
                    order=order,
                    note_ids=[int(note_id) for note_id in item.get("notes", [])],
                    delete=bool(item.get("DELETE")),
                )
            )
        return inputs


SummaryPointFormSet = forms.formset_factory(
    SummaryPointForm, formset=BaseSummaryPointFormSet, extra=1, can_delete=True, max_num=100
)


class SummaryVersionForm(forms.Form):
    """The version a status change was asked for, so a change to a newer text is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class SummaryReturnForm(SummaryVersionForm):
    """Sending a summary back to its author, with a comment for them to read."""

    comment = forms.CharField(label=_("Comment for the author (optional)"), required=False, max_length=2000)


class CompareForm(forms.Form):
    """Two versions of a summary to compare."""

    a = forms.TypedChoiceField(
        label=_("Older version"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    b = forms.TypedChoiceField(
        label=_("Newer version"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


class DisagreementForm(forms.ModelForm):
    """Why a business owner disagrees with a point, and whether they want to be contacted."""

    class Meta:
        model = Disagreement
        fields = ["text", "wants_contact"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX_LENGTH})}
        help_texts = {"text": _("At most 2,000 characters.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True
