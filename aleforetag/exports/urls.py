from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("", views.open_data, name="open-data"),
    path("<slug:dataset>.<str:file_format>", views.open_data_download, name="open-data-download"),
]
