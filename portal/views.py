"""Pages composed of several apps: the home page, the workshop page with its summaries and
follow-ups, Mitt inflytande, deleting one's account, and the open data."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aleforetag.accounts.forms import AccountDeleteForm
from aleforetag.core.permissions import permission_required
from feedback.selectors import summaries as summary_selectors
from followups import selectors as followup_selectors
from followups import services as followup_services
from followups.views import my_inputs
from workshops import selectors as workshop_selectors
from workshops.models import Workshop

from . import my_pages, selectors, services
from .open_data import (
    DATASETS,
    LICENCE_NAME,
    LICENCE_URL,
    column_dictionary,
    dataset_csv,
    dataset_json,
    dataset_metadata,
)

VIEW_WORKSPACE = "portal.view_workspace"
OWN_INFLUENCE = "followups.view_own_influence"
DELETE_OWN_ACCOUNT = "accounts.delete_own_account"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "csv-metadata.json": "application/csvm+json; charset=utf-8",
}


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "upcoming": workshop_selectors.workshops_upcoming()[:3],
            "recent": workshop_selectors.workshops_past()[:3],
        },
    )


def workshop_detail(request, slug):
    """A published workshop with its registration, notes, published summaries and the
    conferences its input goes to."""
    try:
        workshop = workshop_selectors.workshop_for_public(slug=slug)
    except Workshop.DoesNotExist as missing:
        raise Http404 from missing
    summaries = summary_selectors.summaries_published_for_workshop(workshop=workshop, user=request.user)
    my_registration = my_pages.registration_on_workshop(workshop=workshop, user=request.user)
    return render(
        request,
        "portal/workshop_detail.html",
        {
            "workshop": workshop,
            "summaries": summaries,
            "title": workshop.title,
            "my_registration": my_registration,
        },
    )


@require_GET
@permission_required(VIEW_WORKSPACE)
def workspace(request):
    """Arbetsyta, the staff home: what needs doing now, each with a count and a link."""
    return render(
        request,
        "portal/workspace.html",
        {"workspace": selectors.workspace_for(user=request.user), "limit": selectors.WORKSPACE_COUNT_LIMIT},
    )


@require_GET
@permission_required(OWN_INFLUENCE)
def my_influence(request):
    """Mitt inflytande: the business owner's notes and disagreements, the follow-ups each
    feeds, and the feedback published for them."""
    return render(
        request,
        "portal/my_influence.html",
        {**my_inputs(request), "notices": followup_selectors.my_notices(user=request.user)},
    )


@require_POST
@permission_required(OWN_INFLUENCE)
def notices_mark_read(request):
    followup_services.notices_mark_read(user=request.user)
    return redirect("portal:my-influence")


@require_http_methods(["GET", "POST"])
@permission_required(DELETE_OWN_ACCOUNT)
def account_delete(request):
    """Delete one's own account after confirming with the password; the input stays, nameless."""
    form = AccountDeleteForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        services.account_erase(user=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. Your notes are kept without your name."))
        return redirect("home")
    return render(request, "portal/account_delete.html", {"form": form})


@require_GET
def open_data(request):
    """The open datasets: what they are, their licence, every column explained, download links."""
    datasets = [{"dataset": dataset, "columns": column_dictionary(dataset)} for dataset in DATASETS.values()]
    return render(
        request,
        "portal/open_data.html",
        {"datasets": datasets, "licence_url": LICENCE_URL, "licence_name": LICENCE_NAME},
    )


@require_GET
def open_data_download(request, dataset, file_format):
    """One dataset as CSV or JSON, or the CSV file's metadata (CSV on the Web)."""
    if dataset not in DATASETS or file_format not in CONTENT_TYPES:
        raise Http404
    chosen = DATASETS[dataset]
    csv_url = reverse("portal:open-data-download", args=[chosen.slug, "csv"])
    metadata_url = reverse("portal:open-data-download", args=[chosen.slug, "csv-metadata.json"])
    if file_format == "csv":
        body = dataset_csv(chosen, request)
    elif file_format == "json":
        body = dataset_json(chosen, request)
    else:
        body = dataset_metadata(chosen, request, csv_url)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    # The file's name in the reader's language, e.g. oppna-data-workshoppar-2026-11-29.csv.
    name = "-".join(slugify(str(part)) for part in (_("open data"), chosen.title))
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license", <{metadata_url}>; rel="describedby"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
