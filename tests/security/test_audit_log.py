"""Staff actions on notes, summaries, follow-ups and registrations are audit-logged (who,
what, when), and admins read the log in the admin."""

import pytest
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback.models import Note

from .world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _post(client_for, user, name, data=None, **kwargs):
    response = client_for(user).post(reverse(name, kwargs=kwargs), data or {})
    assert response.status_code in (200, 302), response.status_code
    return response


def _entry(action, target):
    return AuditEntry.objects.get(
        action=action, target_type=target._meta.label_lower, target_id=str(target.pk)
    )


def test_staff_actions_leave_an_audit_entry_with_who_what_and_when(world, client_for):
    """Moderating notes, moving summaries through review and publishing, unlinking input
    from a follow-up and checking people in each record the acting user, the action, the
    object and the time."""
    staff, admin = world.users["staff"], world.users["admin"]
    _post(client_for, staff, "feedback:note-publish", pk=world.pending_note.pk)
    _post(client_for, staff, "feedback:note-hide", {"reason": "Personuppgifter"}, pk=world.other_note.pk)
    draft = world.draft_summary
    _post(client_for, staff, "feedback:summary-submit", {"version": draft.version}, pk=draft.pk)
    review = world.extra["review_summary"]
    _post(client_for, admin, "feedback:summary-publish", {"version": review.version}, pk=review.pk)
    _post(
        client_for,
        staff,
        "followups:followup-unlink",
        {"kind": "note", "id": world.note.pk},
        pk=world.followup.pk,
    )
    _post(
        client_for,
        staff,
        "workshops:registration-check-in",
        slug=world.workshop.slug,
        pk=world.registration.pk,
    )

    expected = [
        ("note.publish", world.pending_note, staff),
        ("note.hide", world.other_note, staff),
        ("summary.submit_for_review", draft, staff),
        ("summary.check_and_publish", review, admin),
        ("followup.unlink", world.followup, staff),
        ("registration.check_in", world.registration, staff),
    ]
    for action, target, actor in expected:
        entry = _entry(action, target)
        assert entry.actor == actor, action
        assert entry.created_at is not None
        assert entry.target_repr
    assert Note.objects.get(pk=world.other_note.pk).status == Note.Status.HIDDEN


def test_refused_actions_leave_no_audit_entry(world, client_for):
    """A business owner trying a staff action is refused and nothing is logged as done."""
    before = AuditEntry.objects.count()
    client_for(world.users["other_owner"]).post(
        reverse("feedback:note-publish", args=[world.pending_note.pk])
    )
    client_for(world.users["politician"]).post(
        reverse("feedback:note-hide", args=[world.note.pk]), {"reason": "x"}
    )
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("owner", 302), ("politician", 302), ("admin", 200)],
)
def test_admins_read_the_audit_log_in_the_admin(world, client_for, role, status):
    """The audit log list and each entry open for admins; others are sent to the admin sign-in."""
    _post(client_for, world.users["staff"], "feedback:note-publish", pk=world.pending_note.pk)
    entry = _entry("note.publish", world.pending_note)
    client = client_for(world.users[role])
    listing = client.get(reverse("admin:core_auditentry_changelist"))
    detail = client.get(reverse("admin:core_auditentry_change", args=[entry.pk]))
    assert (listing.status_code, detail.status_code) == (status, status)
    if status == 200:
        body = listing.content.decode()
        assert "note.publish" in body
        assert world.users["staff"].email in detail.content.decode() or str(world.users["staff"]) in body


def test_the_audit_log_cannot_be_edited_or_deleted_in_the_admin(world, client_for):
    """Not even an admin can add, change or delete an audit entry: the log is append-only."""
    _post(client_for, world.users["staff"], "feedback:note-publish", pk=world.pending_note.pk)
    entry = _entry("note.publish", world.pending_note)
    client = client_for(world.users["admin"])
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    client.post(reverse("admin:core_auditentry_change", args=[entry.pk]), {"action": "forged"})
    entry.refresh_from_db()
    assert entry.action == "note.publish"


def test_exports_are_logged_and_readable_by_admins(world, client_for):
    """An admin's export of a table (the streamed CSV action) is recorded with who, which
    table and how many rows, and the export log opens for admins only."""
    from aleforetag.exports.models import ExportLog

    client = client_for(world.users["admin"])
    response = client.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "stream_csv", "_selected_action": [world.workshop.pk]},
    )
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = ExportLog.objects.get(table="workshops.workshop")
    assert entry.user == world.users["admin"]
    assert entry.row_count == 1
    assert client.get(reverse("admin:exports_exportlog_changelist")).status_code == 200
    assert (
        client_for(world.users["politician"]).get(reverse("admin:exports_exportlog_changelist")).status_code
        == 302
    )
