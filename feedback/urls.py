from django.urls import path

from .views import notes

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
    # --- summaries and disagreements ---
]
