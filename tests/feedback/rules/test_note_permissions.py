"""Note rules that are not a question of role alone: a draft workshop has no note pages, and
only staff, politicians and admins may read unpublished notes. Which role may reach each note
URL, and that a refused request changes nothing, is in the permission matrix
(tests/security/matrix.py)."""

import pytest
from django.urls import reverse

from feedback.models import Note
from tests import factories


def _note_data():
    return {
        "group": "",
        "text": "Längre öppettider, tack.",
        "kind": "suggestion",
        "themes": [factories.theme().pk],
    }


@pytest.mark.django_db
def test_draft_workshop_has_no_note_pages(client_for, business_owner):
    """A draft workshop's notes page and note form are not found, for anonymous users and
    business owners alike; nothing can be stored for it."""
    draft = factories.WorkshopFactory(status="draft")
    for user in (None, business_owner):
        client = client_for(user)
        assert client.get(reverse("feedback:note-list", args=[draft.slug])).status_code == 404
    response = client_for(business_owner).post(
        reverse("feedback:note-create", args=[draft.slug]), _note_data()
    )
    assert response.status_code == 404
    assert not Note.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("owner", False),
        ("other_owner", False),
        ("staff", True),
        ("politician", True),
        ("admin", True),
    ],
)
def test_only_staff_and_politicians_may_see_unpublished_notes(role, expected, users):
    """Pending and hidden notes are readable (marked) by staff, politicians and admins only."""
    from django.contrib.auth.models import AnonymousUser

    user = users[role] or AnonymousUser()
    assert user.has_perm("feedback.view_unpublished_notes") is expected
