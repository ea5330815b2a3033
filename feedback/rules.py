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
# Similar notes are read to work with them: staff only (they show waiting notes and authors).
rules.add_perm("feedback.view_similar_notes", is_staff_member)
# The themes and topics notes are tagged with: kept by staff, not only in the admin.
rules.add_perm("feedback.manage_themes", is_staff_member)
# Pending and hidden notes, marked as such; never the author's contact data.
rules.add_perm("feedback.view_unpublished_notes", is_staff_member | is_politician)

# --- summaries and disagreements ---


@rules.predicate
def summary_is_in_review(user, summary):
    return summary is not None and summary.status == "in_review"


@rules.predicate
def is_last_editor(user, summary):
    editor_id = summary.last_edited_by_id if summary is not None else None
    return editor_id is not None and editor_id == user.pk


@rules.predicate
def is_disagreement_author(user, disagreement):
    return disagreement is not None and user.is_authenticated and disagreement.author_id == user.pk


@rules.predicate
def disagreement_is_open(user, disagreement):
    return disagreement is not None and disagreement.status == "open"


# Whether a summary's status allows an edit or a transition is checked by the service, so the
# staff member gets a clear message; the four-eyes rule is a permission, never a message.
rules.add_perm("feedback.manage_summaries", is_staff_member)
rules.add_perm("feedback.check_summary", is_staff_member & summary_is_in_review & ~is_last_editor)
# The texts of disagreements, with their authors' names; contact data only for staff (in the template).
rules.add_perm("feedback.read_disagreements", is_staff_member | is_politician)
# Object: the summary point. Whether its summary is published is checked by the service.
rules.add_perm("feedback.disagree_with_point", is_business_owner)
rules.add_perm("feedback.withdraw_disagreement", is_disagreement_author & disagreement_is_open)
