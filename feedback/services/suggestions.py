"""Writes for suggestions: a person accepts a suggested theme or topic for a note.

Suggestions themselves are never stored or applied: only this, called from a person's click.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aleforetag.core.services import audit_record
from feedback.models import Note, Theme, Topic


@transaction.atomic
def note_accept_suggestion(
    *, actor, note: Note, theme: Theme | None = None, topic: Topic | None = None
) -> Note:
    """Add one suggested theme or topic to ``note`` (a topic brings its theme along, so the
    note's tags stay consistent). Adds and never removes; accepting a tag the note already has
    changes nothing. Recorded in the audit log. Raises ``ValidationError`` without either, and
    for a withdrawn note."""
    if (theme is None) == (topic is None):
        raise ValidationError(_("Choose one suggested theme or topic."))
    if note.status == Note.Status.WITHDRAWN:
        raise ValidationError(_("The note is withdrawn."))
    if topic is not None:
        theme = topic.theme
        note.topics.add(topic)
    note.themes.add(theme)
    audit_record(
        actor=actor,
        action="note.accept_suggestion",
        target=note,
        theme=theme.pk,
        topic=topic.pk if topic is not None else None,
    )
    return note
