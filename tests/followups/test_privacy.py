"""What a follow-up's pages show of the people behind its input. Which role may reach each
follow-up URL, and that a refused action changes nothing, is in the permission matrix
(tests/security/matrix.py)."""

import pytest

from followups import services
from tests import factories


@pytest.fixture
def world(business_owner, other_business_owner, conference, staff):
    note = factories.NoteFactory(author=business_owner)
    followup = services.followup_create(
        actor=staff, conference=conference, title="Kvällsöppet", notes=[note], responsible=staff
    )
    users = {"owner": business_owner, "other_owner": other_business_owner}
    return {"users": users, "followup": followup, "note": note}


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
