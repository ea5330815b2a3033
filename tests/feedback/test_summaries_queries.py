"""Exact query counts of the summary pages, equal at two data sizes."""

import pytest
from django.urls import reverse

from feedback.selectors import summaries as selectors
from tests import factories

from .summary_helpers import draft_summary, fast_published_summary

pytestmark = pytest.mark.django_db

THEMES = ["service-och-leverans", "forstaelse-och-relation", "samarbete"]


def _three_published(workshop, checker):
    return [
        fast_published_summary(
            workshop=workshop, theme_slug=slug, points=10, checker=checker, notes_per_point=2
        )
        for slug in THEMES
    ]


def _spread_disagreements(summaries, count, owners):
    points = [point for summary in summaries for point in summary.points.all()]
    for index in range(count):
        factories.DisagreementFactory(point=points[index % len(points)], author=owners[index // len(points)])


@pytest.mark.parametrize("disagreements", [10, 100])
def test_public_workshop_page_queries_are_constant(
    client_for, django_assert_num_queries, workshop, other_staff, disagreements
):
    """Anonymous visitors: 3 summaries × 10 points cost the same queries at 10 and 100 disagreements."""
    summaries = _three_published(workshop, other_staff)
    owners = factories.BusinessOwnerFactory.create_batch(4)
    _spread_disagreements(summaries, disagreements, owners)
    client = client_for(None)
    with django_assert_num_queries(PUBLIC_PAGE_ANONYMOUS):
        response = client.get(workshop.get_absolute_url())
    assert response.content.decode().count('class="summary-point ') == 30


@pytest.mark.parametrize("disagreements", [10, 100])
def test_public_workshop_page_queries_for_a_business_owner(
    client_for, django_assert_num_queries, workshop, other_staff, business_owner, disagreements
):
    """A signed-in business owner's own open disagreements cost one query more, at any size."""
    summaries = _three_published(workshop, other_staff)
    owners = [business_owner, *factories.BusinessOwnerFactory.create_batch(3)]
    _spread_disagreements(summaries, disagreements, owners)
    client = client_for(business_owner)
    with django_assert_num_queries(PUBLIC_PAGE_BUSINESS_OWNER):
        response = client.get(workshop.get_absolute_url())
    assert "Ta tillbaka min invändning" in response.content.decode()


def test_what_we_heard_selector_costs_three_queries(
    django_assert_num_queries, workshop, other_staff, business_owner
):
    """Published summaries, their points with counts, and the user's own disagreements."""
    summaries = _three_published(workshop, other_staff)
    _spread_disagreements(summaries, 40, [business_owner, *factories.BusinessOwnerFactory.create_batch(1)])
    with django_assert_num_queries(3):
        result = selectors.summaries_published_for_workshop(workshop=workshop, user=business_owner)
        counts = [(p.note_count, p.disagreement_count) for s in result for p in s.points.all()]
    assert counts[0] == (2, 2)


@pytest.mark.parametrize("size", [2, 20])
def test_public_summary_page_queries_are_constant(
    client_for, django_assert_num_queries, workshop, other_staff, business_owner, size
):
    """The public summary page: summary, points with counts, cited notes, whatever the size;
    a signed-in reader adds the session, the user and their roles."""
    fast_published_summary(
        workshop=workshop, theme_slug="samarbete", points=size, checker=other_staff, notes_per_point=size
    )
    url = reverse("feedback:summary-public", args=[workshop.slug, "samarbete"])
    with django_assert_num_queries(SUMMARY_PUBLIC):
        first = client_for(None).get(url)
    assert first.status_code == 200
    owner = client_for(business_owner)
    with django_assert_num_queries(SUMMARY_PUBLIC + 3):  # + session, user, roles
        again = owner.get(url).content.decode()
    assert again.count('class="mb-4"') == first.content.decode().count('class="mb-4"') == size


def test_public_summary_page_follows_every_write(client, workshop, other_staff):
    """The page shows any write to what it reads at the next request."""
    from feedback.models import Note, SummaryPoint
    from workshops.models import DiscussionGroup

    summary = fast_published_summary(workshop=workshop, theme_slug="samarbete", points=1, checker=other_staff)
    point = summary.points.get()
    note = point.notes.get()
    url = reverse("feedback:summary-public", args=[workshop.slug, "samarbete"])
    group = factories.DiscussionGroupFactory(workshop=workshop, name="Bord A")
    Note.objects.filter(pk=note.pk).update(group=group, text="Längre öppettider")
    page = client.get(url).content.decode()
    assert "Bord A" in page and "Längre öppettider" in page
    DiscussionGroup.objects.filter(pk=group.pk).update(name="Bord B")
    assert "Bord B" in client.get(url).content.decode()
    SummaryPoint.objects.filter(pk=point.pk).update(text="Kortare handläggning")
    assert "Kortare handläggning" in client.get(url).content.decode()
    factories.DisagreementFactory(point=point)
    assert "1 person håller inte med" in client.get(url).content.decode()
    Note.objects.filter(pk=note.pk).update(status=Note.Status.HIDDEN)
    assert "Längre öppettider" not in client.get(url).content.decode()
    type(summary).objects.filter(pk=summary.pk).update(status="draft")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_staff_summary_list_queries_are_constant(client_for, django_assert_num_queries, staff, size):
    """The staff list: one page of summaries with workshop, theme, editor and checker joined."""
    for _ in range(size):
        factories.SummaryFactory(last_edited_by=staff)
    client = client_for(staff)
    with django_assert_num_queries(STAFF_LIST):
        assert client.get(reverse("feedback:summary-list")).status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_staff_summary_detail_queries_are_constant(
    client_for, django_assert_num_queries, workshop, staff, size
):
    """The staff detail page: the summary, points with counts and notes, and its revisions."""
    summary = draft_summary(workshop=workshop, editor=staff, points=size, notes_per_point=2)
    client = client_for(staff)
    with django_assert_num_queries(STAFF_DETAIL):
        assert client.get(reverse("feedback:summary-detail", args=[summary.pk])).status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_editor_queries_are_constant(client_for, django_assert_num_queries, workshop, staff, size):
    """The editor: the summary, its points and cited notes, the picker's notes and their themes."""
    summary = draft_summary(workshop=workshop, editor=staff, points=size, notes_per_point=2)
    client = client_for(staff)
    with django_assert_num_queries(EDITOR):
        assert client.get(reverse("feedback:summary-edit", args=[summary.pk])).status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_compare_queries_are_constant(client_for, django_assert_num_queries, workshop, staff, size):
    """The comparison: the summary, its revisions, and the cited notes' texts."""
    summary = draft_summary(workshop=workshop, editor=staff, points=size, notes_per_point=2)
    client = client_for(staff)
    with django_assert_num_queries(COMPARE):
        assert client.get(reverse("feedback:summary-compare", args=[summary.pk])).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_disagreement_list_queries_are_constant(
    client_for, django_assert_num_queries, workshop, politician, size
):
    """The disagreement list: one page with point, summary, workshop, theme and author joined."""
    summary = fast_published_summary(workshop=workshop, theme_slug="samarbete", points=size, checker=None)
    for point in summary.points.all():
        factories.DisagreementFactory(point=point)
    client = client_for(politician)
    with django_assert_num_queries(DISAGREEMENT_LIST):
        assert client.get(reverse("feedback:disagreement-list")).status_code == 200


# Every signed-in page: session, user, role groups. Every page: site settings (footer).
# Staff pages also count the follow-up inbox in the navigation.
# workshop, groups, summaries, points with counts, conferences, site settings
PUBLIC_PAGE_ANONYMOUS = 6
PUBLIC_PAGE_BUSINESS_OWNER = 11  # the above + session, user, roles, own disagreements, own registration
# summary, points with counts, cited notes, site settings
SUMMARY_PUBLIC = 4
STAFF_LIST = 7  # session, user, roles, inbox, settings, count, page
STAFF_DETAIL = (
    10  # session, user, roles, summary, summary with joins, points, notes, revisions, inbox, settings
)
EDITOR = 16  # with the picker notes' topics, for its groups of similar notes
COMPARE = 8  # session, user, roles, summary, revisions, cited notes' texts, inbox, settings
DISAGREEMENT_LIST = 6  # session, user, roles, settings, count, page
