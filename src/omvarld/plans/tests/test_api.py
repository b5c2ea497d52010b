"""The API of plans and follow-up, per resource and verb, including who cannot write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from omvarld.plans import services
from omvarld.plans.models import Plan, PlanActivity

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_plans_per_resource_and_verb(goals, kfn, un, users):
    officer = client_for(users["officer"])
    created = officer.post(
        "/api/v1/plans/", {"body": "KFN", "year": 2026, "summary": "Fler utbyten"}, format="json"
    )
    assert created.status_code == 201, created.json()
    plan_id = created.json()["id"]
    assert created.json()["body"] == "KFN"
    assert (
        officer.post("/api/v1/plans/", {"body": "KFN", "year": 2026}, format="json").status_code
        == 400
    )
    assert (
        officer.post("/api/v1/plans/", {"body": "UN", "year": 2026}, format="json").status_code
        == 403
    )
    assert (
        client_for(users["reader"])
        .post("/api/v1/plans/", {"body": "UN", "year": 2026}, format="json")
        .status_code
        == 403
    )
    changed = officer.patch(
        f"/api/v1/plans/{plan_id}/", {"adopted_on": "2026-02-10"}, format="json"
    )
    assert changed.json()["adopted_on"] == "2026-02-10"
    assert (
        officer.patch(f"/api/v1/plans/{plan_id}/", {"year": 2027}, format="json").status_code == 400
    )
    assert (
        client_for(users["other"])
        .patch(f"/api/v1/plans/{plan_id}/", {"summary": "X"}, format="json")
        .status_code
        == 403
    )
    listed = client_for(users["reader"]).get("/api/v1/plans/?year=2026&body=KFN").json()
    assert [p["id"] for p in listed["results"]] == [plan_id]
    assert client_for(users["reader"]).get("/api/v1/plans/?year=tjugo").status_code == 400
    assert officer.delete(f"/api/v1/plans/{plan_id}/").status_code == 403
    assert client_for(users["coordinator"]).delete(f"/api/v1/plans/{plan_id}/").status_code == 204
    assert not Plan.objects.exists()


def test_activities_per_resource_and_verb(goals, kfn, users):
    plan = services.plan_create(user=users["officer"], body=kfn, year=2026)
    officer = client_for(users["officer"])
    body = {
        "plan": plan.pk,
        "title": "Studiebesök i Riga",
        "goals": ["relations", "exchange"],
        "planned_cost": "12000.00",
    }
    created = officer.post("/api/v1/plan-activities/", body, format="json")
    assert created.status_code == 201, created.json()
    activity_id = created.json()["id"]
    assert sorted(created.json()["goals"]) == ["exchange", "relations"]
    bad = officer.post("/api/v1/plan-activities/", {**body, "goals": []}, format="json")
    assert bad.status_code == 400
    for role in ("other", "reader"):
        assert (
            client_for(users[role])
            .post("/api/v1/plan-activities/", body, format="json")
            .status_code
            == 403
        )
        assert (
            client_for(users[role])
            .patch(f"/api/v1/plan-activities/{activity_id}/", {"status": "done"}, format="json")
            .status_code
            == 403
        )
    done = officer.patch(
        f"/api/v1/plan-activities/{activity_id}/", {"status": "done"}, format="json"
    )
    assert done.json()["done_on"] == timezone.localdate().isoformat()
    assert (
        client_for(users["reader"])
        .get("/api/v1/plan-activities/?goal=relations&status=done")
        .json()["count"]
        == 1
    )
    assert (
        client_for(users["reader"]).get("/api/v1/plan-activities/?status=klar").status_code == 400
    )
    assert (
        client_for(users["other"]).delete(f"/api/v1/plan-activities/{activity_id}/").status_code
        == 403
    )
    assert officer.delete(f"/api/v1/plan-activities/{activity_id}/").status_code == 204
    assert not PlanActivity.objects.exists()


def test_indicators_and_reports_are_read_only(goals, kfn, users):
    plan = services.plan_create(user=users["officer"], body=kfn, year=2026)
    services.activity_create(
        user=users["officer"],
        plan=plan,
        goals=[goals["eu"]],
        title="A",
        status="done",
        done_on=dt.date(2026, 3, 1),
    )
    services.activity_create(user=users["officer"], plan=plan, goals=[goals["eu"]], title="B")
    reader = client_for(users["reader"])
    rows = {r["key"]: r for r in reader.get("/api/v1/indicators/?year=2026&body=KFN").json()}
    assert (rows["plans.activities_done"]["value"], rows["plans.activities_done"]["base"]) == (
        50.0,
        2,
    )
    assert rows["plans.activities_done"]["unit"] == "percent"
    assert reader.get("/api/v1/indicators/?year=1800").status_code == 400
    assert reader.get("/api/v1/indicators/?body=FINNS-INTE").status_code == 404
    assert reader.post("/api/v1/indicators/", {}).status_code == 403
    services.report_adopt(
        user=users["officer"], body=kfn, year=2026, adopted_on=dt.date(2026, 12, 1)
    )
    reports = reader.get("/api/v1/annual-reports/").json()
    assert reports["count"] == 1
    content = reports["results"][0]["content"]
    assert content["adopted_on"] == "2026-12-01"
    assert client_for(users["coordinator"]).post("/api/v1/annual-reports/", {}).status_code == 405
