from django import forms
from django.utils.translation import gettext_lazy as _

ALL_YEARS = "alla"


class DashboardFilterForm(forms.Form):
    """The year and theme the dashboard shows; choices come from ``dashboard_filter_options``."""

    ar = forms.ChoiceField(label=_("Year"))
    tema = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data, *, options):
        data = {
            "ar": data.get("ar") or str(options.default_year),
            "tema": data.get("tema", ""),
        }
        super().__init__(data)
        self.options = options
        self.fields["ar"].choices = [(ALL_YEARS, _("All years"))] + [(str(y), str(y)) for y in options.years]
        self.fields["tema"].choices = [("", _("All themes"))] + [(t.slug, t.name) for t in options.themes]

    def clean_ar(self) -> int | None:
        value = self.cleaned_data["ar"]
        return None if value == ALL_YEARS else int(value)

    def clean_tema(self):
        slug = self.cleaned_data["tema"]
        return next((theme for theme in self.options.themes if theme.slug == slug), None)
