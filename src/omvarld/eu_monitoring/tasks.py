"""The recurring tasks of EU monitoring: the daily sync with the EU sources and the weekly digest.

Each task queues its own next run; a function per task makes sure one such run is waiting.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

from omvarld.core.http_client import SourceError
from omvarld.core.scheduling import ScheduleError, task_schedule_once

from .constants import Source
from .services.digest import digests_send
from .sync import eu_sync_source

__all__ = [
    "SOURCES",
    "digest_schedule_ensure",
    "eu_sync_daily",
    "eu_sync_schedule_ensure",
    "next_send_time",
    "next_sync_time",
    "send_weekly_digests",
]

logger = logging.getLogger(__name__)

#: Have Your Say and EUR-Lex first: the Parliament sync follows the procedures they name.
SOURCES = (Source.EURLEX, Source.HAVE_YOUR_SAY, Source.EUROPARL)
SYNC_HOUR = 5
#: Each run looks back three days, so a night or two missed are caught up by the next run.
LOOK_BACK = dt.timedelta(days=3)
SEND_WEEKDAY = 0  # Monday
SEND_HOUR = 7


def next_sync_time(now: dt.datetime | None = None) -> dt.datetime:
    """The next 05:00 local time after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=SYNC_HOUR, minute=0, second=0, microsecond=0)
    if run <= local:
        run = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(SYNC_HOUR))
        )
    return run


@task()
def eu_sync_daily() -> dict[str, Any]:
    """Sync every source since a few days back; a source that cannot be reached is reported and
    does not stop the others. Queues the next run before returning.

    The next run is queued even when a source fails unexpectedly; that error then still fails
    this run, visibly, once the next one is waiting.
    """
    since = timezone.localdate() - LOOK_BACK
    results: dict[str, Any] = {}
    try:
        for source in SOURCES:
            try:
                results[source] = eu_sync_source(source=source, since=since).as_dict()
            except SourceError as exc:
                results[source] = {"error": str(exc)}
    finally:
        results["next_run"] = eu_sync_schedule_ensure().isoformat()
    return results


def eu_sync_schedule_ensure() -> dt.datetime:
    """Queue the daily sync for its next time unless one is already waiting; return its time."""
    return task_schedule_once(eu_sync_daily, next_time=next_sync_time)


def next_send_time(now: dt.datetime | None = None) -> dt.datetime:
    """The next Monday 07:00 local time after ``now``."""
    local = timezone.localtime(now or timezone.now())
    days = (SEND_WEEKDAY - local.weekday()) % 7
    run = timezone.make_aware(
        dt.datetime.combine(local.date() + dt.timedelta(days=days), dt.time(SEND_HOUR))
    )
    if run <= local:
        run = timezone.make_aware(
            dt.datetime.combine(run.date() + dt.timedelta(days=7), dt.time(SEND_HOUR))
        )
    return run


@task()
def send_weekly_digests() -> dict[str, Any]:
    """Send this week's digests, then queue the next run a week later.

    The next run is queued even when sending fails (an SMTP error, anything unexpected); that
    error then still fails this run, visibly. On a backend that cannot defer tasks the digests
    still go out; the next run is then left to whoever queues it, and the result says so.
    """
    next_run: str | None = None
    try:
        digests = digests_send()
    finally:
        try:
            next_run = digest_schedule_ensure().isoformat()
        except ScheduleError as exc:
            logger.warning("weekly digest not rescheduled: %s", exc)
    return {"sent": len(digests), "next_run": next_run}


def digest_schedule_ensure() -> dt.datetime:
    """Queue the weekly digest for its next time unless one is already waiting; return its time."""
    return task_schedule_once(send_weekly_digests, next_time=next_send_time)
