"""Background tasks of the meetings app. Tasks take plain ids and call a service."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from . import imports
from .models import AgendaItem
from .services import items_reanalyse


@task()
def import_batch(batch_id: int) -> dict[str, Any]:
    """Import the files of an uploaded batch; returns the batch summary."""
    return imports.batch_process(batch_id=batch_id)


@task()
def reanalyse_items(body_id: int | None = None) -> dict[str, int]:
    """Code the items again with the current engine and knowledge; history is kept."""
    items = AgendaItem.objects.all()
    if body_id is not None:
        items = items.filter(meeting__body_id=body_id)
    return {"reanalysed": items_reanalyse(items=items.iterator(chunk_size=500))}
