"""The health page for the municipality's monitoring: the database and the worker's heartbeat."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from aleforetag.core.models import WorkerHeartbeat
from aleforetag.core.services import worker_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_worker(settings):
    """Production's task backend: tasks and e-mail wait for a worker process."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_STALE_SECONDS = 120


def test_without_a_worker_process_in_use_only_the_database_counts(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["worker"] == "not used"


def test_a_stopped_worker_gives_503(client, with_worker):
    """No heartbeat at all, or one older than WORKER_STALE_SECONDS, is a stopped worker."""
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"
    WorkerHeartbeat.objects.create(worker_id="w1", beat_at=timezone.now() - datetime.timedelta(seconds=121))
    assert client.get(reverse("health")).status_code == 503


def test_a_worker_that_swept_recently_gives_200(client, with_worker):
    counts = worker_sweep(worker_id="host-123")
    assert counts["due"] == 0
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["worker"] == "ok" and body["worker_heartbeat_age_seconds"] <= 1
    assert body["outbox"] == {"waiting": 0, "given_up": 0}


def test_a_database_that_does_not_answer_gives_503(client, settings, monkeypatch):
    from django.db import OperationalError, connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
