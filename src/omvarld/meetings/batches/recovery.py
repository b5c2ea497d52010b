"""Batches left unfinished by a process that stopped: told apart from long runs, and ended.

A batch run by a task is resumed by the task's own recovery: a task whose worker stopped is
queued again by every live worker (``omvarld.core.services.tasks_recover_orphaned``), and the run
goes on from its first unfinished file. What is left here are batches that nothing will resume:
their task has ended (failed for good, or finished without ending the batch), or the command that
ran them stopped. They are marked failed with the reason, and their page stops polling.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.utils import timezone
from django.utils.translation import gettext as _

from omvarld.core import selectors as core_selectors

from ..constants import ImportStatus
from ..models import ImportBatch
from .run import batch_finish

#: A batch that has not progressed for this long is stale whatever runs it: no single document
#: takes this long to read and code (the engine's own limits are far lower).
STALE_AFTER = dt.timedelta(minutes=30)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def batch_stale_reason(batch: ImportBatch, *, now: dt.datetime | None = None) -> str | None:
    """Why a queued or running batch will not finish, in Swedish; None when it may still."""
    if batch.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return None
    status = core_selectors.task_status(batch.task_id)
    if status in ("READY", "RUNNING"):
        return None  # a live task, or one that the workers' recovery queues again
    if status == "FAILED":
        return _("The background task that ran the import failed.")
    if status == "SUCCESSFUL":
        return _("The background task ended without finishing the import.")
    kind, _sep, rest = batch.runner.partition(":")
    host, _sep, pid = rest.rpartition(":")
    on_this_host = kind == "command" and host == socket.gethostname() and pid.isdigit()
    if on_this_host and not _process_alive(int(pid)):
        return _("The import command stopped before it had finished.")
    last = batch.progress_at or batch.created_at
    if (now or timezone.now()) - last > STALE_AFTER:
        return _("The import has made no progress for %(minutes)d minutes.") % {
            "minutes": int(STALE_AFTER.total_seconds() // 60)
        }
    return None


def batches_recover() -> int:
    """Mark failed, with the reason, every batch that nothing will finish; returns how many."""
    ended = 0
    for batch in ImportBatch.objects.filter(
        status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]
    ).order_by("pk"):
        reason = batch_stale_reason(batch)
        if reason is None:
            continue
        message = _(
            "%(reason)s The files before it were imported; import the rest again (files "
            "already imported are recognised and skipped)."
        ) % {"reason": reason}
        batch_finish(batch, status=ImportStatus.FAILED, error=message)
        ended += 1
    return ended
