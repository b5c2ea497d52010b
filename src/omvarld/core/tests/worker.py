"""Running the real database task worker inside a test."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.db import OperationalError
from django_tasks import task

#: Settings for tests that queue tasks in the database instead of running them at once.
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker(worker_id: str) -> None:
    """Run ``manage.py worker`` until the queue is empty, as a deployment's worker would."""
    call_command(
        "worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--worker-id",
        worker_id,
        verbosity=0,
    )


@task()
def database_fails_once(marker: str) -> str:
    """A task whose first run meets a database error, as a lost connection gives; then it works.

    The marker file (outside the database, which the error is about) records the first run.
    """
    path = Path(marker)
    if not path.exists():
        path.write_text("failed once")
        raise OperationalError("server closed the connection unexpectedly")
    return "done"
