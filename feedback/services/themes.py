"""Themes and topics, kept by staff: each change checked by the model and recorded in the audit log."""

from django.db import transaction

from aleforetag.core.services import audit_record

from ..models import Theme, Topic


@transaction.atomic
def theme_save(*, actor, theme: Theme) -> Theme:
    """Add or change a theme (its fields already set by the form)."""
    created = theme.pk is None
    theme.full_clean()
    theme.save()
    audit_record(actor=actor, action="theme.create" if created else "theme.update", target=theme)
    return theme


@transaction.atomic
def topic_save(*, actor, topic: Topic) -> Topic:
    """Add or change a topic under a theme."""
    created = topic.pk is None
    topic.full_clean()
    topic.save()
    audit_record(actor=actor, action="topic.create" if created else "topic.update", target=topic)
    return topic
