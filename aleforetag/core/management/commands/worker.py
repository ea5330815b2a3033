"""The background worker: runs queued tasks, sweeps the e-mail outbox, and shows it is alive."""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from aleforetag.core import services

logger = logging.getLogger("aleforetag.worker")


class Command(db_worker.Command):
    help = (
        "Run the background worker: the task queue (as django_tasks_db's db_worker), and every "
        "WORKER_SWEEP_SECONDS a sweep that records a heartbeat, sends due e-mail from the outbox "
        "(including e-mail whose sending a crash cut short) and requeues tasks left running by a crash."
    )

    def handle(self, *args, **options):
        worker_id = options.get("worker_id") or f"{socket.gethostname()}-{os.getpid()}"
        stop = threading.Event()
        sweeper = threading.Thread(target=self.sweep_forever, args=(worker_id, stop), daemon=True)
        sweeper.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            sweeper.join(timeout=5)

    def sweep_forever(self, worker_id: str, stop: threading.Event) -> None:
        interval = getattr(settings, "WORKER_SWEEP_SECONDS", 30)
        while not stop.is_set():
            try:
                close_old_connections()
                services.worker_sweep(worker_id=worker_id)
            except Exception:
                logger.exception("worker sweep failed; trying again in %s s", interval)
            finally:
                connection.close()
            stop.wait(interval)
