"""The public open-data page and its files; no account needed."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .open_data import DATASETS, dataset_csv, dataset_json

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@require_GET
def open_data(request):
    """The list of open datasets with their columns and download links."""
    return render(request, "exports/open_data.html", {"datasets": DATASETS.values()})


@require_GET
def open_data_download(request, dataset, file_format):
    """One dataset as CSV or JSON."""
    if dataset not in DATASETS or file_format not in CONTENT_TYPES:
        raise Http404
    chosen = DATASETS[dataset]
    body = dataset_csv(chosen, request) if file_format == "csv" else dataset_json(chosen, request)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    filename = f"ale-foretagsklimat-{chosen.slug}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
