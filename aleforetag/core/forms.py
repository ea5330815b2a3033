from django import forms
from django.urls import reverse

from .models import SiteSettings


class ServedFile(str):
    """A stored file's name with the address the site serves it at: the form links the current
    logo and favicon there (the storage itself has no public address)."""

    url = ""

    @property
    def name(self) -> str:
        return str(self)


class SiteSettingsForm(forms.ModelForm):
    """The municipality's identity and the contact centre in the footer; the model's validators
    refuse a main colour under 4.5:1 contrast and logos or favicons of other types or sizes."""

    class Meta:
        model = SiteSettings
        fields = [
            "municipality_name",
            "service_name",
            "service_name_en",
            "logo",
            "logo_alt",
            "main_colour",
            "favicon",
            "contact_centre_name",
            "phone",
            "email",
            "visiting_address",
            "postal_address",
            "opening_hours",
            "opening_hours_en",
            "accessibility_contact_email",
        ]
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
            "favicon": forms.ClearableFileInput(attrs={"accept": "image/png,image/x-icon,.ico"}),
            "main_colour": forms.TextInput(
                attrs={"pattern": "#[0-9a-fA-F]{6}", "spellcheck": "false", "autocomplete": "off"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, url_name in (("logo", "site-logo"), ("favicon", "favicon")):
            current = getattr(self.instance, name)
            if current:
                shown = ServedFile(current.name)
                shown.url = f"{reverse(url_name)}?v={self.instance.version}"
                self.initial[name] = shown
