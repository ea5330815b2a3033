"""Failed background tasks are retried and never lost (django-tasks-db + retry_failed_tasks)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from aleforetag.core.models import AuditEntry
from aleforetag.core.services import failed_tasks_requeue

from . import tasks

# The worker closes "old" connections between tasks, as in production, which ends any
# test transaction: these tests commit for real and the database is flushed afterwards
# (and the migrated data restored, so later transactional tests find it as they expect).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings):
    """Use the production task backend (rows in the database) for this test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.FAILURES_LEFT["count"] = 0
    yield
    tasks.FAILURES_LEFT["count"] = 0


def _work_off_the_queue():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=io.StringIO())


def _retry(**kwargs):
    out = io.StringIO()
    call_command("retry_failed_tasks", stdout=out, **kwargs)
    return out.getvalue()


def test_a_failed_task_is_requeued_and_then_succeeds_without_doing_its_work_twice(
    database_tasks, time_machine
):
    """A task that fails twice stays in the database as FAILED, is requeued with a growing
    delay, and finally succeeds; its work is recorded exactly once."""
    time_machine.move_to(timezone.now(), tick=False)
    tasks.FAILURES_LEFT["count"] = 2
    result = tasks.record_delivery.enqueue(key="notice-1")

    _work_off_the_queue()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert "ConnectionError" in row.exception_class_path

    assert "Requeued 1 task(s)" in _retry()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert row.run_after == timezone.now() + datetime.timedelta(minutes=1)
    _work_off_the_queue()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY  # not due yet

    time_machine.shift(datetime.timedelta(minutes=1, seconds=1))
    _work_off_the_queue()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    _retry()
    row.refresh_from_db()
    assert row.run_after == timezone.now() + datetime.timedelta(minutes=2)

    time_machine.shift(datetime.timedelta(minutes=2, seconds=1))
    _work_off_the_queue()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 1
    assert len(row.worker_ids) == 3
    assert AuditEntry.objects.filter(action="test.delivery", target_id="notice-1").count() == 1


def test_a_task_that_keeps_failing_stays_visible_and_is_never_deleted(database_tasks, time_machine):
    """After the maximum number of attempts the task is left FAILED for a person to see."""
    time_machine.move_to(timezone.now(), tick=False)
    tasks.FAILURES_LEFT["count"] = 100
    result = tasks.record_delivery.enqueue(key="notice-2")
    for _attempt in range(3):
        _work_off_the_queue()
        _retry(max_attempts=3)
        time_machine.shift(datetime.timedelta(hours=1))
    output = _retry(max_attempts=3)
    assert "1 failed task(s) need a person" in output
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 3
    assert row.traceback


def test_a_task_whose_worker_died_is_requeued(database_tasks, time_machine):
    """A task stuck as RUNNING for longer than an hour (its worker was killed) is run again."""
    time_machine.move_to(timezone.now(), tick=False)
    result = tasks.record_delivery.enqueue(key="notice-3")
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=["dead-worker"]
    )
    assert failed_tasks_requeue()["stale"] == 0
    time_machine.shift(datetime.timedelta(hours=2))
    assert failed_tasks_requeue() == {"requeued": 1, "stale": 1, "given_up": 0}
    time_machine.shift(datetime.timedelta(minutes=2))
    _work_off_the_queue()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_successful_tasks_are_left_alone(database_tasks):
    """Only failed or stuck tasks are touched."""
    tasks.record_delivery.enqueue(key="notice-4")
    _work_off_the_queue()
    assert failed_tasks_requeue() == {"requeued": 0, "stale": 0, "given_up": 0}
