from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors


def workshop_list(request):
    past = Paginator(selectors.workshops_past(), 20).get_page(request.GET.get("sida"))
    return render(
        request,
        "workshops/workshop_list.html",
        {"upcoming": selectors.workshops_upcoming(), "past": past},
    )
