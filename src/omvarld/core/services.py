"""Platform-wide writes: the reference data load and the worker heartbeat."""

from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from omvarld.knowledge.services import DATA_DIR, knowledge_load_files
from omvarld.organisation.services import organisation_load_file

from .models import WorkerHeartbeat


def reference_data_load(
    *, organisation_file: Path | None = None, knowledge_dir: Path | None = None
) -> dict[str, Any]:
    """Load the default organisation and the knowledge base from their data files.

    Each part is atomic and idempotent on its own; the result counts what changed.
    """
    # The knowledge base first: the organisation file names its policy areas.
    knowledge = knowledge_load_files(directory=knowledge_dir or DATA_DIR)
    org = organisation_load_file(path=organisation_file or Path(settings.ORGANISATION_FILE))
    result: dict[str, Any] = {
        "organisation": {
            "created": org.created,
            "updated": org.updated,
            "unchanged": org.unchanged,
        },
        "knowledge": knowledge.as_dict(),
    }
    if apps.is_installed("omvarld.relations"):
        # The relations register's default partners name the organisation's bodies.
        from omvarld.relations.defaults import relations_load_file

        result["relations"] = relations_load_file().as_dict()
    if apps.is_installed("omvarld.population"):
        from omvarld.population.services import population_countries_load

        result["countries_of_birth"] = population_countries_load().as_dict()
    if apps.is_installed("omvarld.funding"):
        # The programmes name policy areas of the knowledge base.
        from omvarld.funding.services import programmes_load_file

        result["funding_programmes"] = programmes_load_file().as_dict()
    return result


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
