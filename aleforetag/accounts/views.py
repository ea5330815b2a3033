from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aleforetag.core import ratelimit
from aleforetag.core.ratelimit import email_allowed

from . import selectors, services
from .forms import (
    AccountForm,
    EmailAuthenticationForm,
    OutboxPasswordResetForm,
    ResendConfirmationForm,
    SignUpForm,
)
from .models import User


class SignInView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


def _email_limited(request, form, template_name):
    """The form again, with the reason nothing was sent (429: the e-mail limit is reached)."""
    form.add_error(None, ratelimit.MESSAGE)
    return render(request, template_name, {"form": form}, status=429)


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not email_allowed(request, address=data["email"]):
            return _email_limited(request, form, "accounts/sign_up.html")
        services.business_owner_sign_up(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            organisation_name=data["organisation_name"],
            language=get_language() or "sv",
        )
        return redirect("accounts:sign-up-done")
    return render(request, "accounts/sign_up.html", {"form": form})


def sign_up_done(request):
    return render(request, "accounts/sign_up_done.html")


@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """The link in the e-mail opens a page with a button, and only the button (a POST)
    confirms the address: mail scanners that follow every link confirm nothing."""
    try:
        if request.method == "POST":
            services.user_confirm_email(token=token)
        else:
            user = selectors.user_for_confirmation(token=token)
    except signing.SignatureExpired:
        return render(request, "accounts/confirm_failed.html", {"expired": True}, status=400)
    except (signing.BadSignature, User.DoesNotExist):
        return render(request, "accounts/confirm_failed.html", {"expired": False}, status=400)
    if request.method == "GET":
        if user.email_confirmed:
            messages.info(request, _("Your e-mail address is already confirmed. You can sign in."))
            return redirect("accounts:login")
        return render(request, "accounts/confirm_email.html")
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not email_allowed(request, address=form.cleaned_data["email"]):
            return _email_limited(request, form, "accounts/resend_confirmation.html")
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"],
            email_confirmed=False,
            anonymised_at__isnull=True,
        ).first()
        if user is not None:
            services.send_confirmation_email(user=user)
        # The same answer whether or not the address has an account.
        return redirect("accounts:sign-up-done")
    return render(request, "accounts/resend_confirmation.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = OutboxPasswordResetForm
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        if not email_allowed(self.request, address=form.cleaned_data["email"]):
            return _email_limited(self.request, form, self.template_name)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(request, original_response=None, credentials=None):
    """The page shown while sign-in is paused after too many failed attempts (django-axes)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request,
        "accounts/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=429,
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """ "Mitt konto": the account holder's details, language and e-mail preferences."""
    form = AccountForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        services.user_update_account(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your changes are saved."))
        return redirect("accounts:account")
    can_delete = request.user.has_perm("accounts.delete_own_account")
    return render(request, "accounts/account_detail.html", {"form": form, "can_delete": can_delete})
