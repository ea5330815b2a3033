from django.urls import path

from . import views

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
    path("handlingsplan/<int:year>/", views.plan_year, name="plan-year"),
    path("handlingsplan/punkter/ny/", views.point_create, name="point-create"),
    path("handlingsplan/punkter/<int:pk>/andra/", views.point_update, name="point-update"),
    path("ni-sa-vi-gjorde/", views.said_did, name="said-did"),
    path("ni-sa-vi-gjorde/<int:year>/", views.said_did_year, name="said-did-year"),
]
