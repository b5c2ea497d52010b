"""Background work: an uploaded file's import, and the monthly sync with SCB that queues its own
next run (SCB publishes the yearly population tables in February and March; a monthly run
finds a new table or a revision within a month and changes nothing otherwise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from omvarld.core.http_client import SourceError
from omvarld.core.scheduling import task_schedule_once

from .models import Observation
from .services import NoMunicipalityError, stats_import_fetch, stats_sync_now

__all__ = [
    "next_sync_time",
    "population_import",
    "stats_sync_monthly",
    "stats_sync_schedule_ensure",
]

SYNC_DAY = 1
SYNC_HOUR = 4


def next_sync_time(now: dt.datetime | None = None) -> dt.datetime:
    """The first day of the next month, 04:00 local time (this month's, if still ahead)."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(day=SYNC_DAY, hour=SYNC_HOUR, minute=0, second=0, microsecond=0)
    if run <= local:
        year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
        run = timezone.make_aware(dt.datetime(year, month, SYNC_DAY, SYNC_HOUR))
    return run


@task()
def population_import(fetch_id: int) -> dict[str, Any]:
    summary = stats_import_fetch(fetch_id=fetch_id)
    if summary is None:
        return {"fetch": fetch_id, "done": False}
    return {"fetch": fetch_id, "created": summary.created, "updated": summary.updated}


@task()
def stats_sync_monthly() -> dict[str, Any]:
    """Sync every followed table from the year before the latest one stored (everything the
    first time); queue the next run before returning, even when SCB cannot be reached."""
    latest = Observation.objects.order_by("-year").values_list("year", flat=True).first()
    since = latest - 1 if latest else None
    result: dict[str, Any] = {}
    try:
        result = stats_sync_now(since=since).as_dict()
    except (SourceError, NoMunicipalityError) as exc:
        result = {"error": str(exc)}
    finally:
        result["next_run"] = stats_sync_schedule_ensure().isoformat()
    return result


def stats_sync_schedule_ensure() -> dt.datetime:
    """Queue the monthly sync for its next time unless one is waiting; return its time."""
    return task_schedule_once(stats_sync_monthly, next_time=next_sync_time)
