"""Every note URL and action against every role: anonymous, the owning business owner,
another business owner, staff, politician and admin."""

import pytest
from django.urls import reverse

from feedback.models import Note
from tests import factories
from tests.factories import ROLES

LOGIN = "login"


@pytest.fixture
def own_note(workshop, business_owner):
    return factories.NoteFactory(
        workshop=workshop, author=business_owner, source=Note.Source.BROWSER, status=Note.Status.PENDING
    )


def _note_data():
    return {
        "group": "",
        "text": "Längre öppettider, tack.",
        "kind": "suggestion",
        "themes": [factories.theme().pk],
    }


def _transcription_data():
    return {
        "group": "",
        "rad-TOTAL_FORMS": "1",
        "rad-INITIAL_FORMS": "0",
        "rad-0-text": "En pappersanteckning.",
        "rad-0-kind": "problem",
        "rad-0-themes": [factories.theme().pk],
    }


def _assert_status(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:500]
        if expected == 302:
            assert not response["Location"].startswith(reverse("accounts:login"))


# role -> expected status, in the order of ROLES
CASES = {
    "list": ("get", [200, 200, 200, 200, 200, 200]),
    "create_get": ("get", [LOGIN, 200, 200, 403, 403, 403]),
    "create_post": ("post", [LOGIN, 302, 302, 403, 403, 403]),
    "mine": ("get", [LOGIN, 200, 200, 403, 403, 403]),
    "update_get": ("get", [LOGIN, 200, 403, 403, 403, 403]),
    "update_post": ("post", [LOGIN, 302, 403, 403, 403, 403]),
    "withdraw_get": ("get", [LOGIN, 200, 403, 403, 403, 403]),
    "withdraw_post": ("post", [LOGIN, 302, 403, 403, 403, 403]),
    "transcribe_get": ("get", [LOGIN, 403, 403, 200, 403, 200]),
    "transcribe_post": ("post", [LOGIN, 403, 403, 302, 403, 302]),
    "moderation": ("get", [LOGIN, 403, 403, 200, 403, 200]),
    "publish": ("post", [LOGIN, 403, 403, 302, 403, 302]),
    "hide_get": ("get", [LOGIN, 403, 403, 200, 403, 200]),
    "hide_post": ("post", [LOGIN, 403, 403, 302, 403, 302]),
}


def _request(name, workshop, note):
    slug = workshop.slug
    return {
        "list": (reverse("feedback:note-list", args=[slug]), None),
        "create_get": (reverse("feedback:note-create", args=[slug]), None),
        "create_post": (reverse("feedback:note-create", args=[slug]), _note_data()),
        "mine": (reverse("feedback:note-mine"), None),
        "update_get": (reverse("feedback:note-update", args=[note.pk]), None),
        "update_post": (reverse("feedback:note-update", args=[note.pk]), _note_data()),
        "withdraw_get": (reverse("feedback:note-withdraw", args=[note.pk]), None),
        "withdraw_post": (reverse("feedback:note-withdraw", args=[note.pk]), {}),
        "transcribe_get": (reverse("feedback:note-transcribe", args=[slug]), None),
        "transcribe_post": (reverse("feedback:note-transcribe", args=[slug]), _transcription_data()),
        "moderation": (reverse("feedback:note-moderation"), None),
        "publish": (reverse("feedback:note-publish", args=[note.pk]), {}),
        "hide_get": (reverse("feedback:note-hide", args=[note.pk]), None),
        "hide_post": (reverse("feedback:note-hide", args=[note.pk]), {"reason": "Personuppgifter."}),
    }[name]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(CASES))
def test_note_urls_answer_each_role_as_expected(case, role, users, client_for, workshop, own_note):
    """Anonymous users are sent to sign in; signed-in users without the permission get 403;
    the rest get the page (200) or are redirected after the action (302)."""
    method, expected = CASES[case]
    url, data = _request(case, workshop, own_note)
    client = client_for(users[role])
    response = client.get(url) if method == "get" else client.post(url, data)
    _assert_status(response, expected[ROLES.index(role)])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "other_owner", "staff", "politician"])
def test_refused_actions_change_nothing(role, users, client_for, workshop, own_note):
    """A refused edit, withdrawal, publication or hiding leaves the note exactly as it was."""
    client = client_for(users[role])
    client.post(reverse("feedback:note-update", args=[own_note.pk]), {**_note_data(), "text": "Ändrad"})
    client.post(reverse("feedback:note-withdraw", args=[own_note.pk]))
    if role != "staff":
        client.post(reverse("feedback:note-publish", args=[own_note.pk]))
        client.post(reverse("feedback:note-hide", args=[own_note.pk]), {"reason": "Nej"})
    own_note.refresh_from_db()
    assert own_note.status == Note.Status.PENDING
    assert own_note.text.startswith("Anteckning nummer")


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
