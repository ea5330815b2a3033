from django.urls import path, register_converter

from . import views


class YearConverter:
    """A four-digit year: a longer number in the address is simply not a page."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


register_converter(YearConverter, "year")

app_name = "indicators"

urlpatterns = [
    path("indikatorer/", views.indicator_list, name="indicator-list"),
    path("indikatorer/ny/", views.indicator_create, name="indicator-create"),
    path("indikatorer/importera/", views.indicator_import, name="indicator-import"),
    path("indikatorer/importera/mall.csv", views.indicator_import_template, name="indicator-import-template"),
    path("indikatorer/<slug:slug>/", views.indicator_detail, name="indicator-detail"),
    path("indikatorer/<slug:slug>/andra/", views.indicator_update, name="indicator-update"),
    path("indikatorer/<slug:slug>/ar/", views.indicator_year_set, name="indicator-year-set"),
    path("handlingsplan/", views.plan, name="plan"),
    path("handlingsplan/<year:year>/", views.plan_year, name="plan-year"),
    path("handlingsplan/punkter/ny/", views.point_create, name="point-create"),
    path("handlingsplan/punkter/<int:pk>/andra/", views.point_update, name="point-update"),
    path("ni-sa-vi-gjorde/", views.said_did, name="said-did"),
    path("ni-sa-vi-gjorde/<year:year>/", views.said_did_year, name="said-did-year"),
]
