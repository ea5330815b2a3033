from django.urls import path

from .views import notes, similar, themes
from .views import summaries as summary_views

app_name = "feedback"

urlpatterns = [
    # --- notes ---
    path("workshoppar/<slug:slug>/anteckningar/", notes.note_list, name="note-list"),
    path("workshoppar/<slug:slug>/anteckningar/ny/", notes.note_create, name="note-create"),
    path("workshoppar/<slug:slug>/anteckningar/skriv-in/", notes.note_transcribe, name="note-transcribe"),
    path("mina-anteckningar/", notes.note_mine, name="note-mine"),
    path("anteckningar/<int:pk>/andra/", notes.note_update, name="note-update"),
    path("anteckningar/<int:pk>/ta-tillbaka/", notes.note_withdraw, name="note-withdraw"),
    path("anteckningar/<int:pk>/publicera/", notes.note_publish, name="note-publish"),
    path("anteckningar/<int:pk>/dolj/", notes.note_hide, name="note-hide"),
    path("moderering/", notes.note_moderation, name="note-moderation"),
    # --- similar notes and suggestions ---
    path("workshoppar/<slug:slug>/liknande-anteckningar/", similar.note_groups, name="note-groups"),
    path(
        "anteckningar/<int:pk>/lagg-till-forslag/",
        similar.note_accept_suggestion,
        name="note-accept-suggestion",
    ),
    # --- themes and topics ---
    path("teman-och-amnen/", themes.theme_list, name="theme-list"),
    path("teman-och-amnen/nytt-tema/", themes.theme_create, name="theme-create"),
    path("teman-och-amnen/tema/<int:pk>/", themes.theme_update, name="theme-update"),
    path("teman-och-amnen/nytt-amne/", themes.topic_create, name="topic-create"),
    path("teman-och-amnen/amne/<int:pk>/", themes.topic_update, name="topic-update"),
    # --- summaries and disagreements ---
    path("sammanfattningar/", summary_views.SummaryListView.as_view(), name="summary-list"),
    path("sammanfattningar/ny/", summary_views.SummaryCreateView.as_view(), name="summary-create"),
    path("sammanfattningar/<int:pk>/", summary_views.SummaryDetailView.as_view(), name="summary-detail"),
    path("sammanfattningar/<int:pk>/redigera/", summary_views.SummaryEditView.as_view(), name="summary-edit"),
    path(
        "sammanfattningar/<int:pk>/begar-granskning/",
        summary_views.SummarySubmitView.as_view(),
        name="summary-submit",
    ),
    path(
        "sammanfattningar/<int:pk>/granska-och-publicera/",
        summary_views.SummaryPublishView.as_view(),
        name="summary-publish",
    ),
    path(
        "sammanfattningar/<int:pk>/till-utkast/",
        summary_views.SummaryReturnToDraftView.as_view(),
        name="summary-return-to-draft",
    ),
    path(
        "sammanfattningar/<int:pk>/jamfor/",
        summary_views.SummaryCompareView.as_view(),
        name="summary-compare",
    ),
    path(
        "workshoppar/<slug:workshop_slug>/vad-vi-horde/<slug:theme_slug>/",
        summary_views.summary_public,
        name="summary-public",
    ),
    path(
        "sammanfattningar/punkt/<int:pk>/hall-inte-med/",
        summary_views.DisagreementCreateView.as_view(),
        name="disagreement-create",
    ),
    path(
        "invandningar/<int:pk>/ta-tillbaka/",
        summary_views.DisagreementWithdrawView.as_view(),
        name="disagreement-withdraw",
    ),
    path("invandningar/", summary_views.DisagreementListView.as_view(), name="disagreement-list"),
]
