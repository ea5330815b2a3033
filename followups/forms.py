from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from aleforetag.accounts import roles
from aleforetag.core.numbers import IdsModelMultipleChoiceField
from feedback.models import Disagreement, Note, Theme, Topic
from workshops.models import Workshop

from .models import Conference, FollowUp, default_promised_date


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def staff_users():
    return (
        get_user_model()
        .objects.filter(
            groups__name__in=[roles.STAFF, roles.ADMIN], is_active=True, anonymised_at__isnull=True
        )
        .distinct()
        .order_by("full_name")
    )


class ConferenceForm(forms.ModelForm):
    class Meta:
        model = Conference
        fields = [
            "year",
            "title",
            "slug",
            "starts_on",
            "ends_on",
            "place",
            "description",
            "promised_feedback_date",
            "workshops",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "promised_feedback_date": DateInput(),
            "workshops": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

        help_texts = {
            "slug": _("Made from the title when left empty; letters a–z, digits and hyphens."),
            "workshops": _("The workshops whose input goes to this conference."),
        }
        error_messages = {
            "slug": {"unique": _("Another conference already has this web address; choose another.")},
            "year": {"unique": _("There is already a conference for this year.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshops"].queryset = Workshop.objects.order_by("-starts_at")
        self.fields["year"].localize = False
        self.fields["year"].widget = forms.NumberInput(attrs={"min": 2000, "max": 2100})
        self.fields["slug"].required = False
        if self.instance.pk is None and not self.is_bound:
            year = timezone.localdate().year
            self.initial.setdefault("year", year)
            self.initial.setdefault("promised_feedback_date", default_promised_date(year))

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug:
            return slug
        base = slugify(self.data.get(self.add_prefix("title"), ""))[:90] or "konferens"
        taken = set(
            Conference.objects.exclude(pk=self.instance.pk)
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug


class NoteChoiceField(IdsModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.text


class DisagreementChoiceField(IdsModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.text


class FollowUpForm(forms.ModelForm):
    """The follow-up's facts. On creation it also carries the inputs chosen in the inbox."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    notes = NoteChoiceField(
        label=_("Notes to link"),
        queryset=Note.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    disagreements = DisagreementChoiceField(
        label=_("Disagreements to link"),
        queryset=Disagreement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = FollowUp
        fields = ["conference", "title", "description", "theme", "responsible"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, note_ids=(), disagreement_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_users()
        self.fields["conference"].empty_label = None
        if self.instance.pk:
            del self.fields["notes"]
            del self.fields["disagreements"]
            self.fields["version"].initial = self.instance.version
            if self.instance.is_answered:
                self.fields["conference"].disabled = True
        else:
            del self.fields["version"]
            self.fields["notes"].queryset = Note.objects.published().filter(pk__in=list(note_ids))
            self.fields["disagreements"].queryset = Disagreement.objects.exclude(
                status=Disagreement.Status.WITHDRAWN
            ).filter(pk__in=list(disagreement_ids))
            if not note_ids:
                del self.fields["notes"]
            if not disagreement_ids:
                del self.fields["disagreements"]


class AnswerTextForm(forms.ModelForm):
    """Correcting the decision, the feedback or the reason after the fact; never notifies again."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = FollowUp
        fields = ["decision", "feedback_text", "decline_reason"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def __init__(self, *args, **kwargs):
        # Drawn on the manage page beside the follow-up form: its own ids (one id_version).
        kwargs.setdefault("auto_id", "id_answer_%s")
        super().__init__(*args, **kwargs)
        status = self.instance.status
        keep = {
            FollowUp.Status.DECIDED: ["decision"],
            FollowUp.Status.FEEDBACK_PUBLISHED: ["decision", "feedback_text"],
            FollowUp.Status.DECLINED: ["decline_reason"],
        }.get(status, [])
        for name in ["decision", "feedback_text", "decline_reason"]:
            if name not in keep:
                del self.fields[name]
            else:
                self.fields[name].required = True
        self.fields["version"].initial = self.instance.version

    @property
    def has_texts(self):
        return any(name in self.fields for name in ["decision", "feedback_text", "decline_reason"])


# Which text a move needs, and the field that holds it.
MOVE_TEXT = {
    FollowUp.Status.DECIDED: "decision",
    FollowUp.Status.FEEDBACK_PUBLISHED: "feedback_text",
    FollowUp.Status.DECLINED: "decline_reason",
}


class MoveForm(forms.Form):
    """Move a follow-up one step; the decision, feedback or reason when the step needs one."""

    to_status = forms.ChoiceField(label=_("Move to"))
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    feedback_text = forms.CharField(
        label=_("Feedback to publish"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Public. Everyone whose input is linked gets an e-mail with it, once."),
    )
    decline_reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Public. Everyone whose input is linked is told the reason, once."),
    )
    comment = forms.CharField(label=_("Comment for the timeline"), required=False, max_length=1000)

    def __init__(self, *args, followup: FollowUp, **kwargs):
        super().__init__(*args, **kwargs)
        self.followup = followup
        self.fields["to_status"].choices = [(s, FollowUp.Status(s).label) for s in followup.allowed_moves]
        self.fields["version"].initial = followup.version
        self.fields["decision"].initial = followup.decision

    @property
    def target(self) -> str | None:
        value = (
            self.data.get(self.add_prefix("to_status")) if self.is_bound else self.initial.get("to_status")
        )
        return value if value in self.followup.allowed_moves else None

    @property
    def needed_text(self) -> str | None:
        return MOVE_TEXT.get(self.target)

    def text_fields(self) -> list:
        """The text fields the chosen step needs (the decision stays visible when publishing)."""
        target = self.target
        names = []
        if target == FollowUp.Status.DECIDED or target == FollowUp.Status.FEEDBACK_PUBLISHED:
            names.append("decision")
        if target == FollowUp.Status.FEEDBACK_PUBLISHED:
            names.append("feedback_text")
        if target == FollowUp.Status.DECLINED:
            names.append("decline_reason")
        return [self[name] for name in names]

    def clean(self):
        data = super().clean()
        target = data.get("to_status")
        if (
            target in (FollowUp.Status.DECIDED, FollowUp.Status.FEEDBACK_PUBLISHED)
            and not data.get("decision", "").strip()
        ):
            self.add_error("decision", _("Write what was decided."))
        if target == FollowUp.Status.FEEDBACK_PUBLISHED and not data.get("feedback_text", "").strip():
            self.add_error("feedback_text", _("Write the feedback to publish."))
        if target == FollowUp.Status.DECLINED and not data.get("decline_reason", "").strip():
            self.add_error("decline_reason", _("Give the reason for declining."))
        return data


class TriageFilterForm(forms.Form):
    workshop = forms.ModelChoiceField(
        label=_("Workshop"), queryset=Workshop.objects.order_by("-starts_at"), required=False
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False)
    conference = forms.ModelChoiceField(
        label=_("Follow-ups of conference"),
        queryset=Conference.objects.order_by("-year"),
        required=False,
        help_text=_("Lists every follow-up of that conference in the select below."),
    )

    # Fields that narrow the inputs; ``conference`` only chooses the follow-ups offered.
    INPUT_FILTERS = ("workshop", "theme", "topic")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.empty_label = _("All")
        self.fields["conference"].empty_label = _("Open follow-ups of recent conferences")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self.INPUT_FILTERS and value is not None
        }

    def chosen_conference(self):
        """The conference whose follow-ups the link select should list, or None."""
        return self.cleaned_data.get("conference") if self.is_valid() else None


class TriageLinkForm(forms.Form):
    """Link the inputs ticked in the inbox to one follow-up."""

    followup = forms.ModelChoiceField(
        label=_("Follow-up"),
        queryset=FollowUp.objects.none(),
        help_text=_(
            "Lists the open follow-ups of recent conferences; choose a conference in the filter "
            "above to list all of its follow-ups."
        ),
    )
    notes = IdsModelMultipleChoiceField(queryset=Note.objects.published(), required=False)
    disagreements = IdsModelMultipleChoiceField(
        queryset=Disagreement.objects.exclude(status=Disagreement.Status.WITHDRAWN), required=False
    )

    def __init__(self, *args, followups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if followups is not None:
            self.fields["followup"].queryset = followups
        self.fields["followup"].label_from_instance = lambda f: f"{f.conference.year}: {f.title}"

    def clean(self):
        data = super().clean()
        if not data.get("notes") and not data.get("disagreements"):
            raise forms.ValidationError(_("Tick at least one note or disagreement."))
        return data
