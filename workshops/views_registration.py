"""Registration: the public form, the e-mailed links, and staff lists and check-in."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from aleforetag.core import ratelimit
from aleforetag.core.permissions import permission_required

from . import selectors, services, tokens
from .calendar import workshop_ics
from .forms import RegistrationForm
from .models import Registration, Workshop


def _published_workshop(slug):
    try:
        return selectors.workshop_for_registration(slug=slug)
    except Workshop.DoesNotExist as missing:
        raise Http404 from missing


def _staff_workshop(slug):
    try:
        return selectors.workshop_for_staff(slug=slug)
    except Workshop.DoesNotExist as missing:
        raise Http404 from missing


def _link_failed(request, *, expired: bool, link: str):
    return render(
        request, "workshops/registration_link_failed.html", {"expired": expired, "link": link}, status=400
    )


def _manage_url(registration):
    return reverse("workshops:registration-detail", args=[tokens.make_manage_token(registration)])


@require_http_methods(["GET", "POST"])
def registration_create(request, slug):
    workshop = _published_workshop(slug)
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        existing = selectors.active_registration_for_user(workshop=workshop, user=user)
        if existing is not None:
            messages.info(request, _("You are already registered for this workshop."))
            return redirect(_manage_url(existing))
    if not workshop.registration_is_open():
        return render(request, "workshops/registration_closed.html", {"workshop": workshop})
    form = RegistrationForm(request.POST or None, workshop=workshop, signed_in=user is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if user is None and not ratelimit.email_allowed(request, address=data["email"]):
            form.add_error(None, ratelimit.MESSAGE)
            context = {"workshop": workshop, "form": form}
            return render(request, "workshops/registration_form.html", context, status=429)
        try:
            registration = services.registration_create(
                workshop=workshop,
                user=user,
                name=data.get("name", ""),
                email=data.get("email", ""),
                organisation_name=data.get("organisation_name", ""),
                dietary_needs=data["dietary_needs"],
                accessibility_needs=data["accessibility_needs"],
                preferred_group=data.get("preferred_group"),
                language=get_language() or "sv",
            )
        except services.RegistrationClosed:
            return render(request, "workshops/registration_closed.html", {"workshop": workshop})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if user is None:
                return redirect("workshops:registration-sent", slug=workshop.slug)
            if registration.has_seat:
                messages.success(request, _("You have a seat. We have e-mailed you a confirmation."))
            else:
                messages.info(request, _("The workshop is full: you are on the waiting list."))
            return redirect(_manage_url(registration))
    return render(request, "workshops/registration_form.html", {"workshop": workshop, "form": form})


def registration_sent(request, slug):
    workshop = _published_workshop(slug)
    return render(request, "workshops/registration_sent.html", {"workshop": workshop})


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token):
    """The link in the e-mail opens a page with a button, and only the button (a POST)
    confirms: mail scanners that follow every link take no seat."""
    try:
        if request.method == "GET":
            registration = selectors.registration_for_confirmation(token=token)
            if registration.status != Registration.Status.PENDING:
                return redirect(_manage_url(registration))
            if timezone.now() >= registration.workshop.starts_at:
                return _link_failed(request, expired=True, link="started")
            return render(
                request,
                "workshops/registration_confirm.html",
                {"registration": registration, "workshop": registration.workshop},
            )
        registration = services.registration_confirm(token=token)
    except signing.SignatureExpired:
        return _link_failed(request, expired=True, link="confirm")
    except (signing.BadSignature, Registration.DoesNotExist):
        return _link_failed(request, expired=False, link="confirm")
    except services.LinkExpired:
        return _link_failed(request, expired=True, link="started")
    if registration.has_seat:
        messages.success(request, _("Your registration is confirmed and you have a seat."))
    elif registration.status == Registration.Status.WAITLISTED:
        messages.info(
            request, _("Your registration is confirmed. The workshop is full: you are on the waiting list.")
        )
    return redirect(_manage_url(registration))


def _registration_from_token(request, token):
    try:
        return selectors.registration_for_token(token=token), None
    except (signing.BadSignature, Registration.DoesNotExist):
        return None, _link_failed(request, expired=False, link="manage")


def registration_detail(request, token):
    registration, failed = _registration_from_token(request, token)
    if failed:
        return failed
    return render(
        request,
        "workshops/registration_detail.html",
        {"registration": registration, "workshop": registration.workshop, "token": token},
    )


def registration_ics(request, token):
    registration, failed = _registration_from_token(request, token)
    if failed:
        return failed
    if not registration.has_seat:
        raise Http404
    response = HttpResponse(
        workshop_ics(workshop=registration.workshop, registration=registration),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{registration.workshop.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    registration, failed = _registration_from_token(request, token)
    if failed:
        return failed
    if request.method == "POST" and registration.is_active:
        try:
            services.registration_cancel(registration=registration, actor=request.user)
        except services.LinkExpired:
            return _link_failed(request, expired=True, link="started")
        messages.success(request, _("Your registration is cancelled."))
        return redirect("workshops:registration-detail", token=token)
    return render(
        request,
        "workshops/registration_cancel.html",
        {"registration": registration, "workshop": registration.workshop, "token": token},
    )


@permission_required("workshops.view_registrations")
def registration_list(request, slug):
    workshop = _staff_workshop(slug)
    return render(
        request,
        "workshops/registration_list.html",
        {
            "workshop": workshop,
            "counts": selectors.registration_counts(workshop=workshop),
            **selectors.registrations_by_status(workshop=workshop),
        },
    )


@permission_required("workshops.view_registrations")
def registration_sheet(request, slug):
    workshop = _staff_workshop(slug)
    registrations = selectors.registrations_for_staff(workshop=workshop).filter(
        status=Registration.Status.CONFIRMED
    )
    return render(
        request, "workshops/registration_sheet.html", {"workshop": workshop, "registrations": registrations}
    )


@permission_required("workshops.check_in_registration")
def registration_door(request, slug):
    workshop = _staff_workshop(slug)
    registrations = selectors.registrations_for_staff(workshop=workshop)
    return render(
        request,
        "workshops/registration_door.html",
        {
            "workshop": workshop,
            "seated": registrations.filter(status=Registration.Status.CONFIRMED),
            "waitlisted": registrations.filter(status=Registration.Status.WAITLISTED),
            "counts": selectors.registration_counts(workshop=workshop),
        },
    )


@permission_required("workshops.check_in_registration")
@require_POST
def registration_check_in(request, slug, pk):
    registration = get_object_or_404(Registration.objects.active(), workshop__slug=slug, pk=pk)
    if request.POST.get("undo"):
        services.registration_undo_check_in(registration=registration, actor=request.user)
        messages.info(request, _("%(name)s is no longer checked in.") % {"name": registration.name})
    else:
        services.registration_check_in(registration=registration, actor=request.user)
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    return redirect(reverse("workshops:registration-door", args=[slug]) + f"#registration-{registration.pk}")


@permission_required("workshops.check_in_registration")
@require_POST
def registration_fill(request, slug):
    workshop = _staff_workshop(slug)
    promoted = services.workshop_fill_from_waiting_list(workshop=workshop, actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d person got a seat from the waiting list and an e-mail.",
            "%(count)d people got seats from the waiting list and an e-mail.",
            len(promoted),
        )
        % {"count": len(promoted)},
    )
    return redirect("workshops:registration-list", slug=workshop.slug)
