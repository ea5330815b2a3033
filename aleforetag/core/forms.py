from django import forms

from .models import SiteSettings


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
