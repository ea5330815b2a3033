"""Mitt konto's own pages: the password, the e-mail address, which notices come by e-mail and
the download of one's data (a printable page, CSV and JSON)."""

import json

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import PermissionRequiredMixin

from aleforetag.core import ratelimit
from aleforetag.core.permissions import permission_required
from aleforetag.core.ratelimit import email_allowed
from aleforetag.exports.formats import rows_to_csv

from . import email_change as email_changes
from . import notices, selectors
from .forms_account import EmailChangeForm, NoticePreferencesForm
from .models import User

OWN_ACCOUNT = "accounts.change_own_account"
OWN_DATA = "accounts.view_own_data"


class PasswordChangeView(PermissionRequiredMixin, auth_views.PasswordChangeView):
    """Django's password change (the old password, the new one twice); the session stays
    signed in, other sessions of the account are signed out."""

    permission_required = OWN_ACCOUNT
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


@require_http_methods(["GET", "POST"])
@permission_required(OWN_ACCOUNT)
def email_change(request):
    """Ask for a new e-mail address: a link goes to it, a notice to the current one."""
    form = EmailChangeForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not email_allowed(request, address=form.cleaned_data["new_email"]):
            # The same allowance as every e-mail a visitor can ask for (issue 19's limit).
            form.add_error(None, ratelimit.MESSAGE)
            return render(request, "accounts/email_change.html", {"form": form}, status=429)
        try:
            email_changes.email_change_request(user=request.user, new_email=form.cleaned_data["new_email"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "We have e-mailed a link to %(email)s. Your address changes when you open it; "
                    "until then you sign in with %(old)s."
                )
                % {"email": form.cleaned_data["new_email"], "old": request.user.email},
            )
            return redirect("accounts:account")
    return render(request, "accounts/email_change.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
@permission_required(OWN_ACCOUNT)
def email_change_cancel(request):
    email_changes.email_change_cancel(user=request.user)
    messages.info(request, _("The change of e-mail address is cancelled."))
    return redirect("accounts:account")


@require_http_methods(["GET", "POST"])
def email_change_confirm(request, token):
    """The link sent to the new address opens a page with a button; only the button (a POST)
    changes the address, so mail scanners that follow links change nothing. Whoever holds
    the link may confirm the address it was sent to."""
    try:
        if request.method == "POST":
            email_changes.email_change_confirm(token=token)
        else:
            user = email_changes.email_change_for_token(token=token)
    except signing.SignatureExpired:
        return render(request, "accounts/email_change_failed.html", {"expired": True}, status=400)
    except (signing.BadSignature, User.DoesNotExist, ValidationError):
        return render(request, "accounts/email_change_failed.html", {"expired": False}, status=400)
    if request.method == "GET":
        return render(request, "accounts/email_change_confirm.html", {"new_email": user.pending_email})
    messages.success(request, _("Your new e-mail address is confirmed. Sign in with it from now on."))
    # Mitt konto, or the sign-in page on the way to it.
    return redirect("accounts:account")


@require_http_methods(["GET", "POST"])
@permission_required(OWN_ACCOUNT)
def notice_preferences(request):
    """Which notices also come by e-mail."""
    data = request.POST if request.method == "POST" else None
    form = NoticePreferencesForm.for_user(User.objects.get(pk=request.user.pk), data)
    if request.method == "POST" and form.is_valid():
        notices.notice_preferences_update(user=request.user, kinds=form.cleaned_data["kinds"])
        messages.success(request, _("Your choice of e-mails is saved."))
        return redirect("accounts:account")
    return render(request, "accounts/notice_preferences.html", {"form": form})


@require_GET
@permission_required(OWN_DATA)
def data_download(request):
    """Everything the portal holds about the person, as a readable page that prints well."""
    return render(
        request,
        "accounts/data_download.html",
        {"sections": selectors.personal_data_sections(user=request.user), "now": timezone.now()},
    )


def _attachment(response, extension: str):
    response["Content-Disposition"] = (
        f'attachment; filename="mina-uppgifter-{timezone.localdate():%Y-%m-%d}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@permission_required(OWN_DATA)
def data_download_json(request):
    """The same data as a JSON file (the right to data portability)."""
    data = selectors.personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _attachment(HttpResponse(body, content_type="application/json; charset=utf-8"), "json")


@require_GET
@permission_required(OWN_DATA)
def data_download_csv(request):
    """The same data as one CSV file for Excel (UTF-8 with BOM, semicolons, formula-like cells
    neutralised): one row per field, with its section and item number."""
    rows = [
        [section.title, number, label, text]
        for section in selectors.personal_data_sections(user=request.user)
        for number, item in enumerate(section.display_items(), start=1)
        for label, text in item
    ]
    body = rows_to_csv([_("Section"), _("Item"), _("Field"), _("Value")], rows)
    return _attachment(HttpResponse(body, content_type="text/csv; charset=utf-8"), "csv")
