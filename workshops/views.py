from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from aleforetag.core import pagecache
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


# Every table the workshop page reads. Visitors' copies are cached under their data versions
# (aleforetag.core.pagecache), so any write to them shows at the next request.
WORKSHOP_PAGE_TABLES = (
    "workshops_workshop",
    "workshops_registration",
    "workshops_discussiongroup",
    "workshops_participation",
    "feedback_theme",
    "feedback_note",
    "feedback_summary",
    "feedback_summarypoint",
    "feedback_summarypoint_notes",
    "feedback_disagreement",
    "followups_conference",
    "followups_conference_workshops",
    "accounts_user",
    "core_sitesettings",
)


def _workshop_page(request, slug) -> dict:
    try:
        workshop = selectors.workshop_for_public(slug=slug)
    except Workshop.DoesNotExist as missing:
        raise Http404 from missing
    summaries = summary_selectors.summaries_published_for_workshop(workshop=workshop, user=request.user)
    return {"workshop": workshop, "summaries": summaries, "title": workshop.title}


def workshop_detail(request, slug):
    return pagecache.render_for_visitors(
        request,
        name="workshop",
        template="workshops/workshop_detail.html",
        article="workshops/components/workshop_article.html",
        context=lambda: _workshop_page(request, slug),
        tables=WORKSHOP_PAGE_TABLES,
        fresh_until=lambda context: context["workshop"].changes_on_its_own_at(timezone.now()),
    )
