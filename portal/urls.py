from django.urls import path

from workshops import views_staff as workshop_staff_views

from . import views, views_my_pages

app_name = "portal"

urlpatterns = [
    path("arbetsyta/", views.workspace, name="workspace"),
    # Ahead of the workshop page, whose web address would take "hantera" for a workshop's.
    path("workshoppar/hantera/", workshop_staff_views.workshop_manage_list, name="workshop-manage-list"),
    path("workshoppar/<slug:slug>/", views.workshop_detail, name="workshop-detail"),
    path("mina-sidor/", views_my_pages.my_pages_view, name="my-pages"),
    path("mina-sidor/las/", views_my_pages.my_notices_mark_read, name="my-notices-mark-read"),
    path("uppfoljning/mitt-inflytande/", views.my_influence, name="my-influence"),
    path("uppfoljning/mitt-inflytande/last/", views.notices_mark_read, name="notices-mark-read"),
    path("konto/radera/", views.account_delete, name="account-delete"),
    path("oppna-data/", views.open_data, name="open-data"),
    path("oppna-data/<slug:dataset>.<str:file_format>", views.open_data_download, name="open-data-download"),
]
