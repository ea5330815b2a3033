"""Every follow-up URL against every role: anonymous visitors are sent to sign-in, signed-in
users without the right get 403."""

import pytest

from followups import services
from tests import factories

ROLES = ["anonymous", "owner", "other_owner", "staff", "politician", "admin"]
PUBLIC = dict.fromkeys(ROLES, 200)
STAFF_ONLY = {
    "anonymous": "login",
    "owner": 403,
    "other_owner": 403,
    "staff": "ok",
    "politician": 403,
    "admin": "ok",
}
OWNERS = {
    "anonymous": "login",
    "owner": "ok",
    "other_owner": "ok",
    "staff": 403,
    "politician": 403,
    "admin": "ok",
}


@pytest.fixture
def world(business_owner, other_business_owner, staff, politician, admin_user, conference):
    note = factories.NoteFactory(author=business_owner)
    followup = services.followup_create(
        actor=staff, conference=conference, title="Kvällsöppet", notes=[note], responsible=staff
    )
    users = {
        "anonymous": None,
        "owner": business_owner,
        "other_owner": other_business_owner,
        "staff": staff,
        "politician": politician,
        "admin": admin_user,
    }
    return {"users": users, "followup": followup, "conference": conference, "note": note}


def _urls(world):
    f, c = world["followup"].pk, world["conference"].slug
    note = world["note"].pk
    return [
        ("get", "/uppfoljning/", {}, PUBLIC),
        ("get", f"/uppfoljning/konferenser/{c}/", {}, PUBLIC),
        ("get", f"/uppfoljning/arenden/{f}/", {}, PUBLIC),
        ("get", "/uppfoljning/konferenser/ny/", {}, STAFF_ONLY),
        ("post", "/uppfoljning/konferenser/ny/", {}, STAFF_ONLY),
        ("get", f"/uppfoljning/konferenser/{c}/andra/", {}, STAFF_ONLY),
        ("post", f"/uppfoljning/konferenser/{c}/andra/", {}, STAFF_ONLY),
        ("get", f"/uppfoljning/konferenser/{c}/tavla/", {}, STAFF_ONLY),
        ("get", "/uppfoljning/arenden/ny/", {}, STAFF_ONLY),
        ("post", "/uppfoljning/arenden/ny/", {"title": ""}, STAFF_ONLY),
        ("get", f"/uppfoljning/arenden/{f}/hantera/", {}, STAFF_ONLY),
        ("post", f"/uppfoljning/arenden/{f}/andra/", {"title": ""}, STAFF_ONLY),
        ("post", f"/uppfoljning/arenden/{f}/svar/", {}, STAFF_ONLY),
        ("get", f"/uppfoljning/arenden/{f}/flytta/", {}, STAFF_ONLY),
        ("post", f"/uppfoljning/arenden/{f}/flytta/", {"to_status": "x", "version": 1}, STAFF_ONLY),
        ("post", f"/uppfoljning/arenden/{f}/koppla-bort/", {"kind": "note", "id": note}, STAFF_ONLY),
        ("get", "/uppfoljning/inkorg/", {}, STAFF_ONLY),
        ("post", "/uppfoljning/inkorg/koppla/", {}, STAFF_ONLY),
        ("get", "/uppfoljning/mitt-inflytande/", {}, OWNERS),
        ("post", "/uppfoljning/mitt-inflytande/last/", {}, OWNERS),
    ]


URL_COUNT = 20


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("index", range(URL_COUNT))
def test_url_answers_each_role_as_expected(world, client_for, role, index):
    """Public pages answer everyone; staff pages and actions refuse everyone but staff and
    admins; Mitt inflytande is for business owners (and admins)."""
    method, url, data, expected = _urls(world)[index]
    response = getattr(client_for(world["users"][role]), method)(url, data)
    outcome = expected[role]
    if outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/")
    elif outcome == "ok":
        assert response.status_code in (200, 302, 400)
        assert not response.get("Location", "").startswith("/konto/logga-in/")
    else:
        assert response.status_code == outcome


def test_every_url_is_covered(world):
    """The table above lists every URL of the app."""
    from followups.urls import urlpatterns

    assert len(_urls(world)) == URL_COUNT
    assert len({(url.pattern.name) for url in urlpatterns}) == len(urlpatterns) == 16


def test_denied_post_changes_nothing(world, client_for):
    """A business owner's POST to a staff action is refused and leaves the follow-up alone."""
    followup = world["followup"]
    client_for(world["users"]["owner"]).post(
        f"/uppfoljning/arenden/{followup.pk}/flytta/", {"to_status": "on_agenda", "version": 1}
    )
    followup.refresh_from_db()
    assert followup.status == "new"


def test_my_influence_shows_only_ones_own_input(world, client_for):
    """Another business owner does not see the owner's note on their Mitt inflytande."""
    text = world["note"].text
    assert text in client_for(world["users"]["owner"]).get("/uppfoljning/mitt-inflytande/").content.decode()
    assert (
        text
        not in client_for(world["users"]["other_owner"]).get("/uppfoljning/mitt-inflytande/").content.decode()
    )


def test_public_followup_page_shows_no_author_names(world, client_for):
    """Public pages show the notes' text but never who wrote them."""
    page = client_for(None).get(f"/uppfoljning/arenden/{world['followup'].pk}/").content.decode()
    assert world["note"].text in page
    assert world["users"]["owner"].full_name not in page
