"""The daily call sync: queued once, run by the real worker, re-queueing itself."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from omvarld.core.http_client import HttpClient, Response, TransportError
from omvarld.core.tests.worker import DB_TASKS, run_worker
from omvarld.funding import sync, tasks
from omvarld.funding.models import Call
from omvarld.funding.tasks import calls_sync_daily, next_sync_time

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


class NoWait:
    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        return None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (dt.datetime(2026, 12, 6, 3, 0, tzinfo=STOCKHOLM), dt.datetime(2026, 12, 6, 5, 30)),
        (dt.datetime(2026, 12, 6, 5, 30, tzinfo=STOCKHOLM), dt.datetime(2026, 12, 7, 5, 30)),
        (dt.datetime(2027, 3, 27, 22, 0, tzinfo=STOCKHOLM), dt.datetime(2027, 3, 28, 5, 30)),
    ],
)
def test_the_next_sync_is_at_half_past_five_local_time(now, expected):
    when = next_sync_time(now)
    assert when.astimezone(STOCKHOLM).replace(tzinfo=None) == expected


@pytest.mark.django_db
def test_schedule_queues_one_daily_sync():
    with override_settings(TASKS=DB_TASKS):
        out = StringIO()
        call_command("calls_sync", "--schedule", stdout=out)
        call_command("calls_sync", "--schedule", stdout=out)
        rows = DBTaskResult.objects.filter(task_path=calls_sync_daily.module_path)
        assert rows.count() == 1
        assert rows.get().run_after == next_sync_time()
    assert out.getvalue().count("The daily call sync is queued for") == 2
    with pytest.raises(CommandError, match="cannot run a task later"):
        call_command("calls_sync", "--schedule")


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_sync_which_queues_the_next(funding_data, search_open, monkeypatch):
    def portal(request, *, timeout):
        return Response(200, search_open.encode(), {}, request.url)

    monkeypatch.setattr(
        sync, "default_client", lambda: HttpClient(transport=portal, clock=NoWait())
    )
    with override_settings(TASKS=DB_TASKS):
        result = calls_sync_daily.enqueue()
        run_worker("funding")
        row = DBTaskResult.objects.get(pk=result.id)
        assert row.status == "SUCCESSFUL", row.traceback
        assert row.return_value["created"] == 6
        assert len(row.return_value["errors"]) == 4
        waiting = DBTaskResult.objects.get(task_path=calls_sync_daily.module_path, status="READY")
        assert waiting.run_after == next_sync_time()
        assert dt.datetime.fromisoformat(row.return_value["next_run"]) == waiting.run_after
    assert Call.objects.count() == 6


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_portal_is_reported_and_the_next_run_queued(funding_data, monkeypatch):
    def offline(request, *, timeout):
        raise TransportError("[Errno -2] Name or service not known")

    monkeypatch.setattr(
        sync, "default_client", lambda: HttpClient(transport=offline, clock=NoWait(), retries=1)
    )
    with override_settings(TASKS=DB_TASKS):
        outcome = calls_sync_daily.call()
        assert outcome["error"].startswith("api.tech.ec.europa.eu could not be reached")
        assert DBTaskResult.objects.filter(status="READY").count() == 1


class BrokenError(Exception):
    """Something the portal sync should never raise."""


@pytest.mark.django_db(transaction=True)
def test_an_unexpected_error_fails_visibly_but_the_next_run_is_queued(monkeypatch):
    def calls_sync_portal():
        raise BrokenError("broke")

    monkeypatch.setattr(tasks, "calls_sync_portal", calls_sync_portal)
    with override_settings(TASKS=DB_TASKS):
        with pytest.raises(BrokenError):
            calls_sync_daily.call()
        assert DBTaskResult.objects.filter(status="READY").count() == 1
