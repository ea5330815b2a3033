from django.urls import path

from . import views, views_registration

app_name = "workshops"

urlpatterns = [
    path("", views.workshop_list, name="workshop-list"),
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
    path(
        "<slug:slug>/anmalningar/<int:pk>/incheckning/",
        views_registration.registration_check_in,
        name="registration-check-in",
    ),
]
