from urllib.parse import urlencode

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from . import selectors
from .exports import table_csv_response
from .forms import DashboardFilterForm
from .report import build_dashboard


class DashboardPermissionMixin(PermissionRequiredMixin):
    """Politicians and staff only: anonymous users go to sign-in, everyone else gets 403."""

    permission_required = "dashboard.view_dashboard"

    def get_dashboard(self):
        """The filter form and, when the filter is valid, the dashboard it selects."""
        now = timezone.now()
        form = DashboardFilterForm(self.request.GET, options=selectors.dashboard_filter_options(now=now))
        if not form.is_valid():
            return form, None
        filters = selectors.DashboardFilter(
            year=form.cleaned_data["ar"], theme=form.cleaned_data["tema"], now=now
        )
        return form, build_dashboard(filters)


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
