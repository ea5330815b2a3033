"""Permissions of the feedback app as composed predicates."""

import rules

from aleforetag.accounts.rules import is_admin, is_business_owner, is_politician, is_staff_member  # noqa: F401

# --- notes ---


@rules.predicate
def is_note_author(user, note):
    return note is not None and user.is_authenticated and note.author_id == user.pk


@rules.predicate
def note_is_open_for_changes(user, note):
    """The author may still change the note: not withdrawn, and the workshop's notes are open."""
    return note is not None and note.status != "withdrawn" and note.workshop.notes_are_open()


# Names differ from Django's model permissions (add_note, change_note), which staff hold
# for the admin. Object: the workshop. Whether its notes are open is checked by the service, so the
# business owner gets a clear message instead of a bare refusal.
rules.add_perm("feedback.submit_note", is_business_owner)
rules.add_perm("feedback.view_own_notes", is_business_owner)
rules.add_perm("feedback.view_own_note", is_note_author)
rules.add_perm("feedback.edit_own_note", is_note_author & note_is_open_for_changes)
rules.add_perm("feedback.withdraw_own_note", is_note_author & note_is_open_for_changes)
rules.add_perm("feedback.transcribe_notes", is_staff_member)
rules.add_perm("feedback.moderate_note", is_staff_member)
# Pending and hidden notes, marked as such; never the author's contact data.
rules.add_perm("feedback.view_unpublished_notes", is_staff_member | is_politician)

# --- summaries and disagreements ---
