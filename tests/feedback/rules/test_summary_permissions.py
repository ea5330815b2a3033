"""Every summary and disagreement URL and action against every role: anonymous, the business
owner who wrote the disagreement, another business owner, staff, politician and admin."""

import pytest
from django.urls import reverse

from feedback.models import Summary
from feedback.services import summaries as services
from tests import factories
from tests.factories import ROLES
from tests.feedback.summary_helpers import draft_summary, published_summary

pytestmark = pytest.mark.django_db

LOGIN = "login"


@pytest.fixture
def objects(workshop, business_owner):
    """A draft, a summary in review and a published one, all written by a third staff member,
    and the owner's open disagreement with the published summary's point."""
    writer, checker = factories.StaffFactory(), factories.StaffFactory()
    draft = draft_summary(workshop=workshop, editor=writer, theme_slug="samarbete")
    in_review = draft_summary(workshop=workshop, editor=writer, theme_slug="forstaelse-och-relation")
    in_review = services.summary_submit_for_review(
        summary=in_review, actor=writer, expected_version=in_review.version
    )
    published = published_summary(workshop=workshop, editor=writer, checker=checker)
    point = published.points.get()
    disagreement = factories.DisagreementFactory(point=point, author=business_owner)
    other_point = factories.SummaryPointFactory(summary=published, order=9)
    return {
        "draft": draft,
        "in_review": in_review,
        "published": published,
        "point": other_point,
        "disagreement": disagreement,
        "workshop": workshop,
    }


def _edit_data(summary):
    return {
        "action": "save",
        "version": summary.version,
        "introduction": "Ny inledning",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
    }


# name -> (method, url builder, data builder, expected per role in the order of ROLES)
CASES = {
    "list": ("get", lambda o: reverse("feedback:summary-list"), None, [LOGIN, 403, 403, 200, 403, 200]),
    "create_get": (
        "get",
        lambda o: reverse("feedback:summary-create"),
        None,
        [LOGIN, 403, 403, 200, 403, 200],
    ),
    "create_post": (
        "post",
        lambda o: reverse("feedback:summary-create"),
        lambda o: {"workshop": factories.WorkshopFactory().pk, "theme": factories.theme().pk},
        [LOGIN, 403, 403, 302, 403, 302],
    ),
    "detail": (
        "get",
        lambda o: reverse("feedback:summary-detail", args=[o["draft"].pk]),
        None,
        [LOGIN, 403, 403, 200, 403, 200],
    ),
    "edit_get": (
        "get",
        lambda o: reverse("feedback:summary-edit", args=[o["draft"].pk]),
        None,
        [LOGIN, 403, 403, 200, 403, 200],
    ),
    "edit_post": (
        "post",
        lambda o: reverse("feedback:summary-edit", args=[o["draft"].pk]),
        lambda o: _edit_data(o["draft"]),
        [LOGIN, 403, 403, 302, 403, 302],
    ),
    "submit": (
        "post",
        lambda o: reverse("feedback:summary-submit", args=[o["draft"].pk]),
        lambda o: {"version": o["draft"].version},
        [LOGIN, 403, 403, 302, 403, 302],
    ),
    "publish": (
        "post",
        lambda o: reverse("feedback:summary-publish", args=[o["in_review"].pk]),
        lambda o: {"version": o["in_review"].version},
        [LOGIN, 403, 403, 302, 403, 302],
    ),
    "return_to_draft": (
        "post",
        lambda o: reverse("feedback:summary-return-to-draft", args=[o["published"].pk]),
        lambda o: {"version": o["published"].version},
        [LOGIN, 403, 403, 302, 403, 302],
    ),
    "compare": (
        "get",
        lambda o: reverse("feedback:summary-compare", args=[o["published"].pk]),
        None,
        [LOGIN, 403, 403, 200, 403, 200],
    ),
    "public": (
        "get",
        lambda o: reverse("feedback:summary-public", args=[o["workshop"].slug, o["published"].theme.slug]),
        None,
        [200, 200, 200, 200, 200, 200],
    ),
    "workshop_page": (
        "get",
        lambda o: o["workshop"].get_absolute_url(),
        None,
        [200, 200, 200, 200, 200, 200],
    ),
    "disagree_get": (
        "get",
        lambda o: reverse("feedback:disagreement-create", args=[o["point"].pk]),
        None,
        [LOGIN, 200, 200, 403, 403, 403],
    ),
    "disagree_post": (
        "post",
        lambda o: reverse("feedback:disagreement-create", args=[o["point"].pk]),
        lambda o: {"text": "Jag håller inte med."},
        [LOGIN, 302, 302, 403, 403, 403],
    ),
    "withdraw": (
        "post",
        lambda o: reverse("feedback:disagreement-withdraw", args=[o["disagreement"].pk]),
        None,
        [LOGIN, 302, 403, 403, 403, 403],
    ),
    "disagreement_list": (
        "get",
        lambda o: reverse("feedback:disagreement-list"),
        None,
        [LOGIN, 403, 403, 200, 200, 200],
    ),
}

PARAMS = [
    pytest.param(case, role, expected, id=f"{case}-{role}")
    for case, (_method, _url, _data, statuses) in CASES.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("case", "role", "expected"), PARAMS)
def test_summary_and_disagreement_permissions(client_for, users, objects, case, role, expected):
    """Anonymous visitors go to sign-in, refused roles get 403, permitted roles get the page or
    a redirect after acting; a refused action changes nothing."""
    method, url, data, _statuses = CASES[case]
    before = {s.pk: (s.status, s.version) for s in Summary.objects.all()}
    client = client_for(users[role])
    response = getattr(client, method)(url(objects), data(objects) if data else {})
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:300]
        if expected == 302:
            assert not response["Location"].startswith(reverse("accounts:login"))
    if expected in (LOGIN, 403):
        assert {s.pk: (s.status, s.version) for s in Summary.objects.all()} == before


def test_politician_and_last_editor_cannot_check(client_for, workshop, staff, politician):
    """The four-eyes rule at the URL: the last editor and a politician are refused with 403."""
    summary = draft_summary(workshop=workshop, editor=staff)
    summary = services.summary_submit_for_review(
        summary=summary, actor=staff, expected_version=summary.version
    )
    url = reverse("feedback:summary-publish", args=[summary.pk])
    for user in (staff, politician):
        assert client_for(user).post(url, {"version": summary.version}).status_code == 403
    assert Summary.objects.get(pk=summary.pk).status == Summary.Status.IN_REVIEW


def test_admin_who_edited_last_cannot_check_either(client_for, workshop, admin_user):
    """An administrator's superuser flag does not bypass the four-eyes rule."""
    summary = draft_summary(workshop=workshop, editor=admin_user)
    summary = services.summary_submit_for_review(
        summary=summary, actor=admin_user, expected_version=summary.version
    )
    response = client_for(admin_user).post(
        reverse("feedback:summary-publish", args=[summary.pk]), {"version": summary.version}
    )
    assert response.status_code == 403
