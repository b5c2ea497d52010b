"""Background tasks of the platform. Tasks take plain values and call a service."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from .services import reference_data_load


@task()
def load_reference_data() -> dict[str, Any]:
    """Load the organisation file and the knowledge files into the database."""
    return reference_data_load()
