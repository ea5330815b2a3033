from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from aleforetag.accounts import roles
from aleforetag.core.validators import validate_plain_name

from .models import DiscussionGroup, Registration, Workshop

# Web addresses the staff pages use under /workshoppar/; no workshop may take them.
RESERVED_SLUGS = {"hantera", "ny"}


class RegistrationForm(forms.ModelForm):
    """Register for a workshop. A signed-in user's name and address come from the account,
    so only a visitor fills in who they are."""

    VISITOR_FIELDS = ("name", "email", "organisation_name")

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "organisation_name",
            "preferred_group",
            "dietary_needs",
            "accessibility_needs",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
        help_texts = {"email": _("We send a link to this address that you open to confirm the registration.")}

    def __init__(self, *args, workshop, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        if signed_in:
            for name in self.VISITOR_FIELDS:
                del self.fields[name]
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True
            # The name is repeated in the e-mail to the typed address.
            self.fields["name"].validators.append(validate_plain_name)
            self.fields["organisation_name"].validators.append(validate_plain_name)
        groups = workshop.groups.all()
        if groups:
            self.fields["preferred_group"].queryset = groups
            self.fields["preferred_group"].empty_label = _("No preference")
            self.fields["preferred_group"].help_text = _(
                "Staff try to follow your wish when they seat people."
            )
        else:
            del self.fields["preferred_group"]

    def _post_clean(self):
        # The service owns validation against other registrations (one per person).
        pass
