"""Recurring tasks without a scheduler: a task queues its own next run with ``run_after``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django_tasks_db.models import DBTaskResult


class ScheduleError(Exception):
    """The task backend cannot hold a task for later."""


def task_schedule_once(task: Any, *, next_time: Callable[[], dt.datetime]) -> dt.datetime:
    """Queue ``task`` for ``next_time()`` unless a run is already waiting; return when it runs.

    A running task is not waiting (its row is RUNNING), so a task can call this for its
    successor. Needs a backend that defers tasks: the database backend of the settings.
    """
    if not task.get_backend().supports_defer:
        raise ScheduleError("the task backend cannot run a task later; use the database backend")
    waiting = (
        DBTaskResult.objects.filter(task_path=task.module_path, status="READY")
        .order_by("run_after")
        .first()
    )
    if waiting is not None:
        queued: dt.datetime = waiting.run_after
        return queued
    run_after = next_time()
    task.using(run_after=run_after).enqueue()
    return run_after
