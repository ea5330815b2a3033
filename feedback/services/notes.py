"""Writes for notes: submit, edit, withdraw, transcribe paper notes, moderate."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aleforetag.accounts.models import Notice
from aleforetag.accounts.notices import notice_send
from aleforetag.core.services import audit_record
from feedback.models import Note, Theme, Topic
from workshops.models import DiscussionGroup, Workshop


@dataclass
class PaperNote:
    """One transcribed paper note, as typed on the transcription page."""

    text: str
    kind: str
    themes: Sequence[Theme]
    topics: Sequence[Topic] = field(default_factory=list)


def _require_themes(themes: Iterable[Theme]) -> None:
    if not list(themes):
        raise ValidationError({"themes": _("Choose at least one theme.")})


def _require_open(workshop: Workshop) -> None:
    if not workshop.notes_are_open():
        raise ValidationError(_("Notes for this workshop are closed."))


def _save_with_tags(note: Note, *, themes: Iterable[Theme], topics: Iterable[Topic]) -> Note:
    themes = list(themes)
    _require_themes(themes)
    note.full_clean()
    note.save()
    note.themes.set(themes)
    note.topics.set(list(topics))
    return note


@transaction.atomic
def note_submit(
    *,
    author,
    workshop: Workshop,
    text: str,
    kind: str,
    themes: Iterable[Theme],
    topics: Iterable[Topic] = (),
    group: DiscussionGroup | None = None,
) -> Note:
    """A business owner's note from the browser, while the workshop's notes are open.

    Published at once unless the workshop asks for pre-moderation; then it waits for staff.
    Raises ``ValidationError`` (and stores nothing) for a closed workshop or bad input."""
    _require_open(workshop)
    note = Note(
        workshop=workshop,
        group=group,
        author=author,
        source=Note.Source.BROWSER,
        text=text,
        kind=kind,
        status=Note.Status.PENDING if workshop.pre_moderation else Note.Status.PUBLISHED,
    )
    return _save_with_tags(note, themes=themes, topics=topics)


@transaction.atomic
def note_update(
    *,
    note: Note,
    text: str,
    kind: str,
    themes: Iterable[Theme],
    topics: Iterable[Topic] = (),
    group: DiscussionGroup | None = None,
) -> Note:
    """The author's edit of an own note while the workshop's notes are open.

    A changed note goes back to moderation when the workshop pre-moderates, and a hidden
    note always does, so an edit never bypasses a staff decision."""
    _require_open(note.workshop)
    if note.status == Note.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn note cannot be changed."))
    note.text = text
    note.kind = kind
    note.group = group
    if note.status == Note.Status.HIDDEN or note.workshop.pre_moderation:
        note.status = Note.Status.PENDING
        note.hidden_reason = ""
        note.moderated_by = None
        note.moderated_at = None
    return _save_with_tags(note, themes=themes, topics=topics)


@transaction.atomic
def note_withdraw(*, note: Note) -> Note:
    """The author takes an own note back while notes are open; the row is kept, never shown."""
    _require_open(note.workshop)
    note.status = Note.Status.WITHDRAWN
    note.full_clean()
    note.save(update_fields=["status", "updated_at"])
    return note


@transaction.atomic
def notes_transcribe(
    *, actor, workshop: Workshop, group: DiscussionGroup | None, notes: Sequence[PaperNote]
) -> list[Note]:
    """Staff type in paper notes for one workshop and group: all are saved, or none.

    Paper notes have no author and are published at once, moderated by the typist."""
    now = timezone.now()
    saved = [
        _save_with_tags(
            Note(
                workshop=workshop,
                group=group,
                author=None,
                source=Note.Source.PAPER,
                text=paper.text,
                kind=paper.kind,
                status=Note.Status.PUBLISHED,
                moderated_by=actor,
                moderated_at=now,
            ),
            themes=paper.themes,
            topics=paper.topics,
        )
        for paper in notes
    ]
    audit_record(
        actor=actor,
        action="note.transcribe",
        target=workshop,
        count=len(saved),
        group=group.name if group else "",
        note_ids=[note.pk for note in saved],
    )
    return saved


@transaction.atomic
def note_publish(*, actor, note: Note) -> Note:
    """A staff decision: the note is shown on the public notes page."""
    if note.status == Note.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn note cannot be published."))
    note.status = Note.Status.PUBLISHED
    note.hidden_reason = ""
    note.moderated_by = actor
    note.moderated_at = timezone.now()
    note.full_clean()
    note.save()
    audit_record(actor=actor, action="note.publish", target=note)
    _tell_author(
        note, Notice.Kind.NOTE_PUBLISHED, link=reverse("feedback:note-list", args=[note.workshop.slug])
    )
    return note


@transaction.atomic
def note_hide(*, actor, note: Note, reason: str) -> Note:
    """A staff decision: the note never reaches a public page; its author sees the reason."""
    if note.status == Note.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn note cannot be hidden."))
    note.status = Note.Status.HIDDEN
    note.hidden_reason = reason.strip()
    note.moderated_by = actor
    note.moderated_at = timezone.now()
    note.full_clean()
    note.save()
    audit_record(actor=actor, action="note.hide", target=note, reason=note.hidden_reason)
    _tell_author(note, Notice.Kind.NOTE_HIDDEN, link=reverse("feedback:note-mine"))
    return note


def _tell_author(note: Note, kind: str, *, link: str) -> None:
    """The note's author hears of the staff decision once per note and kind (in the portal,
    and by e-mail if they chose it); transcribed paper notes have no author to tell."""
    if note.author_id is None:
        return
    params = {"title": note.workshop.title, "note": note.text[:200]}
    if kind == Notice.Kind.NOTE_HIDDEN:
        params["reason"] = note.hidden_reason
    notice_send(user=note.author, kind=kind, key=f"{kind}:{note.pk}", params=params, link=link)
