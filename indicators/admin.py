"""The Django admin for admins only: staff enter values and plan points in the portal's pages,
which check the figures and keep the audit log."""

from django.contrib import admin

from .models import ActionPoint, Indicator, IndicatorYear


class IndicatorYearInline(admin.TabularInline):
    model = IndicatorYear
    extra = 0
    fields = ["year", "value", "target", "is_example"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "source", "unit", "theme", "higher_is_better", "order"]
    list_filter = ["source", "theme"]
    search_fields = ["name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_sv"]}
    inlines = [IndicatorYearInline]


@admin.register(ActionPoint)
class ActionPointAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "owner", "deadline", "status", "is_published"]
    list_filter = ["year", "status", "is_published", "theme"]
    search_fields = ["title", "description", "report"]
    list_select_related = ["owner"]
    filter_horizontal = ["followups", "indicators"]
