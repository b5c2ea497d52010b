"""Platform-wide reads: health, the task list, the audit trail, start-page figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django_tasks_db.models import DBTaskResult

from .contributions import task_label
from .models import WorkerHeartbeat


@dataclass(frozen=True)
class Health:
    database: bool
    worker: bool
    worker_last_seen: datetime | None
    detail: str

    @property
    def ok(self) -> bool:
        return self.database and self.worker


def health_check() -> Health:
    """Whether the database answers and a task worker has shown life recently."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return Health(False, False, None, f"database: {exc.__class__.__name__}")
    latest = (
        WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    )
    fresh = latest is not None and timezone.now() - latest <= settings.WORKER_HEARTBEAT_MAX_AGE
    detail = (
        "ok"
        if fresh
        else ("worker: no heartbeat" if latest is None else "worker: heartbeat too old")
    )
    return Health(True, fresh, latest, detail)


#: The task statuses in Swedish. django_tasks names them with the context "Task"; the same
#: context here puts their translations into the platform's catalogue.
TASK_STATUSES = {
    "READY": pgettext_lazy("Task", "Ready"),
    "RUNNING": pgettext_lazy("Task", "Running"),
    "FAILED": pgettext_lazy("Task", "Failed"),
    "SUCCESSFUL": pgettext_lazy("Task", "Successful"),
}


def task_name(task_path: str) -> str:
    """A task's name for people: the one its app registered, else its app's name."""
    label = task_label(task_path)
    if label is not None:
        return str(label)
    config = apps.get_containing_app_config(task_path)
    app = str(config.verbose_name) if config else task_path
    return gettext("Background task of %(app)s") % {"app": app}


def task_status(task_id: str) -> str | None:
    """The status of a queued task (READY, RUNNING, SUCCESSFUL, FAILED), None when unknown."""
    if not task_id:
        return None
    try:
        status: str | None = (
            DBTaskResult.objects.filter(pk=task_id).values_list("status", flat=True).first()
        )
    except (ValueError, ValidationError):
        return None  # not an id of the database backend (e.g. the immediate backend's)
    return status


def worker_alive(worker_id: str) -> bool:
    """Whether the task worker with this id has reported within the heartbeat's maximum age."""
    since = timezone.now() - settings.WORKER_HEARTBEAT_MAX_AGE
    return WorkerHeartbeat.objects.filter(worker_id=worker_id, last_seen__gte=since).exists()


def task_result_list(*, status: str | None = None) -> QuerySet[Any]:
    """Task results, newest first, optionally of one status."""
    qs = DBTaskResult.objects.order_by("-enqueued_at")
    if status:
        qs = qs.filter(status=status)
    return qs


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: str
    action: str
    model: str
    object_repr: str
    changes: list[str]


_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
_HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}


def _audited_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if hasattr(model, "history") and hasattr(model.history, "model")
    ]


#: Fields that name a record well enough, tried in order; read from the history row itself.
_NAME_FIELDS = ("name", "title_sv", "title", "username", "celex", "sfs", "key", "code")


def _describe(record: Any) -> str:
    """A name for the changed record without loading anything it refers to."""
    for field in _NAME_FIELDS:
        value = getattr(record, field, None)
        if value:
            return str(value)
    return f"{record.instance_type._meta.verbose_name} {record.id}"


def _changed_fields(record: Any, previous: Any) -> list[str]:
    fields = [
        f
        for f in record._meta.concrete_fields
        if f.name not in _HISTORY_FIELDS and not f.name.startswith("history_")
    ]
    return [
        str(f.verbose_name)
        for f in fields
        if getattr(record, f.attname) != getattr(previous, f.attname)
    ]


def audit_entries(*, limit: int = 100) -> list[AuditEntry]:
    """The latest changes across every audited model, newest first, with the fields changed.

    Two queries per audited model, whatever the limit: the latest records, then the earlier
    records of the same objects to compare against.
    """
    records: list[Any] = []
    earlier: dict[tuple[type[Any], Any], list[Any]] = {}
    for model in _audited_models():
        history = model.history
        recent = list(history.select_related("history_user").order_by("-history_date")[:limit])
        records.extend(recent)
        changed_ids = {r.id for r in recent if r.history_type == "~"}
        if changed_ids:
            for row in history.filter(id__in=changed_ids).order_by("history_date", "history_id"):
                earlier.setdefault((model, row.id), []).append(row)
    records.sort(key=lambda r: r.history_date, reverse=True)
    entries = []
    for record in records[:limit]:
        changes: list[str] = []
        if record.history_type == "~":
            rows = earlier.get((record.instance_type, record.id), [])
            before = [r for r in rows if r.history_id < record.history_id]
            if before:
                changes = _changed_fields(record, before[-1])
        user = record.history_user
        entries.append(
            AuditEntry(
                when=record.history_date,
                who=user.get_username() if user else "",
                action=_ACTIONS.get(record.history_type, record.history_type),
                model=str(record.instance_type._meta.verbose_name),
                object_repr=_describe(record),
                changes=changes,
            )
        )
    return entries
