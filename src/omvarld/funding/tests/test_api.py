"""The EU-funding API per resource and verb, with who cannot write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from omvarld.funding.constants import Decision, ProjectStatus
from omvarld.funding.models import CallMatch, PaymentClaim, Project, ReportingPeriod

from .factories import CallFactory, ClaimFactory, PeriodFactory, ProjectFactory

JSON = "application/json"


@pytest.fixture
def project(bodies):
    return ProjectFactory(
        title="Östersjöskolor", bodies=[bodies["UN"]], total_budget=Decimal(100000)
    )


def api(client, user):
    client.force_login(user)
    return client


def test_the_schema_lists_the_funding_endpoints(db, tmp_path):
    schema = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema))
    text = schema.read_text()
    for endpoint in (
        "funding-programmes",
        "funding-calls",
        "funding-projects",
        "funding-periods",
        "funding-claims",
        "funding-portfolio",
    ):
        assert f"/api/v1/{endpoint}/" in text


def test_programmes_are_read_with_their_sources(client, people):
    data = api(client, people["reader"]).get("/api/v1/funding-programmes/").json()
    assert data["count"] == 15
    cerv = api(client, people["reader"]).get("/api/v1/funding-programmes/cerv/").json()
    assert sorted(cerv["areas"]) == ["equality_rights", "international"]
    assert cerv["sources"][0]["url"].startswith("http")
    assert client.post("/api/v1/funding-programmes/", {}, content_type=JSON).status_code == 403
    coordinator = api(client, people["coordinator"])
    assert coordinator.post("/api/v1/funding-programmes/", {}, content_type=JSON).status_code == 405


def test_calls_are_read_and_filtered(client, people, bodies):
    open_call = CallFactory(title="Skolor", opens=dt.date(2026, 1, 1), deadline=dt.date(2099, 1, 1))
    CallMatch.objects.create(call=open_call, body=bodies["UN"], score=0.6)
    CallFactory(title="Stängd", opens=dt.date(2020, 1, 1), deadline=dt.date(2020, 3, 1))
    client = api(client, people["reader"])
    data = client.get("/api/v1/funding-calls/").json()
    assert data["count"] == 2
    assert client.get("/api/v1/funding-calls/", {"status": "open"}).json()["count"] == 1
    found = client.get("/api/v1/funding-calls/", {"body": "UN"}).json()["results"]
    assert [c["title"] for c in found] == ["Skolor"]
    assert found[0]["matches"][0]["body"] == "UN"
    assert found[0]["status"] == "open"
    assert client.get("/api/v1/funding-calls/", {"q": "Stäng"}).json()["count"] == 1
    assert client.post("/api/v1/funding-calls/", {}, content_type=JSON).status_code == 403
    coordinator = api(client, people["coordinator"])
    assert coordinator.post("/api/v1/funding-calls/", {}, content_type=JSON).status_code == 405


def test_an_officer_creates_and_changes_a_project_of_the_body(client, people, bodies):
    client = api(client, people["officer"])
    response = client.post(
        "/api/v1/funding-projects/",
        {
            "title": "Nytt",
            "bodies": ["UN"],
            "programme": "erasmus-plus",
            "currency": "EUR",
            "exchange_rate": "11.0000",
            "total_budget": "1000",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["status"] == "idea"
    changed = client.patch(f"/api/v1/funding-projects/{pk}/", {"acronym": "NY"}, content_type=JSON)
    assert changed.status_code == 200, changed.content
    assert Project.objects.get(pk=pk).acronym == "NY"
    bad = client.patch(
        f"/api/v1/funding-projects/{pk}/", {"eu_grant_applied": "2000"}, content_type=JSON
    )
    assert bad.status_code == 400
    assert bad.json() == {
        "eu_grant_applied": ["EU-stödet kan inte vara större än den totala budgeten."]
    }
    unknown = client.patch(
        f"/api/v1/funding-projects/{pk}/", {"currency": "NOK"}, content_type=JSON
    )
    assert unknown.status_code == 400
    assert "currency" in unknown.json()
    negative = client.patch(
        f"/api/v1/funding-projects/{pk}/", {"total_budget": "-5"}, content_type=JSON
    )
    assert negative.json() == {"total_budget": ["Beloppet kan inte vara negativt."]}


def test_the_status_moves_through_the_api(client, people, project):
    client = api(client, people["officer"])
    path = f"/api/v1/funding-projects/{project.pk}/status/"
    assert client.post(path, {"status": "preparing"}, content_type=JSON).status_code == 200
    assert (
        client.post(
            path, {"status": "submitted", "on": "2026-10-01"}, content_type=JSON
        ).status_code
        == 200
    )
    refused = client.post(path, {"status": "granted"}, content_type=JSON)
    assert refused.status_code == 400
    assert refused.json() == {
        "eu_grant_awarded": ["Ett beviljat projekt behöver det beviljade beloppet."]
    }
    granted = client.post(
        path, {"status": "granted", "eu_grant_awarded": "50000"}, content_type=JSON
    )
    assert granted.status_code == 200, granted.content
    assert granted.json()["decision"] == Decision.GRANTED
    project.refresh_from_db()
    assert project.status == ProjectStatus.GRANTED


@pytest.mark.parametrize("role", ["reader", "other"])
def test_others_cannot_write_projects_periods_or_claims(client, people, project, role):
    client = api(client, people[role])
    assert (
        client.post(
            "/api/v1/funding-projects/", {"title": "X", "bodies": ["UN"]}, content_type=JSON
        ).status_code
        == 403
    )
    assert (
        client.patch(
            f"/api/v1/funding-projects/{project.pk}/", {"title": "X"}, content_type=JSON
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/funding-projects/{project.pk}/status/",
            {"status": "preparing"},
            content_type=JSON,
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/funding-projects/{project.pk}/").status_code == 403
    period = {
        "project": project.pk,
        "starts": "2027-01-01",
        "ends": "2027-06-30",
        "report_due": "2027-08-31",
    }
    assert client.post("/api/v1/funding-periods/", period, content_type=JSON).status_code == 403
    claim = ClaimFactory(project=project)
    assert (
        client.patch(
            f"/api/v1/funding-claims/{claim.pk}/", {"amount_claimed": "1"}, content_type=JSON
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/funding-claims/{claim.pk}/").status_code == 403
    project.refresh_from_db()
    assert project.title == "Östersjöskolor"
    assert not ReportingPeriod.objects.exists()


def test_an_officer_cannot_delete_a_project_but_a_coordinator_can(client, people, project):
    assert (
        api(client, people["officer"]).delete(f"/api/v1/funding-projects/{project.pk}/").status_code
        == 403
    )
    assert (
        api(client, people["coordinator"])
        .delete(f"/api/v1/funding-projects/{project.pk}/")
        .status_code
        == 204
    )
    assert not Project.objects.exists()


def test_periods_and_claims_per_verb(client, people, project):
    client = api(client, people["officer"])
    created = client.post(
        "/api/v1/funding-periods/",
        {
            "project": project.pk,
            "starts": "2027-01-01",
            "ends": "2027-06-30",
            "report_due": "2027-08-31",
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    period_id = created.json()["id"]
    listed = client.get("/api/v1/funding-periods/", {"project": project.pk}).json()
    assert [p["id"] for p in listed["results"]] == [period_id]
    bad = client.patch(
        f"/api/v1/funding-periods/{period_id}/", {"ends": "2026-01-01"}, content_type=JSON
    )
    assert bad.json() == {"ends": ["Perioden kan inte sluta innan den börjar."]}
    moved = client.patch(
        f"/api/v1/funding-periods/{period_id}/", {"project": ProjectFactory().pk}, content_type=JSON
    )
    assert moved.status_code in (400, 403)
    claim = client.post(
        "/api/v1/funding-claims/",
        {
            "project": project.pk,
            "period": period_id,
            "due": "2027-09-30",
            "amount_claimed": "1000",
            "currency": "EUR",
        },
        content_type=JSON,
    )
    assert claim.status_code == 201, claim.content
    claim_id = claim.json()["id"]
    half = client.patch(
        f"/api/v1/funding-claims/{claim_id}/", {"amount_received": "900"}, content_type=JSON
    )
    assert half.json() == {"received_on": ["Ange dagen då utbetalningen kom in."]}
    paid = client.patch(
        f"/api/v1/funding-claims/{claim_id}/",
        {"amount_received": "900", "received_on": "2027-11-01"},
        content_type=JSON,
    )
    assert paid.status_code == 200
    assert PaymentClaim.objects.get().amount_received == Decimal(900)
    assert client.delete(f"/api/v1/funding-claims/{claim_id}/").status_code == 204
    assert client.delete(f"/api/v1/funding-periods/{period_id}/").status_code == 204


def test_the_portfolio(client, people, bodies):
    ProjectFactory(
        bodies=[bodies["UN"]],
        submitted_on=dt.date(2026, 2, 1),
        decided_on=dt.date(2026, 5, 1),
        decision=Decision.GRANTED,
        eu_grant_awarded=Decimal(1000),
        exchange_rate=Decimal("11.00"),
    )
    client = api(client, people["reader"])
    data = client.get("/api/v1/funding-portfolio/", {"body": "UN"}).json()
    assert data["total"]["applications"] == 1
    assert data["total"]["granted_sek"] == "11000.00"
    assert data["year"][0]["key"] == "2026"
    assert client.get("/api/v1/funding-portfolio/", {"body": "NOPE"}).status_code == 400
    # A year that is not a year: a message in Swedish on the parameter, not a silent whole list.
    bad = client.get("/api/v1/funding-portfolio/", {"year_from": "2026", "year_to": "tjugo"})
    assert bad.status_code == 400
    assert bad.json() == {"year_to": ["Ange ett år med fyra siffror, t.ex. 2026."]}
    assert client.get("/api/v1/", HTTP_ACCEPT="application/json").json()["funding-portfolio"] == (
        "http://testserver/api/v1/funding-portfolio/"
    )


def test_the_project_list_has_constant_queries(
    client, people, bodies, django_assert_max_num_queries
):
    client = api(client, people["reader"])
    for _ in range(10):
        made = ProjectFactory(bodies=[bodies["UN"], bodies["KS"]])
        PeriodFactory(project=made)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/funding-projects/").json()["count"] == 10
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/funding-calls/").status_code == 200
