"""eu_sync against fake sources, its clear failure without network, and the daily task run by the
real worker."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from omvarld.core.http_client import HttpClient, Response, TransportError
from omvarld.core.tests.worker import DB_TASKS, run_worker
from omvarld.eu_monitoring import sync, tasks
from omvarld.eu_monitoring.models import FetchRecord, Initiative
from omvarld.eu_monitoring.tasks import eu_sync_daily, next_sync_time
from omvarld.knowledge.services import knowledge_load_files

RECORDINGS = Path(__file__).parent / "recordings"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


class NoWait:
    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        """Back-off and rate limit pass instantly in tests."""


class Sources:
    """The three sources, answering from the recordings; records every address asked."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, request, *, timeout):
        self.urls.append(request.url)
        url = request.url
        if "webapi/rdf/sparql" in url:
            return Response(200, (RECORDINGS / "eurlex" / "proposals.json").read_bytes())
        if "searchInitiatives" in url:
            name = "search_initiatives.json"
            return Response(200, (RECORDINGS / "haveyoursay" / name).read_bytes())
        if "groupInitiatives/900102" in url:
            name = "group_initiative_900102.json"
            return Response(200, (RECORDINGS / "haveyoursay" / name).read_bytes())
        if "procedures/2021-0211" in url:
            name = "procedure_2021-0211.json"
            return Response(200, (RECORDINGS / "europarl" / name).read_bytes())
        return Response(404, b"{}")


class Offline:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, request, *, timeout):
        self.calls += 1
        raise TransportError("[Errno -2] Name or service not known")


@pytest.fixture
def knowledge(full_knowledge):
    """The sync completes and relates the acts of the knowledge base, so it needs all of it."""


def use(monkeypatch, transport) -> None:
    monkeypatch.setattr(
        sync,
        "default_client",
        lambda: HttpClient(transport=transport, clock=NoWait(), retries=2),
    )


def test_eu_sync_fails_with_a_clear_message_when_the_source_cannot_be_reached(
    knowledge, monkeypatch
):
    offline = Offline()
    use(monkeypatch, offline)
    with pytest.raises(CommandError) as caught:
        call_command("eu_sync", source="haveyoursay")
    message = str(caught.value)
    assert message.startswith("ec.europa.eu could not be reached: could not connect")
    assert "after 3 attempts. Nothing was changed." in message
    assert "manage.py eu_import FILE --source haveyoursay" in message
    assert offline.calls == 3
    assert FetchRecord.objects.count() == 0


def test_eu_sync_needs_a_source_or_schedule(db):
    with pytest.raises(CommandError, match="Give --source"):
        call_command("eu_sync")
    with pytest.raises(CommandError, match="not a date"):
        call_command("eu_sync", "--source", "eurlex", "--since", "yesterday")


def test_eu_sync_runs_each_source_through_the_client(knowledge, monkeypatch):
    sources = Sources()
    use(monkeypatch, sources)
    out = StringIO()
    call_command("eu_sync", source="eurlex", since=dt.date(2021, 1, 1), stdout=out)
    assert out.getvalue() == (
        "1 payload(s), 3 record(s) applied; created: acts 2, initiative_acts 5, initiatives 3, "
        "stages 3; updated: nothing\n"
    )
    call_command("eu_sync", source="haveyoursay", since=dt.date(2022, 1, 1), stdout=out)
    call_command("eu_sync", source="europarl", since=dt.date(2022, 1, 1), stdout=out)
    asked = [u.split("?")[0].rsplit("/", 2)[-2:] for u in sources.urls]
    assert asked == [
        ["rdf", "sparql"],
        ["brpapi", "searchInitiatives"],
        ["groupInitiatives", "900102"],
        # The Parliament is asked for the procedures of the followed initiatives.
        ["procedures", "2021-0211"],
        ["procedures", "2021-0426"],
        ["procedures", "2022-0345"],
    ]
    ets = Initiative.objects.get(procedure_reference="2021/0211(COD)")
    assert ets.stages.filter(source="europarl").count() == 3
    fetch = FetchRecord.objects.get(request__contains="groupInitiatives/900102")
    assert fetch.status == 200
    assert fetch.request == (
        "GET https://ec.europa.eu/info/law/better-regulation/brpapi/groupInitiatives/900102"
    )
    missing = FetchRecord.objects.get(request__contains="procedures/2021-0426")
    assert (missing.status, missing.payload) == (404, "")
    assert missing.errors[0]["where"] == "payload", "an unknown procedure is logged, not fatal"


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (dt.datetime(2026, 11, 26, 3, 0, tzinfo=STOCKHOLM), dt.datetime(2026, 11, 26, 5, 0)),
        (dt.datetime(2026, 11, 26, 5, 0, tzinfo=STOCKHOLM), dt.datetime(2026, 11, 27, 5, 0)),
        (dt.datetime(2026, 3, 28, 22, 0, tzinfo=STOCKHOLM), dt.datetime(2026, 3, 29, 5, 0)),
    ],
)
def test_the_next_sync_is_at_five_local_time(now, expected):
    when = next_sync_time(now)
    assert when.tzinfo is not None
    assert when.astimezone(STOCKHOLM).replace(tzinfo=None) == expected


