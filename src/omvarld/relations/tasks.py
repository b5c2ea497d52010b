"""The nightly retention sweep: contacts past their date are erased, then the next run is queued."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from omvarld.core.scheduling import task_schedule_once

from .privacy import retention_sweep

SWEEP_HOUR = 3


def next_sweep_time(now: dt.datetime | None = None) -> dt.datetime:
    """The next 03:00 local time after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    if run <= local:
        run = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(SWEEP_HOUR))
        )
    return run


@task()
def relations_retention_nightly() -> dict[str, Any]:
    """Erase the contacts whose retention date has passed; the result holds numbers, no names."""
    try:
        erased = retention_sweep()
    finally:
        next_run = relations_retention_schedule_ensure()
    return {"erased": erased, "next_run": next_run.isoformat()}


def relations_retention_schedule_ensure() -> dt.datetime:
    """Queue the nightly sweep unless one is waiting; when it runs."""
    return task_schedule_once(relations_retention_nightly, next_time=next_sweep_time)
