from django.urls import path

from . import views, views_suggestions

app_name = "followups"

urlpatterns = [
    path("", views.conference_list, name="conference-list"),
    path("konferenser/ny/", views.conference_create, name="conference-create"),
    path("konferenser/<slug:slug>/", views.conference_detail, name="conference-detail"),
    path("konferenser/<slug:slug>/andra/", views.conference_update, name="conference-update"),
    path("konferenser/<slug:slug>/tavla/", views.conference_board, name="conference-board"),
    path("arenden/ny/", views.followup_create, name="followup-create"),
    path("arenden/<int:pk>/", views.followup_detail, name="followup-detail"),
    path("arenden/<int:pk>/hantera/", views.followup_manage, name="followup-manage"),
    path("arenden/<int:pk>/andra/", views.followup_update, name="followup-update"),
    path("arenden/<int:pk>/svar/", views.followup_answer_update, name="followup-answer-update"),
    path("arenden/<int:pk>/flytta/", views.followup_move, name="followup-move"),
    path("arenden/<int:pk>/koppla-bort/", views.followup_unlink, name="followup-unlink"),
    path("inkorg/", views.triage, name="triage"),
    path("inkorg/koppla/", views.triage_link, name="triage-link"),
    path("inkorg/koppla-forslag/", views_suggestions.triage_link_suggested, name="triage-link-suggested"),
]
