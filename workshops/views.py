from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from feedback.selectors import summaries as summary_selectors

from . import selectors
from .models import Workshop


def workshop_list(request):
    past = Paginator(selectors.workshops_past(), 20).get_page(request.GET.get("sida"))
    return render(
        request,
        "workshops/workshop_list.html",
        {"upcoming": selectors.workshops_upcoming(), "past": past},
    )


def _workshop_page(request, slug) -> dict:
    try:
        workshop = selectors.workshop_for_public(slug=slug)
    except Workshop.DoesNotExist as missing:
        raise Http404 from missing
    summaries = summary_selectors.summaries_published_for_workshop(workshop=workshop, user=request.user)
    return {"workshop": workshop, "summaries": summaries, "title": workshop.title}


def workshop_detail(request, slug):
    return render(request, "workshops/workshop_detail.html", _workshop_page(request, slug))
