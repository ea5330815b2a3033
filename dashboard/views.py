from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
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

    def get_dashboard(self):
        """The filter form and, when the filter is valid, the dashboard it selects.

        Both are cached under a key that holds the data fingerprint (one query), the day and
        the language, so any write to the counted tables, a new day or a workshop starting
        draws them afresh; a cached request runs no aggregate at all."""
        now = timezone.now()
        key = f"dashboard:{selectors.data_fingerprint(now=now)}:{timezone.localdate(now)}:{get_language()}"
        options = cache.get_or_set(
            f"{key}:options", lambda: selectors.dashboard_filter_options(now=now), CACHE_SECONDS
        )
        form = DashboardFilterForm(self.request.GET, options=options)
        if not form.is_valid():
            return form, None
        year, theme = form.cleaned_data["ar"], form.cleaned_data["tema"]
        filters = selectors.DashboardFilter(year=year, theme=theme, now=now)
        dashboard = cache.get_or_set(
            f"{key}:{year}:{theme.pk if theme else ''}", lambda: build_dashboard(filters), CACHE_SECONDS
        )
        return form, dashboard


class DashboardView(DashboardPermissionMixin, View):
    def get(self, request):
        form, dashboard = self.get_dashboard()
        query = urlencode({"ar": form.data["ar"], "tema": form.data["tema"]})
        return render(
            request, "dashboard/dashboard.html", {"form": form, "dashboard": dashboard, "filter_query": query}
        )


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
