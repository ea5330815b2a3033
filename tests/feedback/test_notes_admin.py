"""The admin of themes, topics and notes."""

import pytest
from django.urls import reverse

from aleforetag.core.models import AuditEntry
from feedback.models import Note, Theme
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["theme", "topic", "note"])
def test_admins_open_the_changelists_and_staff_do_not(model, client_for, staff, admin_user, workshop):
    """Admins see the lists of themes, topics and notes; staff work in the portal's pages and
    are sent to the admin's sign-in page."""
    factories.NoteFactory(workshop=workshop)
    assert client_for(admin_user).get(reverse(f"admin:feedback_{model}_changelist")).status_code == 200
    assert client_for(staff).get(reverse(f"admin:feedback_{model}_changelist")).status_code == 302


def test_admins_add_a_theme_with_a_topic(client_for, admin_user):
    """An admin may add a fourth theme, with a topic under it."""
    response = client_for(admin_user).post(
        reverse("admin:feedback_theme_add"),
        {
            "name_sv": "Kompetensförsörjning",
            "name_en": "Skills supply",
            "slug": "kompetensforsorjning",
            "description_sv": "",
            "description_en": "",
            "order": 4,
            "topics-TOTAL_FORMS": "1",
            "topics-INITIAL_FORMS": "0",
            "topics-0-name_sv": "Praktikplatser",
            "topics-0-name_en": "Work placements",
            "topics-0-slug": "praktikplatser",
            "topics-0-order": "1",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    theme = Theme.objects.get(slug="kompetensforsorjning")
    assert list(theme.topics.values_list("slug", flat=True)) == ["praktikplatser"]


def test_publish_action_goes_through_the_audited_service(client_for, admin_user, workshop):
    """Publishing from the admin records the moderator and writes the audit log."""
    note = factories.NoteFactory(workshop=workshop, status=Note.Status.PENDING)
    response = client_for(admin_user).post(
        reverse("admin:feedback_note_changelist"),
        {"action": "publish_notes", "_selected_action": [note.pk]},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.status, note.moderated_by) == (Note.Status.PUBLISHED, admin_user)
    assert AuditEntry.objects.filter(action="note.publish", target_id=str(note.pk)).exists()


def test_politicians_and_business_owners_have_no_admin(client_for, politician, business_owner):
    """The admin is for admins only."""
    for user in (politician, business_owner):
        response = client_for(user).get(reverse("admin:feedback_note_changelist"))
        assert response.status_code == 302
