"""The monthly sync task: its time, its self-queueing, and that a failed run still queues the
next one. And the import task of an upload."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from omvarld.core.http_client import SourceUnavailableError
from omvarld.core.tests.worker import DB_TASKS
from omvarld.population import tasks

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (dt.datetime(2026, 12, 6, 21, 0), dt.datetime(2027, 1, 1, 4, 0)),
        (dt.datetime(2026, 3, 1, 3, 59), dt.datetime(2026, 3, 1, 4, 0)),
        (dt.datetime(2026, 3, 1, 4, 0), dt.datetime(2026, 4, 1, 4, 0)),
    ],
)
def test_next_sync_time(now, expected):
    when = tasks.next_sync_time(now.replace(tzinfo=STOCKHOLM))
    assert when == expected.replace(tzinfo=STOCKHOLM)


@pytest.mark.django_db(transaction=True)
def test_schedule_once_and_requeue_after_a_failed_run(norrkoping, monkeypatch):
    def unreachable(**kwargs):
        raise SourceUnavailableError("statistikdatabasen.scb.se could not be reached")

    monkeypatch.setattr(tasks, "stats_sync_now", unreachable)
    with override_settings(TASKS=DB_TASKS):
        out = StringIO()
        call_command("stats_sync", "--schedule", stdout=out)
        call_command("stats_sync", "--schedule", stdout=out)
        waiting = DBTaskResult.objects.filter(task_path=tasks.stats_sync_monthly.module_path)
        assert waiting.count() == 1
        assert "The monthly SCB sync is queued for" in out.getvalue()
        waiting.update(status="RUNNING")
        result = tasks.stats_sync_monthly.call()
    assert result["error"].startswith("statistikdatabasen.scb.se could not be reached")
    assert waiting.filter(status="READY").count() == 1
