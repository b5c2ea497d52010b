"""Background tasks of the meetings app. Tasks take plain ids and call a service."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from . import imports


@task()
def import_batch(batch_id: int) -> dict[str, Any]:
    """Import the files of an uploaded batch; returns the batch summary."""
    return imports.batch_process(batch_id=batch_id)
