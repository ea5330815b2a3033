from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from . import selectors
from .exports import table_csv_response
from .forms import DashboardFilterForm
from .report import build_dashboard

# Entries are fresh by construction (the key changes with the data); the timeout only frees memory.
CACHE_SECONDS = 60 * 60


class DashboardPermissionMixin(PermissionRequiredMixin):
    """Politicians and staff only; everyone else, anonymous visitors included, gets 403
    (the 403 page offers anonymous visitors the sign-in link)."""

    permission_required = "dashboard.view_dashboard"
    raise_exception = True

    def get_filter(self):
        """The filter form and, when it is valid, the filter it chose and the key its dashboard
        is cached under (else None for both).

        The key holds the data fingerprint (one query), the day, the language and the filter,
        so any write to the counted tables, a new day or a workshop starting draws the
        dashboard afresh; a cached request runs no aggregate at all."""
        now = timezone.now()
        key = f"dashboard:{selectors.data_fingerprint(now=now)}:{timezone.localdate(now)}:{get_language()}"
        options = cache.get_or_set(
            f"{key}:options", lambda: selectors.dashboard_filter_options(now=now), CACHE_SECONDS
        )
        form = DashboardFilterForm(self.request.GET, options=options)
        if not form.is_valid():
            return form, None, None
        year, theme = form.cleaned_data["ar"], form.cleaned_data["tema"]
        filters = selectors.DashboardFilter(year=year, theme=theme, now=now)
        return form, filters, f"{key}:{year}:{theme.pk if theme else ''}"

    def get_dashboard(self):
        """The filter form and the dashboard it selects (None when the filter is not valid)."""
        form, filters, key = self.get_filter()
        if key is None:
            return form, None
        return form, cache.get_or_set(key, lambda: build_dashboard(filters), CACHE_SECONDS)


class DashboardView(DashboardPermissionMixin, View):
    def get(self, request):
        form, filters, key = self.get_filter()
        query = urlencode({"ar": form.data["ar"], "tema": form.data["tema"]})
        context = {"form": form, "dashboard": None, "filter_query": query}
        if key is not None:
            # The drawn page is the same for every reader of the same data, day, language and
            # filter; its tables list every workshop of the years chosen, so drawing it (and
            # reading the figures back from the cache) is the page's main cost.
            def draw():
                context["dashboard"] = cache.get_or_set(key, lambda: build_dashboard(filters), CACHE_SECONDS)
                return render_to_string("dashboard/dashboard.html#page-content", context)

            context["content"] = cache.get_or_set(f"{key}:html", draw, CACHE_SECONDS)
        return render(request, "dashboard/dashboard.html", context)


class DashboardTableCsvView(DashboardPermissionMixin, View):
    def get(self, request, key):
        _form, dashboard = self.get_dashboard()
        if dashboard is None:
            return HttpResponseBadRequest(
                _("Choose a year and a theme from the lists."), content_type="text/plain; charset=utf-8"
            )
        table = dashboard.tables.get(key)
        if table is None:
            raise Http404
        filters = dashboard.filters
        parts = [
            "oversikt",
            str(filters.year or "alla-ar"),
            *([filters.theme.slug] if filters.theme else []),
            key,
        ]
        return table_csv_response(table, filename="-".join(parts) + ".csv")
