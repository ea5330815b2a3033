"""Reads of the accounts app."""

from django.apps import apps

from . import roles
from .models import User


def _iso(value):
    return value.isoformat() if value is not None else None


def personal_data_export(*, user: User) -> dict:
    """Everything the portal stores about one person, as JSON-ready data.

    Covers the account itself, roles, notes, disagreements, workshop participations,
    registrations and feedback notices. A fixed number of queries, whatever the amount
    of data.
    """
    notes = user.notes.select_related("workshop", "group").prefetch_related("themes", "topics")
    disagreements = user.disagreements.select_related("point__summary__workshop", "point__summary__theme")
    participations = user.participations.select_related("workshop", "group", "organisation")
    notices = user.feedback_notices.select_related("followup")
    data = {
        "account": {
            "email": user.email,
            "name": user.full_name,
            "phone": user.phone,
            "organisation": user.organisation_name,
            "language": user.language,
            "email_notifications": user.email_notifications,
            "email_confirmed": user.email_confirmed,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "roles": sorted(roles.roles_of(user)),
        },
        "notes": [
            {
                "id": note.pk,
                "workshop": note.workshop.title,
                "group": note.group.name if note.group else None,
                "text": note.text,
                "kind": note.kind,
                "status": note.status,
                "themes": [theme.name_sv for theme in note.themes.all()],
                "topics": [topic.name_sv for topic in note.topics.all()],
                "created_at": _iso(note.created_at),
                "updated_at": _iso(note.updated_at),
            }
            for note in notes
        ],
        "disagreements": [
            {
                "id": disagreement.pk,
                "workshop": disagreement.point.summary.workshop.title,
                "theme": disagreement.point.summary.theme.name_sv,
                "summary_point": disagreement.point.text,
                "text": disagreement.text,
                "wants_contact": disagreement.wants_contact,
                "status": disagreement.status,
                "created_at": _iso(disagreement.created_at),
            }
            for disagreement in disagreements
        ],
        "participations": [
            {
                "workshop": participation.workshop.title,
                "group": participation.group.name if participation.group else None,
                "organisation": participation.organisation.name if participation.organisation else None,
                "role": participation.role,
                "attended": participation.attended,
            }
            for participation in participations
        ],
        "feedback_notices": [
            {
                "followup": notice.followup.title,
                "created_at": _iso(notice.created_at),
                "emailed_at": _iso(notice.emailed_at),
                "read_at": _iso(notice.read_at),
            }
            for notice in notices
        ],
        "registrations": _registrations(user),
    }
    return data


def _registrations(user: User) -> list[dict]:
    try:
        registration_model = apps.get_model("workshops", "Registration")
    except LookupError:
        return []
    fields = [
        field.name
        for field in registration_model._meta.concrete_fields
        if field.name not in ("id", "user", "workshop", "participation", "preferred_group")
    ]
    rows = []
    for registration in registration_model.objects.filter(user=user).select_related("workshop"):
        row = {"workshop": registration.workshop.title}
        for name in fields:
            value = getattr(registration, name)
            row[name] = _iso(value) if hasattr(value, "isoformat") else value
        rows.append(row)
    return rows
