"""The four-eyes rule on summaries: whoever edited a summary last may not check and publish
it, whatever their role. Which role may reach each summary and disagreement URL is in the
permission matrix (tests/security/matrix.py)."""

import pytest
from django.urls import reverse

from feedback.models import Summary
from feedback.services import summaries as services
from tests.feedback.summary_helpers import draft_summary

pytestmark = pytest.mark.django_db


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
