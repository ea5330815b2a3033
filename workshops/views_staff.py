"""Staff pages for workshops: the list, create, copy, edit with table groups, publish and
cancel, and registrations taken by phone or at the door, cancelled by staff, the kitchen
list and the CSV of the registrations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aleforetag.core.numbers import form_count
from aleforetag.core.permissions import permission_required
from aleforetag.exports.formats import rows_to_csv

from . import selectors, services, services_staff
from .forms import GROUP_ROWS, StaffRegistrationForm, WorkshopForm, group_formset
from .models import Registration, Workshop

MANAGE = "workshops.manage_workshop"
VIEW_REGISTRATIONS = "workshops.view_registrations"
PER_PAGE = 25


def _workshop(slug) -> Workshop:
    try:
        return selectors.workshop_for_editing(slug=slug)
    except Workshop.DoesNotExist as missing:
        raise Http404 from missing


def _quiet(form) -> None:
    """Draw a bound form with what was typed but without errors (after "more rows")."""
    form._errors = ErrorDict()
    form.cleaned_data = {}


@require_GET
@permission_required(MANAGE)
def workshop_manage_list(request):
    page = Paginator(selectors.workshops_for_staff(), PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "workshops/workshop_manage_list.html", {"page_obj": page, "now": timezone.now()})


def _group_inputs(formset) -> list[services_staff.GroupInput]:
    inputs = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or (not form.instance.pk and not form.has_changed()):
            continue
        inputs.append(
            services_staff.GroupInput(
                name=data.get("name") or "",
                order=data.get("order"),
                host=data.get("host"),
                pk=form.instance.pk,
                delete=bool(data.get("DELETE")),
            )
        )
    return inputs


def _workshop_form_page(request, *, instance, initial_groups=(), title, copy_of=None):
    """The workshop form with its table groups: "more rows" redraws it with what was typed
    and three more empty group rows; "save" validates both and calls one service."""
    extra = GROUP_ROWS + len(initial_groups)
    if request.method == "POST":
        total = request.POST.get("bord-TOTAL_FORMS", "")
        more = "more_groups" in request.POST
        data = request.POST.copy()
        if more and (count := form_count(total)) is not None:
            data["bord-TOTAL_FORMS"] = str(min(count + GROUP_ROWS, 1000))
        form = WorkshopForm(data, instance=instance)
        formset = group_formset(extra)(data, instance=instance, prefix="bord")
        if more:
            _quiet(form)
            for row in formset.forms:
                _quiet(row)
            formset._non_form_errors = ErrorList()
        elif form.is_valid() and formset.is_valid():
            try:
                workshop = services_staff.workshop_save(
                    actor=request.user, workshop=form.instance, groups=_group_inputs(formset)
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The workshop “%(title)s” was saved.") % {"title": workshop.title}
                )
                return redirect("workshops:workshop-update", slug=workshop.slug)
    else:
        form = WorkshopForm(instance=instance)
        formset = group_formset(extra)(instance=instance, prefix="bord", initial=list(initial_groups))
    status = 400 if request.method == "POST" and (form.errors or formset.total_error_count()) else 200
    return render(
        request,
        "workshops/workshop_form.html",
        {"form": form, "formset": formset, "workshop": instance, "title": title, "copy_of": copy_of},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def workshop_create(request):
    return _workshop_form_page(request, instance=Workshop(), title=_("New workshop"))


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def workshop_copy(request, slug):
    original = _workshop(slug)
    return _workshop_form_page(
        request,
        instance=services_staff.workshop_copy(original=original),
        initial_groups=services_staff.copy_groups(original=original),
        title=_("Copy of %(title)s") % {"title": original.title},
        copy_of=original,
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def workshop_update(request, slug):
    workshop = _workshop(slug)
    return _workshop_form_page(
        request, instance=workshop, title=_("Edit %(title)s") % {"title": workshop.title}
    )


@require_POST
@permission_required(MANAGE)
def workshop_publish(request, slug):
    workshop = _workshop(slug)
    try:
        services_staff.workshop_publish(actor=request.user, workshop=workshop)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The workshop “%(title)s” is published.") % {"title": workshop.title})
    return redirect("workshops:workshop-update", slug=workshop.slug)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def workshop_cancel(request, slug):
    workshop = get_object_or_404(Workshop.objects.with_seats_taken(), slug=slug)
    if request.method == "POST":
        told = services_staff.workshop_cancel(actor=request.user, workshop=workshop)
        messages.success(
            request,
            ngettext(
                "The workshop is cancelled. %(count)d registered person is told by e-mail.",
                "The workshop is cancelled. %(count)d registered people are told by e-mail.",
                told,
            )
            % {"count": told}
            if told
            else _("The workshop is cancelled. Nobody was registered to tell."),
        )
        return redirect("portal:workshop-manage-list")
    counts = selectors.registration_counts(workshop=workshop)
    return render(request, "workshops/workshop_cancel.html", {"workshop": workshop, "counts": counts})


# --- registrations ---


@require_http_methods(["GET", "POST"])
@permission_required(VIEW_REGISTRATIONS)
def registration_add(request, slug):
    workshop = _workshop(slug)
    form = StaffRegistrationForm(request.POST if request.method == "POST" else None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services_staff.registration_add_by_staff(
                actor=request.user,
                workshop=workshop,
                source=data["source"],
                name=data["name"],
                email=data.get("email", ""),
                organisation_name=data.get("organisation_name", ""),
                preferred_group=data.get("preferred_group"),
                dietary_needs=data.get("dietary_needs", ""),
                accessibility_needs=data.get("accessibility_needs", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered: %(status)s.")
                % {"name": registration.name, "status": registration.get_status_display().lower()},
            )
            return redirect("workshops:registration-list", slug=workshop.slug)
    status = 400 if form.errors else 200
    return render(
        request, "workshops/registration_add.html", {"workshop": workshop, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@permission_required(VIEW_REGISTRATIONS)
def registration_staff_cancel(request, slug, pk):
    registration = get_object_or_404(
        Registration.objects.active().select_related("workshop"), workshop__slug=slug, pk=pk
    )
    if request.method == "POST":
        try:
            promoted = services.registration_cancel(registration=registration, actor=request.user)
        except services.LinkExpired:
            messages.error(request, _("The workshop has started; registrations can no longer be cancelled."))
        else:
            text = _("%(name)s's registration is cancelled and they are told by e-mail.") % {
                "name": registration.name
            }
            if promoted:
                text += " " + _("%(names)s moved up from the waiting list and are told.") % {
                    "names": ", ".join(each.name for each in promoted)
                }
            messages.success(request, text)
        return redirect("workshops:registration-list", slug=slug)
    return render(
        request,
        "workshops/registration_staff_cancel.html",
        {"registration": registration, "workshop": registration.workshop},
    )


@require_GET
@permission_required(VIEW_REGISTRATIONS)
def registration_kitchen(request, slug):
    workshop = _workshop(slug)
    return render(
        request,
        "workshops/registration_kitchen.html",
        {"workshop": workshop, **selectors.kitchen_list(workshop=workshop)},
    )


@require_GET
@permission_required(VIEW_REGISTRATIONS)
def registration_csv(request, slug):
    workshop = _workshop(slug)
    headers = [
        _("Name"),
        _("E-mail"),
        _("Company or organisation"),
        _("Status"),
        _("Registered"),
        _("Preferred table group"),
        _("Dietary needs and allergies"),
        _("Accessibility needs"),
        _("Checked in"),
    ]
    rows = (
        [
            r.name,
            r.email,
            r.organisation_name,
            r.get_status_display(),
            r.get_source_display(),
            r.preferred_group.name if r.preferred_group else "",
            r.dietary_needs,
            r.accessibility_needs,
            timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M") if r.checked_in_at else "",
        ]
        for r in selectors.registrations_for_staff(workshop=workshop)
    )
    response = HttpResponse(rows_to_csv(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anmalningar-{workshop.slug}.csv"'
    return response
