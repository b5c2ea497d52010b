"""The task framework end to end: the real database backend and the real worker command."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from omvarld.accounts.constants import Role
from omvarld.core.models import WorkerHeartbeat
from omvarld.core.tasks import load_reference_data
from omvarld.core.tests.worker import DB_TASKS, run_worker
from omvarld.organisation.models import Body


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_reference_data_task_and_beats(monkeypatch):
    with override_settings(TASKS=DB_TASKS):
        result = load_reference_data.enqueue()
        assert DBTaskResult.objects.get(pk=result.id).status == "READY"
        seen: list[int] = []
        monkeypatch.setattr(
            "omvarld.core.management.commands.worker.worker_heartbeat_remove",
            lambda worker_id: seen.append(
                WorkerHeartbeat.objects.filter(worker_id=worker_id).count()
            ),
        )
        run_worker("t1")
        row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "SUCCESSFUL", row.traceback
    assert row.return_value["organisation"]["created"] > 0
    assert Body.objects.filter(short_name="KF").exists()
    assert seen == [1], "the worker recorded its heartbeat while running"


@pytest.mark.django_db
def test_task_page_lists_tasks_without_n_plus_one(client_as, django_assert_max_num_queries):
    client = client_as(Role.COORDINATOR)
    with override_settings(TASKS=DB_TASKS):
        for _ in range(30):
            load_reference_data.enqueue()
    with django_assert_max_num_queries(12):
        response = client.get("/bakgrundsjobb/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("omvarld.core.tasks.load_reference_data") == 30
    # Queued tasks make the table poll for updates.
    assert 'hx-trigger="every 3s"' in html
    partial = client.get("/bakgrundsjobb/", HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content
    assert b'id="task-table"' in partial.content


@pytest.mark.django_db
def test_coordinator_queues_the_reload(client_as):
    client = client_as(Role.COORDINATOR)
    with override_settings(TASKS=DB_TASKS):
        response = client.post("/bakgrundsjobb/las-in-referensdata/")
    assert response.status_code == 302
    assert (
        DBTaskResult.objects.filter(task_path="omvarld.core.tasks.load_reference_data").count() == 1
    )


@pytest.mark.django_db
def test_the_task_page_names_tasks_and_statuses_in_swedish(client_as):
    from omvarld.eu_monitoring.tasks import send_weekly_digests

    client = client_as(Role.COORDINATOR)
    with override_settings(TASKS=DB_TASKS):
        load_reference_data.enqueue()
        send_weekly_digests.enqueue()
        DBTaskResult.objects.create(
            task_path="omvarld.meetings.tasks.unknown_task",
            status="FAILED",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            queue_name="default",
            priority=0,
        )
    html = client.get("/bakgrundsjobb/").content.decode()
    table = html[html.index('id="task-table"') :]
    assert "Läs in organisations- och kunskapsfilerna" in table
    assert "Veckosammanfattning per e-post" in table
    # A task no app named gets its app's name.
    assert "Bakgrundsuppgift i Sammanträden och EU-påverkan" in table
    for english in (">Ready<", ">Running<", ">Failed<", ">Successful<"):
        assert english not in html
    assert ">Väntar<" in table
    assert ">Misslyckades<" in table
    select = html[html.index('id="status-filter"') : html.index("</select>")]
    assert [o for o in ("Väntar", "Körs", "Misslyckades", "Klar") if o in select] == [
        "Väntar",
        "Körs",
        "Misslyckades",
        "Klar",
    ]
