"""The daily sync of calls with the Funding & Tenders portal: a task that fetches them, then
queues itself for the next day, and a function that makes sure one such task is waiting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from omvarld.core.http_client import SourceError
from omvarld.core.scheduling import task_schedule_once

from .sync import calls_sync_portal

__all__ = ["calls_sync_daily", "calls_sync_schedule_ensure", "next_sync_time"]

#: Half an hour after the EU-monitoring sync (05:00), so the two never share the worker's start.
SYNC_TIME = dt.time(5, 30)


def next_sync_time(now: dt.datetime | None = None) -> dt.datetime:
    """The next 05:30 local time after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = timezone.make_aware(dt.datetime.combine(local.date(), SYNC_TIME))
    if run <= local:
        run = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), SYNC_TIME)
        )
    return run


@task()
def calls_sync_daily() -> dict[str, Any]:
    """Fetch the portal's open and forthcoming calls; a portal that cannot be reached is reported.
    Queues the next run before returning, even when this one fails unexpectedly."""
    try:
        try:
            result: dict[str, Any] = calls_sync_portal().as_dict()
        except SourceError as exc:
            result = {"error": str(exc)}
    finally:
        next_run = calls_sync_schedule_ensure()
    result["next_run"] = next_run.isoformat()
    return result


def calls_sync_schedule_ensure() -> dt.datetime:
    """Queue the daily sync for its next time unless one is already waiting; return its time."""
    return task_schedule_once(calls_sync_daily, next_time=next_sync_time)
