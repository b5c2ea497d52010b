"""``manage.py worker``: the database task worker, with a heartbeat for /health/, recovery of work
that stopped workers left unfinished, and survival of database errors.

django-tasks-db's worker stops at the first database error it does not expect (a disk error, a
lost PostgreSQL connection, a lock held past the busy timeout while it records a result), leaving
the task it ran "running" for ever. This worker logs such an error, waits with back-off and goes
on; a task interrupted by one is queued again (``TASK_MAX_ATTEMPTS`` starts in all), and its
result is recorded once the database answers again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks.base import TaskResultStatus
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.models import DBTaskResult

from omvarld.core.contributions import recoveries
from omvarld.core.services import (
    TASK_MAX_ATTEMPTS,
    tasks_recover_orphaned,
    worker_heartbeat_beat,
    worker_heartbeat_remove,
)

HEARTBEAT_SECONDS = 15
#: Waits after a database error: 1, 2, 4 ... seconds, at most this many.
MAX_BACKOFF_SECONDS = 30.0
logger = logging.getLogger(__name__)

#: An interrupted task is queued again rather than failed: the database went away under it, or
#: the worker was stopped by force while it ran.
INTERRUPTIONS = (DatabaseError, KeyboardInterrupt, SystemExit)


def _backoff(attempt: int) -> float:
    return float(min(MAX_BACKOFF_SECONDS, 2 ** max(0, attempt - 1)))


def maintenance_run() -> None:
    """Recover tasks and app work left by stopped processes; each part fails on its own."""
    try:
        recovered = tasks_recover_orphaned()
        if any(recovered.values()):
            logger.warning("Tasks of stopped workers: %s", recovered)
    except DatabaseError:
        logger.exception("Recovery of orphaned tasks failed")
        close_old_connections()
    for key, recover in recoveries():
        try:
            count = recover()
            if count:
                logger.warning("Recovery %s: %d record(s) resumed or failed", key, count)
        except Exception:
            logger.exception("Recovery %s failed", key)
            close_old_connections()


class ResilientWorker(db_worker.Worker):
    """The library's worker loop, restarted after a database error instead of ending."""

    def run(self) -> None:
        failures = 0
        while True:
            try:
                super().run()
                return
            except DatabaseError:
                failures += 1
                delay = _backoff(failures)
                logger.exception("Database error in the worker loop; retrying in %.0f s", delay)
                connection.close()
                if not self.running:
                    return
                time.sleep(delay)
                # A random start delay once is enough.
                self.startup_delay = False

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        """Run one task and record its result; an interruption queues it again."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            self._settle(partial(db_task_result.set_successful, value))
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except INTERRUPTIONS as exc:
            logger.exception("Task %s was interrupted", db_task_result.id)
            self._settle(partial(self._interrupted, db_task_result, exc))
            if not isinstance(exc, DatabaseError):
                raise
        except BaseException as exc:
            logger.exception("Task %s failed", db_task_result.id)
            self._settle(partial(db_task_result.set_failed, exc))
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _interrupted(self, db_task_result: DBTaskResult[Any, Any], exc: BaseException) -> None:
        if len(db_task_result.worker_ids or []) >= TASK_MAX_ATTEMPTS:
            db_task_result.set_failed(exc)
            return
        DBTaskResult.objects.filter(pk=db_task_result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, run_after=timezone.now()
        )

    def _settle(self, record: Callable[[], None]) -> None:
        """Record a task's outcome, waiting for the database as long as it takes: a result that
        is not recorded would leave the task "running" under a live worker, which no recovery
        takes back."""
        attempt = 0
        while True:
            try:
                record()
                return
            except DatabaseError:
                attempt += 1
                delay = _backoff(attempt)
                logger.exception("Cannot record a task's result; retrying in %.0f s", delay)
                connection.close()
                time.sleep(delay)


class Command(DBWorkerCommand):
    help = (
        "Run the database task worker: a heartbeat every 15 seconds, recovery of work that "
        "stopped workers left, and retries after database errors."
    )

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
                maintenance_run()
                stop.wait(HEARTBEAT_SECONDS)
            connection.close()

        thread = threading.Thread(target=beat, name="heartbeat", daemon=True)
        thread.start()
        try:
            self._work(**options)
        finally:
            stop.set()
            thread.join(timeout=5)
            try:
                worker_heartbeat_remove(worker_id=worker_id)
            except DatabaseError:
                logger.exception("Could not remove the worker's heartbeat")

    def _work(
        self,
        *,
        worker_id: str,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        # As the library's handle(), with the resilient worker.
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
