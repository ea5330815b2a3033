from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from followups.forms import DateInput, staff_users
from followups.models import Conference, FollowUp

from .models import FIRST_YEAR, LAST_YEAR, ActionPoint, Indicator
from .templatetags.indicators_tags import figure_text

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# The follow-up choices: those of the latest conferences, and those the point already serves.
RECENT_CONFERENCES = 3


def _year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        localize=False,
        widget=forms.NumberInput(attrs={"min": FIRST_YEAR, "max": LAST_YEAR}),
        **kwargs,
    )


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name_sv",
            "name_en",
            "slug",
            "source",
            "theme",
            "unit",
            "scale_min",
            "scale_max",
            "decimals",
            "higher_is_better",
            "description_sv",
            "description_en",
            "order",
        ]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("scale_min", "scale_max"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})


class IndicatorYearForm(forms.Form):
    """A year's value and target; both empty removes the year."""

    year = _year_field(label=_("Year"))
    value = forms.DecimalField(
        label=_("Value"), required=False, max_digits=8, decimal_places=2, localize=True
    )
    target = forms.DecimalField(
        label=_("Target"), required=False, max_digits=8, decimal_places=2, localize=True
    )

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        for name in ("value", "target"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["value"].help_text = _("Leave value and target empty to remove the year.")

    def clean(self):
        data = super().clean()
        for name in ("value", "target"):
            number = data.get(name)
            if number is not None and self.indicator.out_of_scale(number):
                self.add_error(
                    name,
                    _("The indicator's scale runs from %(min)s to %(max)s.")
                    % {
                        "min": figure_text(self.indicator.scale_min, self.indicator),
                        "max": figure_text(self.indicator.scale_max, self.indicator),
                    },
                )
        return data


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("The portal's template, or a file downloaded from Kolada for one key figure."),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator (Kolada file)"),
        queryset=Indicator.objects.order_by("order", "name_sv"),
        required=False,
        to_field_name="slug",
        help_text=_("A Kolada file holds one key figure: say which indicator it is."),
    )
    municipality = forms.CharField(
        label=_("Municipality (Kolada file)"),
        initial="Ale",
        max_length=60,
        help_text=_("Its name or municipality code (Ale: 1440); rows of other municipalities are left out."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class ActionPointForm(forms.ModelForm):
    # The version the edit started from (not a model field of the form: the service compares it).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActionPoint
        fields = [
            "year",
            "title",
            "description",
            "theme",
            "owner",
            "deadline",
            "status",
            "report",
            "followups",
            "indicators",
            "is_published",
        ]
        widgets = {
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "report": forms.Textarea(attrs={"rows": 3}),
            "followups": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["year"] = _year_field(label=_("Plan year"))
        self.fields["owner"].queryset = staff_users()
        self.fields["owner"].required = True
        self.fields["indicators"].queryset = Indicator.objects.order_by("order", "name_sv")
        recent = Conference.objects.order_by("-year").values("pk")[:RECENT_CONFERENCES]
        linked = self.instance.followups.all() if self.instance.pk else FollowUp.objects.none()
        self.fields["followups"].queryset = (
            FollowUp.objects.filter(Q(conference__in=recent) | Q(pk__in=linked.values("pk")))
            .select_related("conference")
            .order_by("-conference__year", "pk")
        )
        self.fields["followups"].label_from_instance = lambda f: f"{f.title} ({f.conference.year})"