@pytest.mark.django_db
def test_schedule_queues_one_daily_sync():
    with override_settings(TASKS=DB_TASKS):
        out = StringIO()
        call_command("eu_sync", "--schedule", stdout=out)
        call_command("eu_sync", "--schedule", stdout=out)
        rows = DBTaskResult.objects.filter(task_path=eu_sync_daily.module_path)
        assert rows.count() == 1
        assert rows.get().run_after == next_sync_time()
    assert out.getvalue().count("The daily EU sync is queued for") == 2


@pytest.mark.django_db
def test_schedule_needs_a_backend_that_can_wait():
    with pytest.raises(CommandError, match="cannot run a task later"):
        call_command("eu_sync", "--schedule")


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_daily_sync_which_queues_the_next(monkeypatch):
    knowledge_load_files()
    use(monkeypatch, Sources())
    with override_settings(TASKS=DB_TASKS):
        result = eu_sync_daily.enqueue()
        run_worker("eu")
        row = DBTaskResult.objects.get(pk=result.id)
        assert row.status == "SUCCESSFUL", row.traceback
        outcome = row.return_value
        assert outcome["eurlex"]["created"] == {
            "acts": 2,
            "initiative_acts": 5,
            "initiatives": 3,
            "stages": 3,
        }
        assert outcome["haveyoursay"]["fetches"] == 1, "nothing in the last days: no details"
        assert "europarl" in outcome
        waiting = DBTaskResult.objects.get(task_path=eu_sync_daily.module_path, status="READY")
        assert waiting.run_after == next_sync_time()
        assert dt.datetime.fromisoformat(outcome["next_run"]) == waiting.run_after


@pytest.mark.django_db(transaction=True)
def test_a_source_that_cannot_be_reached_does_not_stop_the_daily_sync(monkeypatch):
    use(monkeypatch, Offline())
    with override_settings(TASKS=DB_TASKS):
        outcome = eu_sync_daily.call()
        assert outcome["eurlex"]["error"].startswith("publications.europa.eu could not be")
        assert outcome["haveyoursay"]["error"].startswith("ec.europa.eu could not be")
        assert outcome["europarl"] == sync.SyncSummary().as_dict(), "no procedure followed yet"
        assert DBTaskResult.objects.filter(status="READY").count() == 1


class BrokenError(Exception):
    """Something no source should raise."""


@pytest.mark.django_db(transaction=True)
def test_an_unexpected_error_fails_the_daily_sync_visibly_but_the_next_is_queued(monkeypatch):
    def eu_sync_source(*, source, since):
        raise BrokenError(f"{source} broke")

    monkeypatch.setattr(tasks, "eu_sync_source", eu_sync_source)
    with override_settings(TASKS=DB_TASKS):
        with pytest.raises(BrokenError, match="eurlex broke"):
            eu_sync_daily.call()
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        # Run by the worker: the run is failed, with the error, and the next one waits.
        DBTaskResult.objects.all().delete()
        result = eu_sync_daily.enqueue()
        run_worker("eu")
        row = DBTaskResult.objects.get(pk=result.id)
        assert row.status == "FAILED"
        assert "eurlex broke" in row.traceback
        waiting = DBTaskResult.objects.get(task_path=eu_sync_daily.module_path, status="READY")
        assert waiting.run_after == next_sync_time()
