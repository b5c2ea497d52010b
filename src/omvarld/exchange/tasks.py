"""Background tasks of the exchange app: the daily erasure of guests past their retention date."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

from omvarld.core.scheduling import ScheduleError, task_schedule_once

from .services.personal_data import guests_erase_expired

logger = logging.getLogger(__name__)

RUN_HOUR = 3


def next_run_time(now: dt.datetime | None = None) -> dt.datetime:
    """The next 03:00 local time after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = timezone.make_aware(dt.datetime.combine(local.date(), dt.time(RUN_HOUR)))
    if run <= local:
        run = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(RUN_HOUR))
        )
    return run


@task()
def erase_expired_guests() -> dict[str, Any]:
    """Erase the guests past their retention date, then queue tomorrow's run (even on failure)."""
    next_run: str | None = None
    try:
        erased = guests_erase_expired()
    finally:
        try:
            next_run = erase_schedule_ensure().isoformat()
        except ScheduleError as exc:
            logger.warning("guest erasure not rescheduled: %s", exc)
    return {"erased": erased, "next_run": next_run}


def erase_schedule_ensure() -> dt.datetime:
    """Queue the daily erasure unless a run is already waiting; return its time."""
    return task_schedule_once(erase_expired_guests, next_time=next_run_time)
