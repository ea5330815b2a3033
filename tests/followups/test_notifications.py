import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from feedback.models import Disagreement
from followups import services
from followups.models import FeedbackNotice, FollowUp
from followups.tasks import send_feedback_notices
from tests import factories

from .conftest import advance

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def publish(staff, django_capture_on_commit_callbacks):
    """Publish feedback on a follow-up the way a request does: commit, then the task runs."""

    def run(followup):
        with django_capture_on_commit_callbacks(execute=True):
            return advance(followup, FollowUp.Status.FEEDBACK_PUBLISHED, actor=staff)

    return run


def _followup_with(conference, staff, *, notes=(), disagreements=(), title="Kvällsöppet"):
    return services.followup_create(
        actor=staff, conference=conference, title=title, notes=notes, disagreements=disagreements
    )


def test_two_notes_on_one_followup_give_one_email(conference, staff, business_owner, publish, mailoutbox):
    """A business owner with two notes in the same follow-up gets one e-mail and one notice."""
    notes = factories.NoteFactory.create_batch(2, author=business_owner)
    publish(_followup_with(conference, staff, notes=notes))
    assert [m.to for m in mailoutbox] == [[business_owner.email]]
    assert FeedbackNotice.objects.filter(user=business_owner).count() == 1


def test_one_note_on_two_followups_gives_one_email_each(
    conference, staff, business_owner, publish, mailoutbox
):
    """A note that feeds two follow-ups brings one e-mail per follow-up."""
    note = factories.NoteFactory(author=business_owner)
    first = _followup_with(conference, staff, notes=[note])
    second = _followup_with(conference, staff, notes=[note], title="Nyhetsbrev")
    publish(first)
    publish(second)
    assert [m.subject for m in mailoutbox] == [
        "Återkoppling på ditt inspel: Kvällsöppet",
        "Återkoppling på ditt inspel: Nyhetsbrev",
    ]
    assert FeedbackNotice.objects.filter(user=business_owner).count() == 2


