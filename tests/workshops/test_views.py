import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _workshops(count, past=True):
    now = timezone.now()
    for index in range(count):
        start = now + datetime.timedelta(days=(-30 - index) if past else (5 + index))
        factories.WorkshopFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))


def test_list_shows_published_upcoming_and_past_but_not_drafts(client):
    """The list splits published workshops into upcoming and past and hides drafts."""
    now = timezone.now()
    factories.WorkshopFactory(
        title="Framtida frukost",
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
    )
    factories.WorkshopFactory(
        title="Gammal lunch",
        starts_at=now - datetime.timedelta(days=300),
        ends_at=now - datetime.timedelta(days=300, hours=-2),
    )
    factories.WorkshopFactory(title="Hemligt utkast", status=Workshop.Status.DRAFT)
    response = client.get(reverse("workshops:workshop-list"))
    assert list(response.context["upcoming"].values_list("title", flat=True)) == ["Framtida frukost"]
    assert [w.title for w in response.context["past"]] == ["Gammal lunch"]
    assert "Hemligt utkast" not in response.content.decode()


def test_detail_shows_groups_and_hides_drafts(client):
    """The detail page lists the discussion groups; a draft answers 404."""
    workshop = factories.WorkshopFactory(title="Lunch med kommunstyrelsen")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 1", table_host="Sara")
    factories.DiscussionGroupFactory(workshop=workshop, name="Bord 2")
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert "Lunch med kommunstyrelsen" in page
    assert "Bord 1" in page and "Bord 2" in page and "bordsvärd Sara" in page
    draft = factories.WorkshopFactory(status=Workshop.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [3, 60])
def test_workshop_list_query_count_is_constant(client, django_assert_num_queries, count):
    """The list runs the same number of queries with few and with many workshops."""
    _workshops(count, past=True)
    _workshops(count, past=False)
    # site settings, upcoming, past count, past page
    with django_assert_num_queries(4):
        response = client.get(reverse("workshops:workshop-list"))
    assert response.status_code == 200


def _main(response) -> str:
    """The page's main content (the frame around it holds a fresh CSRF token each time)."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


@pytest.mark.parametrize("groups", [2, 40])
def test_workshop_detail_query_count_is_constant(client, client_for, django_assert_num_queries, groups):
    """The detail page runs the same number of queries whatever the number of groups, for a
    visitor and for a signed-in user."""
    workshop = factories.WorkshopFactory()
    for _ in range(groups):
        factories.DiscussionGroupFactory(workshop=workshop)
    # site settings, workshop, groups with participant counts, published summaries ("Vad vi
    # hörde"; their points only when there are any), conferences ("Detta händer nu")
    with django_assert_num_queries(5):
        response = client.get(workshop.get_absolute_url())
    assert response.status_code == 200
    assert workshop.title in _main(response)
    # A signed-in user's page adds the session, the user, their roles and their own
    # registration for the workshop (its booking state).
    owner = client_for(factories.UserFactory())
    with django_assert_num_queries(9):
        assert owner.get(workshop.get_absolute_url()).status_code == 200


def test_home_lists_upcoming_and_recent(client, django_assert_num_queries):
    """The home page shows up to three upcoming and three recent workshops."""
    _workshops(5, past=True)
    _workshops(5, past=False)
    with django_assert_num_queries(3):
        response = client.get("/")
    assert len(response.context["upcoming"]) == 3
    assert len(response.context["recent"]) == 3
