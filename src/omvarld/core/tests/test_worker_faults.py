"""The task worker survives database errors and hands back the work of workers that stopped
(issue 9, items 1 and 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from omvarld.core import contributions
from omvarld.core.management.commands import worker as worker_command
from omvarld.core.models import WorkerHeartbeat
from omvarld.core.services import tasks_recover_orphaned, worker_heartbeat_beat
from omvarld.core.tests.worker import DB_TASKS, database_fails_once, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    # The back-off after a database error is real in production; a test need not sit through it.
    monkeypatch.setattr(worker_command.time, "sleep", lambda seconds: None)


def test_a_task_interrupted_by_a_database_error_is_run_again(tmp_path):
    with override_settings(TASKS=DB_TASKS):
        result = database_fails_once.enqueue(str(tmp_path / "marker"))
        run_worker("w1")
        row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "SUCCESSFUL", row.traceback
    assert row.return_value == "done"
    assert row.worker_ids == ["w1", "w1"]


def test_the_worker_loop_survives_a_database_error_between_tasks(tmp_path, monkeypatch):
    real = DBTaskResult.objects.ready
    calls = []

    def flaky_ready():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("disk I/O error")
        return real()

    monkeypatch.setattr(DBTaskResult.objects, "ready", flaky_ready)
    (tmp_path / "marker").write_text("no failure this time")
    with override_settings(TASKS=DB_TASKS):
        result = database_fails_once.enqueue(str(tmp_path / "marker"))
        run_worker("w1")
        row = DBTaskResult.objects.get(pk=result.id)
    assert len(calls) >= 2
    assert row.status == "SUCCESSFUL", row.traceback


def _running(worker_ids, minutes_ago=10):
    with override_settings(TASKS=DB_TASKS):
        result = database_fails_once.enqueue("unused")
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        worker_ids=worker_ids,
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_tasks_of_a_dead_worker_are_queued_again_and_of_a_live_one_left_alone():
    started = timezone.now() - dt.timedelta(hours=1)
    worker_heartbeat_beat(worker_id="alive", started_at=started)
    WorkerHeartbeat.objects.create(
        worker_id="dead", hostname="h", pid=1, started_at=started, last_seen=started
    )
    alive, dead, vanished = _running(["alive"]), _running(["dead"]), _running(["vanished"])
    just_claimed = _running(["new-worker-without-a-beat-yet"], minutes_ago=0)
    assert tasks_recover_orphaned() == {"requeued": 2, "failed": 0}
    states = {
        name: DBTaskResult.objects.get(pk=row.pk).status
        for name, row in [
            ("alive", alive),
            ("dead", dead),
            ("vanished", vanished),
            ("just_claimed", just_claimed),
        ]
    }
    assert states == {
        "alive": "RUNNING",
        "dead": "READY",
        "vanished": "READY",
        "just_claimed": "RUNNING",
    }
    assert tasks_recover_orphaned() == {"requeued": 0, "failed": 0}


def test_a_task_started_three_times_by_workers_that_died_is_failed_with_the_reason():
    task = _running(["a", "b", "c"])
    assert tasks_recover_orphaned() == {"requeued": 0, "failed": 1}
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert "stopped 3 times" in task.traceback


def test_every_worker_runs_the_apps_recoveries_and_survives_their_errors(monkeypatch):
    seen = []

    def broken() -> int:
        raise OperationalError("database is locked")

    monkeypatch.setattr(contributions, "_recoveries", {})
    contributions.register_recovery("broken", broken)
    contributions.register_recovery("ok", lambda: seen.append("ran") or 0)
    worker_command.maintenance_run()
    assert seen == ["ran"]