def test_publishing_again_retrying_and_editing_send_nothing_more(
    conference, staff, business_owner, publish, mailoutbox, django_capture_on_commit_callbacks
):
    """After the one e-mail: a second publish is refused, a retried task and an edited
    feedback text send nothing."""
    note = factories.NoteFactory(author=business_owner)
    followup = publish(_followup_with(conference, staff, notes=[note]))
    assert len(mailoutbox) == 1
    with pytest.raises(services.ValidationError), django_capture_on_commit_callbacks(execute=True):
        services.followup_move(
            actor=staff,
            followup=followup,
            to_status=FollowUp.Status.FEEDBACK_PUBLISHED,
            expected_version=followup.version,
            feedback_text="Igen",
        )
    send_feedback_notices.enqueue(followup.pk)
    assert services.followup_notify_owners(followup_id=followup.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.followup_update(
            actor=staff, followup=followup, expected_version=followup.version, feedback_text="Rättad text"
        )
    assert len(mailoutbox) == 1
    assert FeedbackNotice.objects.count() == 1


def test_opted_out_owner_gets_the_notice_but_no_email(conference, staff, publish, mailoutbox):
    """Turning the e-mails off stops the e-mail, not the notice on Mitt inflytande."""
    owner = factories.BusinessOwnerFactory(email_notifications=False)
    publish(_followup_with(conference, staff, notes=[factories.NoteFactory(author=owner)]))
    assert mailoutbox == []
    notice = FeedbackNotice.objects.get(user=owner)
    assert notice.emailed_at is None


def test_deleted_accounts_get_nothing(conference, staff, publish, mailoutbox):
    """An anonymised account and a note whose author is gone get neither notice nor e-mail."""
    gone = factories.BusinessOwnerFactory(anonymised_at=timezone.now(), is_active=False)
    notes = [factories.NoteFactory(author=gone), factories.NoteFactory(author=None)]
    publish(_followup_with(conference, staff, notes=notes))
    assert mailoutbox == []
    assert not FeedbackNotice.objects.exists()


def test_disagreement_and_cited_note_authors_are_told(conference, staff, publish, mailoutbox):
    """The author of a linked disagreement and the author of a note cited by a linked summary
    point each get their e-mail; the disagreement is answered."""
    disagreement = factories.DisagreementFactory()
    cited_author = factories.BusinessOwnerFactory()
    point = factories.SummaryPointFactory()
    point.notes.add(factories.NoteFactory(author=cited_author))
    followup = _followup_with(conference, staff, disagreements=[disagreement])
    services.followup_link_inputs(actor=staff, followup=followup, summary_points=[point])
    publish(followup)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([disagreement.author.email, cited_author.email])
    disagreement.refresh_from_db()
    assert disagreement.status == Disagreement.Status.ANSWERED


def test_email_is_in_the_owners_language(conference, staff, publish, mailoutbox):
    """An owner who chose English gets the e-mail in English."""
    owner = factories.BusinessOwnerFactory(language="en")
    followup = publish(_followup_with(conference, staff, notes=[factories.NoteFactory(author=owner)]))
    assert mailoutbox[0].subject == f"Feedback on your input: {followup.title}"
    assert followup.feedback_text in mailoutbox[0].body


def test_email_goes_only_after_commit(
    conference, staff, business_owner, mailoutbox, django_capture_on_commit_callbacks
):
    """Nothing is sent while the publishing transaction is open, and nothing if it rolls back."""
    followup = _followup_with(conference, staff, notes=[factories.NoteFactory(author=business_owner)])
    followup = advance(followup, FollowUp.Status.DECIDED, actor=staff)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        advance(followup, FollowUp.Status.FEEDBACK_PUBLISHED, actor=staff)
        assert mailoutbox == []
    # The notices' task is enqueued on commit (beside the dashboard's cache invalidations).
    assert any("_enqueue_notices" in callback.__qualname__ for callback in callbacks)
    other = _followup_with(conference, staff, notes=[factories.NoteFactory(author=business_owner)])
    other = advance(other, FollowUp.Status.DECIDED, actor=staff)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        advance(other, FollowUp.Status.FEEDBACK_PUBLISHED, actor=staff)
        raise RuntimeError("rolled back")
    assert mailoutbox == []


def test_input_linked_after_publication_is_told_once(
    conference, staff, publish, mailoutbox, django_capture_on_commit_callbacks
):
    """A note linked to an already answered follow-up brings its author the e-mail; the earlier
    recipients get nothing more."""
    first, later = factories.BusinessOwnerFactory(), factories.BusinessOwnerFactory()
    followup = publish(_followup_with(conference, staff, notes=[factories.NoteFactory(author=first)]))
    with django_capture_on_commit_callbacks(execute=True):
        services.followup_link_inputs(
            actor=staff, followup=followup, notes=[factories.NoteFactory(author=later)]
        )
    assert [m.to[0] for m in mailoutbox] == [first.email, later.email]


# --- reminders ---


def _reminder_case(conference, staff, **kwargs):
    followup = services.followup_create(
        actor=staff, conference=conference, title="Påminn mig", responsible=staff
    )
    return advance(followup, kwargs.get("status", FollowUp.Status.ON_AGENDA), actor=staff)


@pytest.fixture
def run_reminders(django_capture_on_commit_callbacks):
    def run(day):
        moment = datetime.datetime.combine(day, datetime.time(6), STOCKHOLM)
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("send_followup_reminders", stdout=io.StringIO())

    return run


def test_reminder_fires_once_14_days_before(conference, staff, mailoutbox, run_reminders):
    """Fifteen days before nothing; fourteen days before one reminder to the responsible; later
    runs send nothing more."""
    followup = _reminder_case(conference, staff)
    promised = conference.promised_feedback_date
    run_reminders(promised - datetime.timedelta(days=15))
    assert mailoutbox == []
    run_reminders(promised - datetime.timedelta(days=14))
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert followup.title in mailoutbox[0].subject
    run_reminders(promised - datetime.timedelta(days=13))
    run_reminders(promised + datetime.timedelta(days=3))
    assert len(mailoutbox) == 1
    followup.refresh_from_db()
    assert followup.reminder_sent_at is not None


def test_no_reminder_for_answered_followups(conference, staff, mailoutbox, run_reminders):
    """Feedback already published: no reminder."""
    _reminder_case(conference, staff, status=FollowUp.Status.FEEDBACK_PUBLISHED)
    mailoutbox.clear()
    run_reminders(conference.promised_feedback_date - datetime.timedelta(days=10))
    assert mailoutbox == []


class FailingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_failed_send_is_retried_and_then_sent_once(
    conference, staff, business_owner, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """When the mail server is down the notice's e-mail stays in the outbox, not sent; the
    worker's next sweep sends the one e-mail; running the notices again records nothing new."""
    from aleforetag.core import outbox
    from aleforetag.core.models import OutboxEmail

    followup = _followup_with(conference, staff, notes=[factories.NoteFactory(author=business_owner)])
    followup = advance(followup, FollowUp.Status.FEEDBACK_PUBLISHED, actor=staff)
    locmem = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.followup_notify_owners(followup_id=followup.pk) == 1
    message = OutboxEmail.objects.get(to=business_owner.email)
    assert (message.status, message.attempts, len(mailoutbox)) == ("pending", 1, 0)
    assert "mail server down" in message.last_error
    settings.MAILERS = locmem
    assert outbox.deliver_due() == {"due": 1, "sent": 1}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.followup_notify_owners(followup_id=followup.pk) == 0
    assert outbox.deliver_due() == {"due": 0, "sent": 0}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].extra_headers["Message-ID"] == message.message_id
