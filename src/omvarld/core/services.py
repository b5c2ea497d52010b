"""Platform-wide writes: the reference data load, the worker heartbeat and the recovery of tasks
whose worker stopped."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .contributions import reference_data_loaders
from .models import WorkerHeartbeat


def reference_data_load(*, paths: Mapping[str, Path] | None = None) -> dict[str, Any]:
    """Run every registered loader of reference data (:mod:`omvarld.core.contributions`).

    ``paths`` gives a loader, by key, another file or folder than the one its app ships. Each
    loader is atomic and idempotent on its own; the result holds what each one did, by key.
    """
    paths = paths or {}
    return {
        loader.key: dict(loader.load(path=paths.get(loader.key)))
        for loader in reference_data_loaders()
    }


def worker_heartbeat_beat(*, worker_id: str, started_at: datetime) -> None:
    """Record that a worker is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def worker_heartbeat_remove(*, worker_id: str) -> None:
    """Forget a worker that stopped cleanly, so health does not count it."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


#: How many workers may start a task before a task whose workers keep stopping counts as failed.
TASK_MAX_ATTEMPTS = 3


def tasks_recover_orphaned(*, now: datetime | None = None) -> dict[str, int]:
    """Queue again the running tasks whose worker stopped (killed, or its machine lost); a task
    that has already been started ``TASK_MAX_ATTEMPTS`` times is marked failed instead.

    A worker has stopped when its heartbeat is older than ``WORKER_HEARTBEAT_MAX_AGE``, or gone
    while the task started longer ago than that. Tasks must therefore be safe to run again, as
    the platform's are (imports resume by SHA-256, syncs are idempotent). Each change is one
    conditional update, so two workers recovering at once never both take the same task.
    """
    now = now or timezone.now()
    max_age = settings.WORKER_HEARTBEAT_MAX_AGE
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=now - max_age).values_list(
            "worker_id", flat=True
        )
    )
    requeued = failed = 0
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - max_age
    )
    for task in running:
        workers = list(task.worker_ids or [])
        if workers and workers[-1] in alive:
            continue
        still_running = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING)
        if len(workers) >= TASK_MAX_ATTEMPTS:
            failed += still_running.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path="omvarld.core.services.WorkerLostError",
                traceback=(
                    f"WorkerLostError: the worker running this task stopped {len(workers)} "
                    "times; it is not started again."
                ),
            )
        else:
            requeued += still_running.update(status=TaskResultStatus.READY, run_after=now)
    return {"requeued": requeued, "failed": failed}


def planner_statistics_refresh() -> None:
    """Bring SQLite's query-planner statistics up to date after a large write (an import, a
    re-analysis).

    Without them SQLite does not know that the item lists can be read newest meeting first
    through the date index, and sorts every item on each request instead. ``analysis_limit``
    bounds the work (an estimate from a sample of each index), so the write lock it takes stays
    short however large the database grows. PostgreSQL keeps its statistics itself (autovacuum).
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
