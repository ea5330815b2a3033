import datetime

from django.db import transaction
from django.db.models import Model, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from .models import AuditEntry, WorkerHeartbeat


@transaction.atomic
def site_settings_update(*, actor, site_settings, data: dict):
    """Save the site's identity and contact facts from ``data`` (uploads included):
    validated in full (a main colour under 4.5:1 contrast, a logo of another type or too large
    raise ``ValidationError`` and nothing is saved), then recorded in the audit log."""
    for name, value in data.items():
        # A cleared file field comes from the form as False: the file is removed.
        setattr(site_settings, name, "" if value is False else value)
    site_settings.full_clean()
    site_settings.save()
    audit_record(actor=actor, action="site_settings.update", target=site_settings, fields=sorted(data))
    return site_settings


def audit_record(*, actor, action: str, target: Model | None = None, **details) -> AuditEntry:
    """Record one action in the audit log; call it inside the action's own transaction."""
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        details=details,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.save()
    return entry


def audit_forget_targets(*, model: type[Model], ids) -> int:
    """Replace the description of every audit entry about these objects (e.g. the first words
    of a note, a person's name) by the object's kind and id, keeping who did what and when:
    for a person's erasure, so that the log keeps no personal text. Returns how many changed."""
    ids = [str(pk) for pk in ids]
    if not ids:
        return 0
    return AuditEntry.objects.filter(target_type=model._meta.label_lower, target_id__in=ids).update(
        target_repr=Concat(Value(f"{model._meta.model_name} #"), "target_id")
    )


# Background tasks that fail are put back in the queue rather than lost.
TASK_RETRY_MAX_ATTEMPTS = 5
TASK_RETRY_FIRST_DELAY = datetime.timedelta(minutes=1)
TASK_STALE_AFTER = datetime.timedelta(minutes=10)


@transaction.atomic
def failed_tasks_requeue(
    *,
    max_attempts: int = TASK_RETRY_MAX_ATTEMPTS,
    stale_after: datetime.timedelta = TASK_STALE_AFTER,
    now: datetime.datetime | None = None,
) -> dict[str, int]:
    """Put failed background tasks (django-tasks-db) back in the queue, with a growing delay.

    A task result that failed, or has been "running" longer than ``stale_after`` (its
    worker died), returns to READY with ``run_after`` 1, 2, 4, ... minutes ahead. Every
    run adds a worker id, so the number of attempts is known; after ``max_attempts`` the
    row stays FAILED, visible in the admin with its traceback, and is never deleted here.
    Tasks are written to be idempotent (they record what they have done), so running one
    again never does the work twice. Returns counts: requeued, stale, given_up.
    """
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    counts = {"requeued": 0, "stale": 0, "given_up": 0}
    candidates = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
        Q(status=TaskResultStatus.FAILED)
        | Q(status=TaskResultStatus.RUNNING, started_at__lt=now - stale_after)
    )
    for result in candidates:
        attempts = len(result.worker_ids)
        if attempts >= max_attempts:
            counts["given_up"] += 1
            continue
        if result.status == TaskResultStatus.RUNNING:
            counts["stale"] += 1
        counts["requeued"] += 1
        result.status = TaskResultStatus.READY
        result.run_after = now + TASK_RETRY_FIRST_DELAY * 2 ** max(attempts - 1, 0)
        result.finished_at = None
        result.save(update_fields=["status", "run_after", "finished_at"])
    return counts


def worker_sweep(*, worker_id: str, now: datetime.datetime | None = None) -> dict[str, int]:
    """What the worker does every half minute besides running tasks: record that it is alive,
    send the outbox's due e-mail (also e-mail whose sending a crash cut short), and put failed
    tasks, and tasks left running by a crash, back in the queue."""
    from django.conf import settings

    from . import outbox

    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:64], defaults={"beat_at": now})
    counts = outbox.deliver_due(now=now)
    stale_minutes = getattr(settings, "TASK_STALE_MINUTES", 10)
    counts.update(failed_tasks_requeue(stale_after=datetime.timedelta(minutes=stale_minutes), now=now))
    counts["purged"] = outbox.purge_sent(now=now)
    return counts


def worker_last_heartbeat() -> datetime.datetime | None:
    return WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
