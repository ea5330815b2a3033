"""Notices on Mina sidor: each event tells its person once, in the portal, and by e-mail only
when the person chose e-mail for that kind; running the code behind it twice tells no one twice."""

import pytest

from aleforetag.accounts.models import Notice
from aleforetag.accounts.notices import notice_send, notices_mark_read
from aleforetag.core.models import OutboxEmail
from feedback.services.notes import note_hide, note_publish
from followups import services as followup_services
from followups.models import FollowUp
from tests import factories
from tests.followups.conftest import advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def business_owner(business_owner):
    """A business owner who chose every notice by e-mail (the default is none but feedback)."""
    business_owner.email_notice_kinds = list(Notice.EMAIL_CHOICES)
    business_owner.save(update_fields=["email_notice_kinds"])
    return business_owner


def _emails_to(user):
    return list(OutboxEmail.objects.filter(to=user.email).values_list("subject", flat=True))


def _notices(user, kind):
    return list(Notice.objects.filter(user=user, kind=kind))


def _browser_note(author, **kwargs):
    return factories.NoteFactory(author=author, source="browser", status="pending", **kwargs)


def test_note_published_twice_tells_once_in_the_portal_and_by_email(business_owner, staff):
    note = _browser_note(business_owner)
    note_publish(actor=staff, note=note)
    note_publish(actor=staff, note=note)
    [notice] = _notices(business_owner, Notice.Kind.NOTE_PUBLISHED)
    assert "är publicerad" in notice.message
    assert _emails_to(business_owner) == ["Nytt om det du har sagt – Ale företagsklimat"]
    business_owner.refresh_from_db()
    assert business_owner.unread_notice_count == 1


def test_note_hidden_twice_tells_the_reason_once(business_owner, staff):
    note = _browser_note(business_owner)
    note_hide(actor=staff, note=note, reason="Texten innehåller personuppgifter.")
    note_hide(actor=staff, note=note, reason="Texten innehåller personuppgifter.")
    [notice] = _notices(business_owner, Notice.Kind.NOTE_HIDDEN)
    assert "Skälet: Texten innehåller personuppgifter." in notice.message
    assert "granskning" not in notice.message
    assert len(_emails_to(business_owner)) == 1


def test_no_email_when_the_person_did_not_choose_it(business_owner, staff):
    business_owner.email_notice_kinds = [Notice.Kind.NOTE_HIDDEN]
    business_owner.save()
    note_publish(actor=staff, note=_browser_note(business_owner))
    assert len(_notices(business_owner, Notice.Kind.NOTE_PUBLISHED)) == 1
    assert _emails_to(business_owner) == []


def test_a_new_account_gets_notes_and_disagreements_in_the_portal_only(staff):
    """By default only feedback comes by e-mail; the rest waits on Mina sidor."""
    owner = factories.BusinessOwnerFactory()
    note_publish(actor=staff, note=_browser_note(owner))
    assert len(_notices(owner, Notice.Kind.NOTE_PUBLISHED)) == 1
    assert _emails_to(owner) == []


def test_a_paper_note_has_no_author_to_tell(staff):
    note_publish(actor=staff, note=factories.NoteFactory(author=None, status="pending"))
    assert Notice.objects.count() == 0


def test_disagreement_taken_into_a_followup_twice_tells_once(business_owner, staff):
    disagreement = factories.DisagreementFactory(author=business_owner)
    followup = factories.FollowUpFactory(title="Kvällsöppet bygglov")
    followup_services.followup_link_inputs(actor=staff, followup=followup, disagreements=[disagreement])
    followup_services.followup_link_inputs(actor=staff, followup=followup, disagreements=[disagreement])
    [notice] = _notices(business_owner, Notice.Kind.DISAGREEMENT_TAKEN)
    assert notice.message == "Din invändning är med i ärendet ”Kvällsöppet bygglov”."
    assert len(_emails_to(business_owner)) == 1


def test_feedback_published_task_run_twice_tells_once_and_emails_once(
    business_owner, staff, django_capture_on_commit_callbacks
):
    """The feedback task run twice: one notice on Mina sidor, one e-mail (the feedback e-mail,
    not a second one for the notice)."""
    note = factories.NoteFactory(author=business_owner)
    followup = followup_services.followup_create(
        actor=staff, conference=factories.ConferenceFactory(), title="Kvällsöppet", notes=[note]
    )
    with django_capture_on_commit_callbacks(execute=True):
        followup = advance(followup, FollowUp.Status.FEEDBACK_PUBLISHED, actor=staff)
    followup_services.followup_notify_owners(followup_id=followup.pk)
    followup_services.followup_notify_owners(followup_id=followup.pk)
    [notice] = _notices(business_owner, Notice.Kind.FEEDBACK_PUBLISHED)
    assert "Kvällsöppet" in notice.message
    assert len(_emails_to(business_owner)) == 1


def test_marking_feedback_read_on_mitt_inflytande_marks_the_notice_read(business_owner, staff):
    notice_send(user=business_owner, kind=Notice.Kind.FEEDBACK_PUBLISHED, key="feedback_published:1")
    notice_send(user=business_owner, kind=Notice.Kind.NOTE_PUBLISHED, key="note_published:1")
    followup_services.notices_mark_read(user=business_owner)
    business_owner.refresh_from_db()
    assert business_owner.unread_notice_count == 1
    assert Notice.objects.get(kind=Notice.Kind.FEEDBACK_PUBLISHED).read_at is not None


def test_marking_one_notice_read_keeps_the_others_unread(business_owner, other_business_owner):
    first = notice_send(user=business_owner, kind=Notice.Kind.NOTE_PUBLISHED, key="a")
    notice_send(user=business_owner, kind=Notice.Kind.NOTE_PUBLISHED, key="b")
    notice_send(user=other_business_owner, kind=Notice.Kind.NOTE_PUBLISHED, key="a")
    assert notices_mark_read(user=other_business_owner, notice_ids=[first.pk]) == 0
    assert notices_mark_read(user=business_owner, notice_ids=[first.pk]) == 1
    business_owner.refresh_from_db()
    other_business_owner.refresh_from_db()
    assert (business_owner.unread_notice_count, other_business_owner.unread_notice_count) == (1, 1)


def test_a_deleted_account_gets_no_notice(business_owner):
    business_owner.is_active = False
    business_owner.save()
    assert notice_send(user=business_owner, kind=Notice.Kind.NOTE_PUBLISHED, key="x") is None
    assert Notice.objects.count() == 0
