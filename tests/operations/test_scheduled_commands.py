"""Every scheduled command is safe to run twice: a timer that fires again (Persistent=true after
downtime, an operator running it by hand) sends nothing a second time."""

import datetime
import io
import shlex
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests import factories
from workshops.models import Registration

pytestmark = pytest.mark.django_db

SYSTEMD = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
# The commands that e-mail someone when there is something to remind them of.
SENDING = {"send_registration_reminders", "send_followup_reminders"}


def scheduled_commands() -> list[list[str]]:
    """The manage.py command (with its arguments) that each timer in deploy/systemd starts."""
    commands = []
    for timer in sorted(SYSTEMD.glob("*.timer")):
        service = timer.with_suffix(".service").read_text()
        exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
        argv = shlex.split(exec_start.removeprefix("ExecStart="))
        commands.append(argv[argv.index("manage.py") + 1 :])
    return commands


@pytest.fixture
def something_to_remind(staff):
    """A seat at a workshop tomorrow and a follow-up whose promised date is a week away."""
    tomorrow_morning = timezone.localtime().replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=1)
    workshop = factories.WorkshopFactory(
        starts_at=tomorrow_morning,
        ends_at=tomorrow_morning + datetime.timedelta(hours=2),
        registration_open=True,
    )
    factories.RegistrationFactory(
        workshop=workshop, email="plats@example.se", status=Registration.Status.CONFIRMED
    )
    conference = factories.ConferenceFactory(
        promised_feedback_date=timezone.localdate() + datetime.timedelta(days=7)
    )
    factories.FollowUpFactory(conference=conference, responsible=staff)


def _call(command: str, arguments: list[str]) -> None:
    if command == "prune_db_task_results":
        # It works on the database task backend, as in production.
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            call_command(command, *arguments, stdout=io.StringIO())
    else:
        call_command(command, *arguments, stdout=io.StringIO())


def test_the_timers_start_the_scheduled_commands():
    assert {argv[0] for argv in scheduled_commands()} >= SENDING | {"erase_registration_needs"}


@pytest.mark.parametrize("argv", scheduled_commands(), ids=lambda argv: argv[0])
def test_a_scheduled_command_run_twice_sends_nothing_twice(
    argv, something_to_remind, django_capture_on_commit_callbacks
):
    """Each run's e-mail is sent (the outbox delivers after commit); the second run adds none."""
    command, *arguments = argv
    counts = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            _call(command, arguments)
        counts.append(len(mail.outbox))
    if command in SENDING:
        assert counts[0] == 1, f"{command} sent {counts[0]} e-mail(s) the first time"
    else:
        assert counts[0] == 0
    assert counts[1] == counts[0], f"{command} sent {counts[1] - counts[0]} more the second time"
