from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_account

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("mina-uppgifter/", views_account.data_download, name="data-download"),
    path("mina-uppgifter.json", views_account.data_download_json, name="data-download-json"),
    path("mina-uppgifter.csv", views_account.data_download_csv, name="data-download-csv"),
    path("losenord/byt/", views_account.PasswordChangeView.as_view(), name="password-change"),
    path("e-post/", views_account.email_change, name="email-change"),
    path("e-post/avbryt/", views_account.email_change_cancel, name="email-change-cancel"),
    path("e-post/bekrafta/<str:token>/", views_account.email_change_confirm, name="email-change-confirm"),
    path("meddelanden/", views_account.notice_preferences, name="notice-preferences"),
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("skapa-konto/", views.sign_up, name="sign-up"),
    path("skapa-konto/skickat/", views.sign_up_done, name="sign-up-done"),
    path("bekrafta/<str:token>/", views.confirm_email, name="confirm"),
    path("bekrafta-igen/", views.resend_confirmation, name="resend-confirmation"),
    path("losenord/", views.PasswordResetView.as_view(), name="password-reset"),
    path("losenord/skickat/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "losenord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("losenord/klart/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
]
