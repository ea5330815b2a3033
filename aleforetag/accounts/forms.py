from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from aleforetag.core.outbox import queue_email
from aleforetag.core.validators import validate_plain_name

from .models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is wrong. Please try again."),
        "unconfirmed": _(
            "Your e-mail address is not confirmed yet. Open the link we e-mailed you, "
            'or <a href="%(url)s">send a new link</a>.'
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_confirmed:
            raise ValidationError(
                format_html(
                    str(self.error_messages["unconfirmed"]).replace("%(url)s", "{}"),
                    reverse("accounts:resend-confirmation"),
                ),
                code="unconfirmed",
            )


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        validators=[validate_plain_name],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation_name = forms.CharField(
        label=_("Company or organisation"),
        max_length=200,
        required=False,
        validators=[validate_plain_name],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        # Whether the address has an account is not told here (the service e-mails its
        # owner instead), so the form cannot be used to find out who has one.
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            probe = User(email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or "")
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class AccountForm(forms.ModelForm):
    """The account holder's own details and preferences on "Mitt konto"."""

    class Meta:
        model = User
        fields = ["full_name", "phone", "organisation_name", "language", "email_notifications"]
        labels = {
            "full_name": _("Your name"),
            "organisation_name": _("Company or organisation"),
            "language": _("Language for e-mail"),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The same names as at sign-up: the portal repeats them in e-mail and staff lists.
        for name in ("full_name", "organisation_name"):
            self.fields[name].validators.append(validate_plain_name)


class AccountDeleteForm(forms.Form):
    """Confirm the deletion of one's own account with the current password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted and cannot be restored"), required=True
    )

    def __init__(self, *args, user, request, **kwargs):
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        # Checked as a sign-in, so that wrong passwords here count towards the same lockout
        # (django-axes) as on the sign-in form and cannot be guessed here without limit.
        password = self.cleaned_data["password"]
        user = authenticate(self.request, username=self.user.email, password=password)
        if user is None or user.pk != self.user.pk:
            raise ValidationError(_("The password is wrong."), code="wrong_password")
        return password


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail recorded in the outbox (never sent from the web
    request) and written in the language the person chose for e-mail."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context["user"]
        queue_email(
            to=to_email,
            template="accounts/email/password_reset",
            context=context,
            language=user.language,
        )
