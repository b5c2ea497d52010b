"""A batch from an upload or from the command line; the only part of batches that queues a task.

An upload is stored untouched through Django's storage API (``default_storage``), so that a
worker on another machine reads the same files; they are removed when the batch ends, while the
originals of the imported documents stay under their SHA-256.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omvarld.accounts.models import User
from omvarld.core import permissions
from omvarld.organisation.models import Body

from ..models import ImportBatch
from ..services import ImportRefusedError
from ..tasks import import_batch
from .checks import upload_check, upload_count_check
from .run import uploads_delete


def display_name(name: str, fallback: str) -> str:
    """The name a file is shown by: its own name without any folder the browser sent."""
    base = PurePosixPath(name.replace("\\", "/")).name.strip()
    return base if base not in ("", ".", "..") else fallback


def batch_new(
    *,
    body: Body,
    user: User | None,
    files: int,
    meeting_date: dt.date | None,
    uploads: list[dict[str, str]] | None = None,
) -> ImportBatch:
    """A queued batch; the given meeting date is kept in its summary for the run to use."""
    batch = ImportBatch(
        body=body,
        created_by=user,
        total_files=files,
        summary={"meeting_date": meeting_date.isoformat() if meeting_date else None},
        uploads=uploads or [],
        progress_at=timezone.now(),
    )
    batch.full_clean()
    batch.save()
    return batch


def _enqueue(batch_id: int) -> None:
    result = import_batch.enqueue(batch_id)
    ImportBatch.objects.filter(pk=batch_id, task_id="").update(task_id=str(result.id)[:64])


def batch_create(
    *,
    files: Sequence[File[Any]],
    body: Body,
    user: User,
    meeting_date: dt.date | None = None,
) -> ImportBatch:
    """Store an upload untouched and queue its import; returns the new batch.

    ``meeting_date`` is used for documents that do not give their date. The files are stored
    before the batch row is written (the storage may be slow; the database's lock is not held
    meanwhile) and removed again if it cannot be. The task is queued when the row commits, so
    that it always finds the batch and its files.
    """
    if not permissions.can_edit(user, body):
        raise PermissionDenied
    if not files:
        raise ImportRefusedError(_("Choose at least one file."))
    upload_count_check(len(files))
    for file in files:
        upload_check(file)
    folder = f"imports/{uuid.uuid4().hex}"
    uploads: list[dict[str, str]] = []
    try:
        for number, file in enumerate(files, start=1):
            name = display_name(file.name or "", f"fil-{number}")
            # One folder per file keeps the upload order and the names, even repeated ones.
            wanted = f"{folder}/{number:04d}/{default_storage.get_valid_name(name) or 'fil'}"
            file.seek(0)
            uploads.append({"name": name, "path": default_storage.save(wanted, file)})
        with transaction.atomic():
            batch = batch_new(
                body=body, user=user, files=len(files), meeting_date=meeting_date, uploads=uploads
            )
            transaction.on_commit(lambda: _enqueue(batch.pk))
    except BaseException:
        uploads_delete(uploads)
        raise
    return batch
