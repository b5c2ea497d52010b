"""Imports and re-analyses that never block other users, and batches that never stay stuck
(issue 9, items 1, 4 and 10). Real database, real worker, real files; the slowness and the crash
are injected where a real slow file or a killed process would strike."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
import time

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from omvarld.accounts.constants import Role
from omvarld.accounts.models import User
from omvarld.core.services import tasks_recover_orphaned
from omvarld.core.tests.worker import DB_TASKS, run_worker
from omvarld.meetings import services
from omvarld.meetings.batches import create, recovery, run
from omvarld.meetings.batches.run import command_runner
from omvarld.meetings.constants import ImportStatus
from omvarld.meetings.models import AgendaItem, ImportBatch, ImportFile, SourceDocument
from omvarld.meetings.services_analysis import Engine, engine_default, items_reanalyse
from omvarld.organisation.models import Body

from .factories import APRIL, MAY, NOTICE, notice, upload

#: The goal of issue 9: during an import or a re-analysis, no other write waits more than this.
MAX_WAIT = 1.0
SLOW = 3.0


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _other_write_wait(started: threading.Event) -> float:
    """How long a colleague's write (a new user, as an administrator makes one) takes while the
    background work runs; measured on its own connection once the slow part has begun."""
    assert started.wait(30), "the slow part never started"
    began = time.monotonic()
    User.objects.create_user(username=f"kollega-{time.monotonic_ns()}", password="x" * 16)
    return time.monotonic() - began


def _in_thread(work) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    return thread, errors


@pytest.mark.django_db(transaction=True)
def test_a_slow_document_does_not_make_other_writes_wait(organisation, monkeypatch):
    real = services.read_document
    started = threading.Event()

    def slow_reader(path):
        started.set()
        time.sleep(SLOW)  # a document that takes long to read and segment
        return real(path)

    monkeypatch.setattr(services, "read_document", slow_reader)
    thread, errors = _in_thread(
        lambda: services.document_import(data=NOTICE.encode(), name="kf-2016-03-21.txt")
    )
    waited = _other_write_wait(started)
    thread.join()
    assert not errors
    assert AgendaItem.objects.count() == 5
    assert waited < MAX_WAIT, f"another write waited {waited:.2f} s during the import"


@pytest.mark.django_db(transaction=True)
def test_a_reanalysis_writes_in_short_transactions(organisation):
    council = Body.objects.get(short_name="KF")
    services.document_import(data=APRIL.encode(), name="april.txt", body=council)
    services.document_import(data=MAY.encode(), name="maj.txt", body=council)
    real = engine_default()
    started = threading.Event()

    def slow(title: str, text: str):
        started.set()
        time.sleep(SLOW / 3)  # a long item, as a long agenda has many
        return real.classify(title, text)

    newer = Engine(slow, real.engine_version, "a newer knowledge version")
    counted: list[int] = []
    thread, errors = _in_thread(
        lambda: counted.append(
            items_reanalyse(items=AgendaItem.objects.all(), engine=newer, chunk_size=2)
        )
    )
    waited = _other_write_wait(started)
    thread.join()
    assert not errors
    assert counted == [6]
    assert waited < MAX_WAIT, f"another write waited {waited:.2f} s during the re-analysis"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_is_resumed_from_the_first_unfinished_file(
    organisation, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    council = Body.objects.get(short_name="KF")
    user = make_user(Role.COORDINATOR)
    june = notice("20 juni 2016", "Val av justerare", "Taxa för avfall")
    with override_settings(TASKS=DB_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            batch = create.batch_create(
                files=[
                    upload("1-april.txt", APRIL.encode()),
                    upload("2-maj.txt", MAY.encode()),
                    upload("3-juni.txt", june.encode()),
                ],
                body=council,
                user=user,
            )
        task = DBTaskResult.objects.get()
        batch.refresh_from_db()
        assert batch.task_id == str(task.pk)
        # A worker claims the task, imports the first file and is killed (SIGKILL: nothing after).
        DBTaskResult.objects.filter(pk=task.pk).update(
            status="RUNNING",
            worker_ids=["killed-worker"],
            started_at=timezone.now() - dt.timedelta(minutes=10),
        )
        real = run._import_file
        calls: list[str] = []

        def killed_after_the_first(entry, position, **kwargs):
            if calls:
                raise KeyboardInterrupt  # the process ends here
            calls.append(entry.name)
            return real(entry, position, **kwargs)

        monkeypatch.setattr(run, "_import_file", killed_after_the_first)
        with pytest.raises(KeyboardInterrupt):
            run.batch_process(batch_id=batch.pk, runner="worker:killed-worker")
        monkeypatch.setattr(run, "_import_file", real)
        batch.refresh_from_db()
        assert (batch.status, batch.processed_files, batch.total_files) == ("running", 1, 3)
        # Its task is recoverable, so the batch is not given up.
        assert recovery.batch_stale_reason(batch) is None

        assert tasks_recover_orphaned() == {"requeued": 1, "failed": 0}
        run_worker("second-worker")
        task.refresh_from_db()
    assert task.status == "SUCCESSFUL", task.traceback
    assert task.worker_ids == ["killed-worker", "second-worker"]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert batch.attempts == 2
    assert batch.summary["imported"] == 3
    assert batch.summary["already_imported"] == []
    assert list(batch.files.values_list("position", "name")) == [
        (1, "1-april.txt"),
        (2, "2-maj.txt"),
        (3, "3-juni.txt"),
    ]
    assert SourceDocument.objects.count() == 3
    assert not any(default_storage.exists(u["path"]) for u in batch.uploads)


@pytest.mark.django_db
def test_a_task_whose_workers_keep_dying_fails_and_its_batch_says_why(
    council, make_user, client_as, django_capture_on_commit_callbacks
):
    with override_settings(TASKS=DB_TASKS), django_capture_on_commit_callbacks(execute=True):
        batch = create.batch_create(
            files=[upload("a.txt", APRIL.encode())],
            body=council,
            user=make_user(Role.COORDINATOR),
        )
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    DBTaskResult.objects.update(
        status="RUNNING", worker_ids=["w1", "w2", "w3"], started_at=long_ago
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    assert tasks_recover_orphaned() == {"requeued": 0, "failed": 1}
    assert recovery.batches_recover() == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    with translation.override("sv"):
        assert gettext("The background task that ran the import failed.") in batch.error
    assert not default_storage.exists(batch.uploads[0]["path"])
    page = client_as(Role.COORDINATOR).get(f"/eu-analys/import/{batch.pk}/")
    assert "hx-trigger" not in page.content.decode()
    assert recovery.batches_recover() == 0


@pytest.mark.django_db
def test_a_killed_import_command_leaves_no_batch_running(council, client_as):
    gone = subprocess.Popen(["true"])  # noqa: S607 - a process that has ended, for its id
    gone.wait()
    batch = create.batch_new(body=council, user=None, files=1, meeting_date=None)
    host = command_runner().split(":")[1]
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.RUNNING, runner=f"command:{host}:{gone.pid}"
    )
    batch.refresh_from_db()
    with translation.override("sv"):
        reason = gettext("The import command stopped before it had finished.")
        assert recovery.batch_stale_reason(batch) == reason
        # The progress page stops polling at once and says why.
        page = client_as(Role.COORDINATOR).get(f"/eu-analys/import/{batch.pk}/")
        html = page.content.decode()
        assert "hx-trigger" not in html
        assert reason in html
    assert recovery.batches_recover() == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED


@pytest.mark.django_db
def test_a_running_command_and_a_fresh_batch_are_left_alone(council):
    batch = create.batch_new(body=council, user=None, files=1, meeting_date=None)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.RUNNING, runner=command_runner()
    )
    assert recovery.batches_recover() == 0
    # Without a process to ask (another machine), only a long silence makes it stale.
    ImportBatch.objects.filter(pk=batch.pk).update(
        runner="command:another-machine:1",
        progress_at=timezone.now() - recovery.STALE_AFTER - dt.timedelta(minutes=1),
    )
    assert recovery.batches_recover() == 1


@pytest.mark.django_db
def test_the_command_prints_file_names_safely(council, tmp_path, capsys):
    (tmp_path / "kf\n[9 av 9] falsk rad.txt").write_text(APRIL)
    (tmp_path / "ks\u202etxt.exe").write_text("")
    call_command("import_meetings", str(tmp_path), "--body", "KF")
    lines = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("[9 av 9]") for line in lines)
    assert any("kf\\n[9 av 9] falsk rad.txt" in line for line in lines)
    assert any("ks\\u202etxt.exe" in line for line in lines)
    assert not any("\u202e" in line for line in lines)
    assert ImportFile.objects.count() == 2
