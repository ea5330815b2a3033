from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from aleforetag.core.permissions import permission_required, require_permission
from aleforetag.exports.formats import rows_to_csv

from . import selectors, services
from .charts import indicator_charts
from .forms import ActionPointForm, IndicatorForm, IndicatorImportForm, IndicatorYearForm
from .importing import TEMPLATE_HEADERS, ImportRowsError, read_rows
from .models import FIRST_YEAR, LAST_YEAR, ActionPoint, Indicator

READ = "indicators.read_indicators"
MANAGE = "indicators.manage_indicators"
READ_WHOLE_PLAN = "indicators.read_whole_plan"
MANAGE_PLAN = "indicators.manage_action_plan"


def _indicator(slug, *, for_page=True) -> Indicator:
    try:
        if for_page:
            return selectors.indicator_for_page(slug=slug)
        return Indicator.objects.select_related("theme").get(slug=slug)
    except Indicator.DoesNotExist as missing:
        raise Http404 from missing


def _known_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


# --- indicators ---


@require_GET
@permission_required(READ)
def indicator_list(request):
    """The register, by theme, with each indicator's latest value against its target."""
    series = selectors.indicator_series()
    groups = selectors.group_by_theme(series, lambda s: s.indicator.theme)
    return render(
        request,
        "indicators/indicator_list.html",
        {"groups": groups, "has_examples": any(s.has_examples for s in series)},
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def indicator_create(request):
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator was added."))
            return redirect(indicator)
    context = {
        "form": form,
        "heading": _("New indicator"),
        "cancel_url": reverse("indicators:indicator-list"),
    }
    return render(request, "staff_form.html", context)


@require_GET
@permission_required(READ)
def indicator_detail(request, slug):
    indicator = _indicator(slug)
    series = selectors.Series.of(indicator)
    year_form = None
    if request.user.has_perm(MANAGE):
        year_form = IndicatorYearForm(indicator=indicator, initial={"year": timezone.localdate().year})
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "series": series,
            "movement": series.movement(),
            "charts": indicator_charts(series, chart_id="indicator-chart"),
            "points": indicator.action_points.all(),
            "year_form": year_form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_update(request, slug):
    indicator = _indicator(slug, for_page=False)
    require_permission(request.user, MANAGE, indicator)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect(indicator)
    context = {
        "form": form,
        "indicator": indicator,
        "heading": _("Edit %(name)s") % {"name": indicator.name},
        "cancel_url": indicator.get_absolute_url(),
    }
    return render(request, "staff_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_year_set(request, slug):
    """Enter or correct one year's value and target (the form on the indicator's page posts
    here, and a bad value comes back here with the figures as typed)."""
    indicator = _indicator(slug)
    require_permission(request.user, MANAGE, indicator)
    initial = {}
    year = request.GET.get("ar", "")
    if year.isdigit() and len(year) == 4:
        existing = selectors.Series.of(indicator).at(int(year))
        initial = {"year": int(year)}
        if existing is not None:
            initial.update(value=existing.value, target=existing.target)
    form = IndicatorYearForm(request.POST or None, indicator=indicator, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.indicator_year_set(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if row is None:
                messages.success(request, _("The year was removed."))
            else:
                messages.success(request, _("The figures for %(year)s were saved.") % {"year": row.year})
            return redirect(indicator)
    return render(request, "indicators/indicator_year_form.html", {"form": form, "indicator": indicator})


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE)
def indicator_import(request):
    """Import values (and targets) from a CSV file: all rows or none, each bad row named."""
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            read = read_rows(
                form.cleaned_data["file"].read(),
                indicator=form.cleaned_data["indicator"],
                municipality=form.cleaned_data["municipality"],
            )
        except ImportRowsError as error:
            problems = error.problems
        else:
            outcome = services.indicator_years_import(actor=request.user, rows=read.rows, source=read.kind)
            message = _(
                "Imported: %(created)s years added, %(updated)s changed, %(unchanged)s unchanged."
            ) % {
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
            }
            if read.other_rows:
                message += " " + ngettext(
                    "%(count)s row of another municipality, another group or without a value was left out.",
                    "%(count)s rows of other municipalities, other groups or without a value were left out.",
                    read.other_rows,
                ) % {"count": read.other_rows}
            messages.success(request, message)
            return redirect("indicators:indicator-list")
    status = 400 if problems else 200
    return render(
        request,
        "indicators/indicator_import.html",
        {"form": form, "problems": problems, "headers": TEMPLATE_HEADERS},
        status=status,
    )


@require_GET
@permission_required(MANAGE)
def indicator_import_template(request):
    """The import template: the headers and a row per indicator for last year, to fill in."""
    year = timezone.localdate().year - 1
    rows = [[indicator.slug, year, "", ""] for indicator in Indicator.objects.order_by("order", "name_sv")]
    response = HttpResponse(rows_to_csv(TEMPLATE_HEADERS, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indikatorer-mall.csv"'
    return response


# --- the action plan ---


@require_GET
def plan(request):
    """The newest year's plan (what the visitor may see of it)."""
    years = selectors.plan_years(include_unpublished=request.user.has_perm(READ_WHOLE_PLAN))
    return _plan_page(request, years[0] if years else timezone.localdate().year, years)


@require_GET
def plan_year(request, year):
    years = selectors.plan_years(include_unpublished=request.user.has_perm(READ_WHOLE_PLAN))
    return _plan_page(request, _known_year(year), years)


def _plan_page(request, year, years):
    whole = request.user.has_perm(READ_WHOLE_PLAN)
    points = selectors.plan_for_year(year=year, include_unpublished=whole)
    today = timezone.localdate()
    for point in points:
        point.overdue = point.is_overdue(today)
    return render(
        request,
        "indicators/plan.html",
        {
            "year": year,
            "years": years,
            "groups": selectors.group_by_theme(points, lambda p: p.theme),
            "points": points,
            "whole": whole,
            "today": today,
            "behind": [p for p in points if p.is_behind_or_overdue(today)],
            "may_manage": request.user.has_perm(MANAGE_PLAN),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE_PLAN)
def point_create(request):
    initial = {"year": timezone.localdate().year}
    form = ActionPointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        try:
            point = services.action_point_create(
                actor=request.user, followups=data.pop("followups"), indicators=data.pop("indicators"), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The point was added to the plan."))
            return redirect("indicators:plan-year", year=point.year)
    context = {
        "form": form,
        "heading": _("New point in the action plan"),
        "cancel_url": reverse("indicators:plan"),
    }
    return render(request, "staff_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def point_update(request, pk):
    try:
        point = selectors.action_point_for_editing(pk=pk)
    except ActionPoint.DoesNotExist as missing:
        raise Http404 from missing
    require_permission(request.user, MANAGE_PLAN, point)
    form = ActionPointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            point = services.action_point_update(
                actor=request.user,
                point=point,
                expected_version=data.pop("version"),
                followups=data.pop("followups"),
                indicators=data.pop("indicators"),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The point was saved."))
            return redirect("indicators:plan-year", year=point.year)
    context = {
        "form": form,
        "point": point,
        "heading": _("Edit %(title)s") % {"title": point.title},
        "cancel_url": reverse("indicators:plan"),
    }
    return render(request, "staff_form.html", context)


# --- "Ni sa – vi gjorde" ---


@require_GET
def said_did(request):
    """The newest year's story."""
    now = timezone.now()
    years = selectors.said_did_years(now=now)
    return _said_did_page(request, years[0] if years else timezone.localdate(now).year, years, now)


@require_GET
def said_did_year(request, year):
    now = timezone.now()
    years = selectors.said_did_years(now=now)
    if _known_year(year) not in years:
        raise Http404
    return _said_did_page(request, year, years, now)


def _said_did_page(request, year, years, now):
    story = selectors.said_did(year=year, now=now)
    sections = []
    for theme in story.themes:
        sections.append(
            {
                "theme": theme,
                "summaries": story.summaries.get(theme.pk, []),
                "followups": story.followups.get(theme.pk, []),
                "points": story.points.get(theme.pk, []),
                "series": [(s, s.since(year)) for s in story.series.get(theme.pk, [])],
            }
        )
    general = {
        "followups": story.followups.get(None, []),
        "points": story.points.get(None, []),
        "series": [(s, s.since(year)) for s in story.series.get(None, [])],
    }
    return render(
        request,
        "indicators/said_did.html",
        {"story": story, "year": year, "years": years, "sections": sections, "general": general},
    )
