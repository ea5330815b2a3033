"""Reviews: staff other than the last editor are e-mailed once when a summary is sent for a
check; the author reads who checked it, or who sent it back and why."""

import pytest
from django.core import mail
from django.urls import reverse

from feedback.models import Summary
from feedback.services import summaries as services
from tests import factories

from .summary_helpers import draft_summary

pytestmark = pytest.mark.django_db


def test_other_staff_are_emailed_once_when_a_summary_waits_for_a_check(
    workshop, staff, other_staff, business_owner, politician, django_capture_on_commit_callbacks
):
    """Every staff member but the editor gets one e-mail with the summary's link, even when
    the notifying runs again; nobody outside staff gets one."""
    third = factories.StaffFactory(full_name="Tredje Kollega")
    summary = draft_summary(workshop=workshop, editor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        summary = services.summary_submit_for_review(
            summary=summary, actor=staff, expected_version=summary.version
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.summary_notify_reviewers(summary_id=summary.pk) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([other_staff.email, third.email])
    message = mail.outbox[0]
    assert "väntar på din granskning" in message.subject
    assert reverse("feedback:summary-detail", args=[summary.pk]) in message.body


def test_a_new_request_after_sending_back_is_told_again(
    workshop, staff, other_staff, django_capture_on_commit_callbacks
):
    summary = draft_summary(workshop=workshop, editor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        summary = services.summary_submit_for_review(
            summary=summary, actor=staff, expected_version=summary.version
        )
        summary = services.summary_return_to_draft(
            summary=summary, actor=other_staff, expected_version=summary.version, comment="Källa saknas."
        )
        services.summary_submit_for_review(summary=summary, actor=staff, expected_version=summary.version)
    assert [m.to[0] for m in mail.outbox] == [other_staff.email, other_staff.email]


def test_author_reads_who_sent_it_back_and_why(client_for, workshop, staff, other_staff):
    """The reviewer's comment is kept and shown to the author on the summary and on Arbetsyta."""
    summary = draft_summary(workshop=workshop, editor=staff)
    summary = services.summary_submit_for_review(
        summary=summary, actor=staff, expected_version=summary.version
    )
    response = client_for(other_staff).post(
        reverse("feedback:summary-return-to-draft", args=[summary.pk]),
        {"version": summary.version, "comment": "Punkt 2 saknar en källa."},
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert (summary.status, summary.returned_by, summary.review_comment) == (
        Summary.Status.DRAFT,
        other_staff,
        "Punkt 2 saknar en källa.",
    )
    author = client_for(staff)
    detail = author.get(reverse("feedback:summary-detail", args=[summary.pk])).content.decode()
    assert (
        "Skickad tillbaka till utkast av Johan Granskare" in detail and "Punkt 2 saknar en källa." in detail
    )
    workspace = author.get(reverse("portal:workspace")).content.decode()
    assert "Punkt 2 saknar en källa." in workspace


@pytest.mark.parametrize("comment", ["Källa\x00saknas.", "x" * 2001])
def test_a_comment_that_cannot_be_kept_is_refused_with_a_message(
    client_for, workshop, staff, other_staff, comment
):
    """A NUL byte (which PostgreSQL cannot store) or a comment over 2,000 characters: the
    reviewer reads why, and the summary stays in review."""
    summary = draft_summary(workshop=workshop, editor=staff)
    summary = services.summary_submit_for_review(
        summary=summary, actor=staff, expected_version=summary.version
    )
    response = client_for(other_staff).post(
        reverse("feedback:summary-return-to-draft", args=[summary.pk]),
        {"version": summary.version, "comment": comment},
        follow=True,
    )
    page = response.content.decode()
    assert "Kommentar till författaren (frivillig):" in page
    summary.refresh_from_db()
    assert (summary.status, summary.review_comment) == (Summary.Status.IN_REVIEW, "")


def test_author_sees_who_checked_it(client_for, workshop, staff, other_staff):
    summary = draft_summary(workshop=workshop, editor=staff)
    summary = services.summary_submit_for_review(
        summary=summary, actor=staff, expected_version=summary.version
    )
    services.summary_check_and_publish(summary=summary, checker=other_staff, expected_version=summary.version)
    author = client_for(staff)
    detail = author.get(reverse("feedback:summary-detail", args=[summary.pk])).content.decode()
    assert "Kontrollerad av" in detail and "Johan Granskare" in detail
    workspace = author.get(reverse("portal:workspace"))
    assert workspace.context["workspace"].checked == [summary]
    assert "kontrollerad och publicerad av Johan Granskare" in workspace.content.decode()
