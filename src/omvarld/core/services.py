"""Platform-wide writes: the reference data load and the worker heartbeat."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from .contributions import reference_data_loaders
from .models import WorkerHeartbeat


def reference_data_load(*, paths: Mapping[str, Path] | None = None) -> dict[str, Any]:
    """Run every registered loader of reference data (:mod:`omvarld.core.contributions`).

    ``paths`` gives a loader, by key, another file or folder than the one its app ships. Each
    loader is atomic and idempotent on its own; the result holds what each one did, by key.
    """
    paths = paths or {}
    return {
        loader.key: dict(loader.load(path=paths.get(loader.key)))
        for loader in reference_data_loaders()
    }


def worker_heartbeat_beat(*, worker_id: str, started_at: datetime) -> None:
    """Record that a worker is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def worker_heartbeat_remove(*, worker_id: str) -> None:
    """Forget a worker that stopped cleanly, so health does not count it."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
