from django.urls import path

from . import views, views_registration, views_staff

app_name = "workshops"

urlpatterns = [
    path("", views.workshop_list, name="workshop-list"),
    # Staff: workshops with their table groups ("hantera" and "ny" are reserved web addresses;
    # the staff list, /workshoppar/hantera/, is routed by portal ahead of the workshop page).
    path("hantera/ny/", views_staff.workshop_create, name="workshop-create"),
    path("<slug:slug>/redigera/", views_staff.workshop_update, name="workshop-update"),
    path("<slug:slug>/kopiera/", views_staff.workshop_copy, name="workshop-copy"),
    path("<slug:slug>/publicera/", views_staff.workshop_publish, name="workshop-publish"),
    path("<slug:slug>/stall-in/", views_staff.workshop_cancel, name="workshop-cancel"),
    # Personal links from the registration e-mails (signed tokens).
    path(
        "anmalan/bekrafta/<str:token>/",
        views_registration.registration_confirm,
        name="registration-confirm",
    ),
    path("anmalan/<str:token>/", views_registration.registration_detail, name="registration-detail"),
    path("anmalan/<str:token>/kalender.ics", views_registration.registration_ics, name="registration-ics"),
    path("anmalan/<str:token>/avboka/", views_registration.registration_cancel, name="registration-cancel"),
    path("<slug:slug>/anmal/", views_registration.registration_create, name="registration-create"),
    path("<slug:slug>/anmal/skickat/", views_registration.registration_sent, name="registration-sent"),
    # Staff: lists with needs, the printable check-in sheet and check-in at the door.
    path("<slug:slug>/anmalningar/", views_registration.registration_list, name="registration-list"),
    path(
        "<slug:slug>/anmalningar/incheckningslista/",
        views_registration.registration_sheet,
        name="registration-sheet",
    ),
    path(
        "<slug:slug>/anmalningar/incheckning/", views_registration.registration_door, name="registration-door"
    ),
    path(
        "<slug:slug>/anmalningar/fyll-platser/",
        views_registration.registration_fill,
        name="registration-fill",
    ),
    path("<slug:slug>/anmalningar/ny/", views_staff.registration_add, name="registration-add"),
    path("<slug:slug>/anmalningar/koket/", views_staff.registration_kitchen, name="registration-kitchen"),
    path("<slug:slug>/anmalningar.csv", views_staff.registration_csv, name="registration-csv"),
    path(
        "<slug:slug>/anmalningar/<int:pk>/avboka/",
        views_staff.registration_staff_cancel,
        name="registration-staff-cancel",
    ),
    path(
        "<slug:slug>/anmalningar/<int:pk>/incheckning/",
        views_registration.registration_check_in,
        name="registration-check-in",
    ),
]
