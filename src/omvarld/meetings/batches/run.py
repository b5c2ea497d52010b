"""Running a batch: its documents one by one, each read and coded outside any transaction, then
written and recorded in one short transaction of its own.

A bad file is recorded with its reason and the files after it are still imported. Because a
file's rows and its result commit together, a run stopped by a crash (a killed worker, a lost
database) resumes from the first file without a result; the SHA-256 of each original makes a
file imported twice change nothing. A database error is not a bad file: it stops the run with the
batch left running, and the task is retried (see ``manage.py worker``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import socket
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any, Literal

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omvarld.core.services import planner_statistics_refresh

from ..constants import MAX_UPLOAD_BYTES, ImportStatus
from ..models import ImportBatch, ImportFile
from ..services import (
    Engine,
    ImportOutcome,
    ImportRefusedError,
    PreparedDocument,
    document_prepare,
    document_write,
    engine_default,
)
from .entries import Entry, Source, entries_of, stored_source
from .summary import summarise

logger = logging.getLogger(__name__)

_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class FileResult:
    """What became of one file of a batch."""

    name: str
    status: Literal["imported", "already", "skipped"]
    message: str = ""
    meeting_id: int | None = None
    items: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    date_source: Literal["", "given", "name"] = ""
    date: dt.date | None = None

    @classmethod
    def of(cls, row: ImportFile) -> FileResult:
        return cls(
            name=row.name,
            status=row.status,  # type: ignore[arg-type]
            message=row.message,
            meeting_id=row.meeting_id,
            items=row.items,
            codes=dict(row.codes),
            date_source=row.date_source,  # type: ignore[arg-type]
            date=row.date,
        )


Progress = Callable[[int, int, FileResult], None]


def date_in_name(name: str) -> dt.date | None:
    """The last valid YYYY-MM-DD date in a file name or path, if any."""
    for match in reversed(list(_NAME_DATE.finditer(name))):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def command_runner() -> str:
    """How a batch run by a command names its process, so a crash can be told from a long run."""
    return f"command:{socket.gethostname()}:{os.getpid()}"


# --- the batch's own rows: short writes -----------------------------------------------------------


def _batch_start(batch: ImportBatch, *, total: int, runner: str) -> None:
    batch.status = ImportStatus.RUNNING
    batch.total_files = total
    batch.runner = runner[:300]
    batch.progress_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=batch.status,
        total_files=total,
        runner=batch.runner,
        progress_at=batch.progress_at,
        attempts=F("attempts") + 1,
    )


def _record(batch: ImportBatch, position: int, result: FileResult) -> FileResult:
    """Keep one file's result and the batch's progress (inside the file's own transaction)."""
    ImportFile.objects.create(
        batch=batch,
        position=position,
        name=result.name[:1000],
        status=result.status,
        message=result.message,
        meeting_id=result.meeting_id,
        items=result.items,
        codes=result.codes,
        date_source=result.date_source,
        date=result.date,
    )
    batch.processed_files = position
    batch.progress_at = timezone.now()
    batch.save(update_fields=["processed_files", "progress_at"])
    return result


def batch_finish(
    batch: ImportBatch,
    *,
    status: str,
    summary: dict[str, Any] | None = None,
    error: str = "",
) -> None:
    """End a batch as done or failed, and remove its uploaded files (the originals of the
    imported documents stay, under their SHA-256)."""
    batch.status = status
    batch.finished_at = timezone.now()
    fields = ["status", "finished_at"]
    if summary is not None:
        batch.summary = summary
        fields.append("summary")
    if error:
        batch.error = error
        fields.append("error")
    batch.save(update_fields=fields)
    uploads_delete(batch.uploads)


def uploads_delete(uploads: Sequence[dict[str, str]]) -> None:
    """Remove uploaded files from the storage, and their folders where the storage has any."""
    folders: set[str] = set()
    for upload in uploads:
        name = upload["path"]
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not remove the uploaded file %s", name, exc_info=True)
        parent = name.rsplit("/", 1)[0]
        while parent.count("/") >= 1:
            folders.add(parent)
            parent = parent.rsplit("/", 1)[0]
    for folder in sorted(folders, key=len, reverse=True):
        try:
            default_storage.delete(folder)
        except OSError:
            continue  # not empty, or a storage without folders


# --- one file ------------------------------------------------------------------------------------


def _prepare(
    entry: Entry, *, batch: ImportBatch, meeting_date: dt.date | None, engine: Engine
) -> PreparedDocument | ImportOutcome:
    data = entry.read()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefusedError(
            _("The file is too large (more than %(limit)d MB).")
            % {"limit": MAX_UPLOAD_BYTES // 2**20}
        )
    # The document's own date comes first; the given date, else a date in the file name, is used
    # only when the document has none.
    return document_prepare(
        data=data,
        name=entry.file_name,
        body=batch.body,
        fallback_date=meeting_date or date_in_name(entry.name),
        engine=engine,
    )


def _outcome_result(
    entry: Entry, outcome: ImportOutcome, prepared: PreparedDocument | None, given: bool
) -> FileResult:
    meeting_id = outcome.meeting.pk if outcome.meeting else None
    if not outcome.created:
        return FileResult(entry.name, "already", outcome.message, meeting_id)
    dated = prepared is not None and prepared.date_from_fallback
    return FileResult(
        entry.name,
        "imported",
        meeting_id=meeting_id,
        items=outcome.items,
        codes=outcome.codes,
        date_source=("given" if given else "name") if dated else "",
        date=prepared.meeting_date if dated and prepared else None,
    )


def _import_file(
    entry: Entry,
    position: int,
    *,
    batch: ImportBatch,
    meeting_date: dt.date | None,
    engine: Engine,
) -> FileResult:
    """Import one document and record its result; a database error stops the run."""
    try:
        prepared = _prepare(entry, batch=batch, meeting_date=meeting_date, engine=engine)
        with transaction.atomic():
            if isinstance(prepared, ImportOutcome):
                outcome, document = prepared, None
            else:
                outcome, document = document_write(prepared=prepared, batch=batch), prepared
            result = _outcome_result(entry, outcome, document, meeting_date is not None)
            return _record(batch, position, result)
    except ImportRefusedError as exc:
        result = FileResult(entry.name, "skipped", exc.reason)
    except DatabaseError:
        raise
    except Exception:
        # The engine reads files from anywhere; a fault on one must not stop the others. The
        # file's transaction is rolled back, and the trace goes to the log for the developers.
        logger.exception("import of %r failed", entry.name)
        result = FileResult(
            entry.name, "skipped", _("The file could not be read (internal error).")
        )
    with transaction.atomic():
        return _record(batch, position, result)


# --- the run -------------------------------------------------------------------------------------


def batch_run(
    *,
    batch: ImportBatch,
    sources: Sequence[Source],
    meeting_date: dt.date | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
    runner: str = "",
) -> dict[str, Any]:
    """Import the files (archives expanded) into the batch's body; returns the summary.

    Files that already have a result in the batch (from a run that stopped) are not read again.
    The summary is kept on the batch; its reasons are in the site's first language, Swedish.
    """
    with translation.override(settings.LANGUAGE_CODE), ExitStack() as stack:
        try:
            entries = entries_of(sources, stack)
            done = ImportFile.objects.filter(batch=batch).count()
            _batch_start(batch, total=len(entries), runner=runner or command_runner())
            engine = engine or engine_default()
            for position, entry in enumerate(entries[done:], start=done + 1):
                result = _import_file(
                    entry, position, batch=batch, meeting_date=meeting_date, engine=engine
                )
                if progress is not None:
                    progress(position, len(entries), result)
            results = [FileResult.of(row) for row in batch.files.order_by("position")]
            summary = summarise(batch, results, meeting_date=meeting_date)
        except DatabaseError:
            # Left running with the results so far: a retry resumes at the next file.
            raise
        except Exception as exc:
            batch_finish(batch, status=ImportStatus.FAILED, error=str(exc))
            raise
        batch_finish(batch, status=ImportStatus.DONE, summary=summary)
    planner_statistics_refresh()
    return summary


def batch_process(*, batch_id: int, runner: str = "") -> dict[str, Any]:
    """Import, or go on importing, the files uploaded for a batch (what the task runs)."""
    batch = ImportBatch.objects.select_related("body").get(pk=batch_id)
    if batch.status in (ImportStatus.DONE, ImportStatus.FAILED):
        return dict(batch.summary)  # a task queued again after the batch ended does nothing
    given = (batch.summary or {}).get("meeting_date")
    return batch_run(
        batch=batch,
        sources=[stored_source(u["path"], u["name"]) for u in batch.uploads],
        meeting_date=dt.date.fromisoformat(given) if given else None,
        runner=runner,
    )
