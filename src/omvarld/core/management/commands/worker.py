"""``manage.py worker``: the database task worker, with a heartbeat for /health/."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from omvarld.core.services import worker_heartbeat_beat, worker_heartbeat_remove

HEARTBEAT_SECONDS = 15
logger = logging.getLogger(__name__)


class Command(DBWorkerCommand):
    help = "Run the database task worker and record a heartbeat every 15 seconds."

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"]
        started = timezone.now()
        stop = threading.Event()

        def beat() -> None:
            # Own thread, own database connection: the heartbeat goes on while a long task runs.
            while not stop.is_set():
                try:
                    worker_heartbeat_beat(worker_id=worker_id, started_at=started)
                except Exception:
                    logger.exception("Worker heartbeat failed")
                    close_old_connections()
                stop.wait(HEARTBEAT_SECONDS)
            connection.close()

        thread = threading.Thread(target=beat, name="heartbeat", daemon=True)
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            thread.join(timeout=5)
            worker_heartbeat_remove(worker_id=worker_id)
