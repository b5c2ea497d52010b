"""Running the real database task worker inside a test."""

from __future__ import annotations

from django.core.management import call_command

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
