from urllib.parse import urlencode

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from . import figures, selectors
from .exports import table_csv_response
from .forms import DashboardFilterForm
from .report import build_dashboard


class DashboardPermissionMixin(PermissionRequiredMixin):
    """Politicians and staff only: an anonymous visitor is sent to sign in, anyone else gets 403."""

    permission_required = "dashboard.view_dashboard"

    def get_dashboard(self):
        """The filter form and the dashboard it selects (None when the filter is not valid),
        its figures read from the cache (``dashboard.figures``) when they were counted before."""
        now = timezone.now()
        options = figures.cached_figures(
            "options", lambda: selectors.dashboard_filter_options(now=now), now=now
        ).value
        form = DashboardFilterForm(self.request.GET, options=options)
        if not form.is_valid():
            return form, None
        year, theme = form.cleaned_data["ar"], form.cleaned_data["tema"]
        filters = selectors.DashboardFilter(year=year, theme=theme, now=now)
        name = f"{year}:{theme.pk if theme else ''}"
        return form, figures.cached_figures(name, lambda: build_dashboard(filters), now=now)


class DashboardView(DashboardPermissionMixin, View):
    def get(self, request):
        form, cached = self.get_dashboard()
        query = urlencode({"ar": form.data["ar"], "tema": form.data["tema"]})
        context = {"form": form, "dashboard": None, "filter_query": query}
        if cached is not None:
            context.update(dashboard=cached.value, figures_key=cached.key, figures_timeout=cached.timeout)
        return render(request, "dashboard/dashboard.html", context)


class DashboardTableCsvView(DashboardPermissionMixin, View):
    def get(self, request, key):
        _form, cached = self.get_dashboard()
        if cached is None:
            return HttpResponseBadRequest(
                _("Choose a year and a theme from the lists."), content_type="text/plain; charset=utf-8"
            )
        dashboard = cached.value
        table = dashboard.tables.get(key)
        if table is None:
            raise Http404
        filters = dashboard.filters
        # The file's name in the reader's language: the figures (and the table's caption) were
        # counted and cached per language.
        parts = [
            _("dashboard"),
            str(filters.year or _("all-years")),
            *([filters.theme.name] if filters.theme else []),
            table.caption,
        ]
        return table_csv_response(table, filename="-".join(slugify(str(part)) for part in parts) + ".csv")
