"""Background tasks of the meetings app. Tasks take plain ids and call a service."""

from __future__ import annotations

from typing import Any

from django_tasks import TaskContext, task

from .batches.run import batch_process
from .models import AgendaItem
from .services_analysis import items_reanalyse


@task(takes_context=True)
def import_batch(context: TaskContext, batch_id: int) -> dict[str, Any]:
    """Import (or go on importing) the files of an uploaded batch; returns the batch summary."""
    workers = context.task_result.worker_ids
    return batch_process(batch_id=batch_id, runner=f"worker:{workers[-1]}" if workers else "")


@task()
def reanalyse_items(body_id: int | None = None) -> dict[str, int]:
    """Code the items again with the current engine and knowledge; history is kept."""
    items = AgendaItem.objects.all()
    if body_id is not None:
        items = items.filter(meeting__body_id=body_id)
    return {"reanalysed": items_reanalyse(items=items)}
