from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from omvarld.core.models import WorkerHeartbeat
from omvarld.core.services import worker_heartbeat_beat

pytestmark = pytest.mark.django_db


def test_health_fails_without_a_worker(client):
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["worker"] == "fail"
    assert body["detail"] == "worker: no heartbeat"


def test_health_ok_with_a_fresh_heartbeat(client):
    worker_heartbeat_beat(worker_id="w1", started_at=timezone.now())
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_fails_with_a_stale_heartbeat(client, settings):
    worker_heartbeat_beat(worker_id="w1", started_at=timezone.now())
    WorkerHeartbeat.objects.update(last_seen=timezone.now() - timedelta(minutes=5))
    settings.WORKER_HEARTBEAT_MAX_AGE = timedelta(seconds=90)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["detail"] == "worker: heartbeat too old"
