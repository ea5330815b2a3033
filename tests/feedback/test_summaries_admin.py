"""The admin shows summaries, versions and disagreements read-only: they change only through
the editor, which keeps versions, the four-eyes rule and the audit log."""

import pytest
from django.urls import reverse

from tests import factories

from .summary_helpers import draft_summary

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["summary", "summarypoint", "summaryrevision", "disagreement"])
def test_admin_lists_and_shows_without_change_or_add(client_for, admin_user, workshop, staff, model):
    """The changelist and the object page open for an admin; adding is refused (403)."""
    summary = draft_summary(workshop=workshop, editor=staff)
    disagreement = factories.DisagreementFactory(point=summary.points.get())
    objects = {
        "summary": summary,
        "summarypoint": summary.points.get(),
        "summaryrevision": summary.revisions.first(),
        "disagreement": disagreement,
    }
    client = client_for(admin_user)
    assert client.get(reverse(f"admin:feedback_{model}_changelist")).status_code == 200
    change = client.get(reverse(f"admin:feedback_{model}_change", args=[objects[model].pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert client.get(reverse(f"admin:feedback_{model}_add")).status_code == 403
