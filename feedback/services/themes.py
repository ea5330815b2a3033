"""Themes and topics, kept by staff: each change checked by the model and recorded in the audit log."""

from django.db import transaction

from aleforetag.core.services import audit_record

from ..models import Theme, Topic


@transaction.atomic
def tag_save(*, actor, tag: Theme | Topic) -> Theme | Topic:
    """Add or change a theme or a topic (its fields already set by the form), as
    ``theme.create``, ``topic.update`` and so on in the audit log."""
    created = tag.pk is None
    tag.full_clean()
    tag.save()
    audit_record(
        actor=actor, action=f"{tag._meta.model_name}.{'create' if created else 'update'}", target=tag
    )
    return tag
