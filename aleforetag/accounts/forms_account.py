"""Forms of "Mitt konto" beyond the details: the e-mail address and which notices come by e-mail."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Notice


class EmailChangeForm(forms.Form):
    """A new address to sign in with, confirmed with the current password."""

    new_email = forms.EmailField(
        label=_("New e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        email = self.cleaned_data["new_email"].strip().lower()
        if email == self.user.email:
            raise ValidationError(_("This is already your e-mail address."), code="same")
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is wrong."), code="wrong_password")
        return password


FEEDBACK = Notice.Kind.FEEDBACK_PUBLISHED


class NoticePreferencesForm(forms.Form):
    """Which notices also come by e-mail; every notice shows on Mina sidor either way."""

    kinds = forms.MultipleChoiceField(
        label=_("Also send me an e-mail when"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(kind.value, kind.label) for kind in (*Notice.EMAIL_CHOICES, FEEDBACK)],
        help_text=_(
            "Every notice shows on My pages. E-mails about your registrations (a seat from the "
            "waiting list, a workshop cancelled or moved) always come, since they concern a booking."
        ),
    )

    @classmethod
    def for_user(cls, user, data=None):
        initial = [kind for kind in user.email_notice_kinds or () if kind in Notice.EMAIL_CHOICES]
        if user.email_notifications:
            initial.append(FEEDBACK)
        return cls(data, initial={"kinds": initial})
