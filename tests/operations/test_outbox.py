"""The e-mail outbox: recorded with the change that causes it, sent once, retried, never lost."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aleforetag.core import outbox
from aleforetag.core.models import OutboxEmail
from aleforetag.core.services import worker_sweep

pytestmark = pytest.mark.django_db

TEMPLATE = "accounts/email/confirm"


class ServerDown:
    """A mail backend whose server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def server_down(settings):
    working = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.ServerDown"}}
    yield lambda: setattr(settings, "MAILERS", working)
    settings.MAILERS = working


def _queue(business_owner, **kwargs):
    return outbox.queue_email(
        to=business_owner.email,
        template=TEMPLATE,
        context={"user": business_owner, "link": "https://example.se/x"},
        language=business_owner.language,
        **kwargs,
    )


def test_a_message_is_sent_after_commit_with_its_own_message_id(
    business_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(business_owner)
        assert mail.outbox == []  # nothing leaves before the transaction commits
    message.refresh_from_db()
    assert message.status == OutboxEmail.Status.SENT and message.sent_at is not None
    assert [m.to for m in mail.outbox] == [[business_owner.email]]
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id
    assert message.message_id.startswith("<") and message.message_id.endswith(">")


def test_a_rolled_back_change_leaves_no_e_mail(business_owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _queue(business_owner)
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert OutboxEmail.objects.count() == 0
    assert mail.outbox == []


def test_the_same_event_key_records_one_message(business_owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _queue(business_owner, key="event:1") is not None
        assert _queue(business_owner, key="event:1") is None
    assert outbox.deliver_due() == {"due": 0, "sent": 0}
    assert len(mail.outbox) == 1


def test_a_message_is_written_in_the_recipient_s_language(business_owner, django_capture_on_commit_callbacks):
    business_owner.language = "en"
    with django_capture_on_commit_callbacks(execute=True):
        _queue(business_owner)
    assert "confirm" in mail.outbox[0].subject.lower()


def test_failures_are_retried_with_a_growing_delay_until_the_server_is_back(
    business_owner, server_down, settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(business_owner)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxEmail.Status.PENDING, 1)
    assert message.next_attempt_at == timezone.now() + datetime.timedelta(minutes=1)
    assert outbox.deliver_due() == {"due": 0, "sent": 0}  # not due yet
    time_machine.shift(datetime.timedelta(seconds=61))
    assert outbox.deliver_due() == {"due": 1, "sent": 0}
    message.refresh_from_db()
    assert message.next_attempt_at == timezone.now() + datetime.timedelta(minutes=2)
    server_down()  # the server is back
    time_machine.shift(datetime.timedelta(minutes=2, seconds=1))
    assert outbox.deliver_due() == {"due": 1, "sent": 1}
    assert outbox.deliver_due() == {"due": 0, "sent": 0}
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxEmail.Status.SENT, 3, "")


def test_after_the_last_attempt_the_message_stays_visible_as_given_up(
    business_owner, server_down, settings, time_machine, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(business_owner)
    outbox.deliver_due()
    message.refresh_from_db()
    assert message.status == OutboxEmail.Status.FAILED
    assert "mail server down" in message.last_error
    assert outbox.deliver_due() == {"due": 0, "sent": 0}


def test_a_sending_cut_short_by_a_crash_is_taken_up_again_by_the_sweep(
    business_owner, settings, time_machine, django_capture_on_commit_callbacks
):
    """A message left "being sent" by a worker that died is sent again once it is older than
    OUTBOX_STALE_SECONDS, with the same Message-ID; a fresh one is left to its worker."""
    time_machine.move_to(timezone.now(), tick=False)
    message = _queue(business_owner)  # recorded; its delivery task never ran
    OutboxEmail.objects.filter(pk=message.pk).update(
        status=OutboxEmail.Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert worker_sweep(worker_id="w1")["sent"] == 0
    time_machine.shift(datetime.timedelta(seconds=settings.OUTBOX_STALE_SECONDS + 1))
    assert worker_sweep(worker_id="w1")["sent"] == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id


def test_a_task_left_running_by_a_crash_is_queued_again_within_minutes(settings, time_machine):
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from aleforetag.core.tasks import deliver_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    time_machine.move_to(timezone.now(), tick=False)
    result = deliver_email.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=["dead"]
    )
    worker_sweep(worker_id="w1")
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
    time_machine.shift(datetime.timedelta(minutes=settings.TASK_STALE_MINUTES, seconds=1))
    counts = worker_sweep(worker_id="w1")
    assert counts["stale"] == 1
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY


def test_sign_up_with_the_mail_server_down_gives_the_normal_page_and_the_e_mail_later(
    client, server_down, settings, django_capture_on_commit_callbacks
):
    """No web request talks to the mail server: sign-up answers as usual; the confirmation
    e-mail waits in the outbox and goes when the server is back."""
    settings.OUTBOX_RETRY_BASE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:sign-up"),
            {
                "full_name": "Nora Nystartad",
                "email": "nora@example.se",
                "organisation_name": "Nystart AB",
                "password1": "ett-bra-losenord-1",
                "password2": "ett-bra-losenord-1",
            },
        )
    assert response.status_code == 302
    assert mail.outbox == []
    assert OutboxEmail.objects.get(to="nora@example.se").status == OutboxEmail.Status.PENDING
    server_down()
    assert outbox.deliver_due()["sent"] == 1
    assert [m.to for m in mail.outbox] == [["nora@example.se"]]


def test_sent_messages_lose_their_text_after_the_keeping_time(
    business_owner, settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(business_owner, key="event:2")
    time_machine.shift(datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS + 1))
    assert outbox.purge_sent() == 1
    message.refresh_from_db()
    assert (message.to, message.body, message.key) == ("", "", "event:2")
    assert _queue(business_owner, key="event:2") is None  # the event is still known to be done


def test_an_erased_address_leaves_nothing_in_the_outbox(business_owner, server_down):
    sent = _queue(business_owner)
    OutboxEmail.objects.filter(pk=sent.pk).update(status=OutboxEmail.Status.SENT)
    _queue(business_owner)  # still waiting
    assert outbox.forget_address(business_owner.email.upper()) == 2
    assert not OutboxEmail.objects.filter(to__iexact=business_owner.email).exists()
    assert OutboxEmail.objects.get().body == ""
