from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring.constants import ActRelation, InboxStatus, Stage, WindowKind
from omvarld.eu_monitoring.models import (
    Assessment,
    FeedbackWindow,
    InfluenceAction,
    Initiative,
    InitiativeAct,
    Routing,
    StageEvent,
)
from omvarld.knowledge.models import EUAct

pytestmark = pytest.mark.django_db


@pytest.fixture
def va(make_body):
    return make_body("VA", "VA-nämnden")


@pytest.fixture
def initiative(va):
    made = Initiative.objects.create(
        title_sv="Översyn av avloppsdirektivet",
        procedure_reference="2022/0345(COD)",
        stage=Stage.PROPOSAL,
    )
    act = EUAct.objects.create(celex="31991L0271", act_type="directive", title_sv="Avlopp")
    InitiativeAct.objects.create(initiative=made, act=act, relation=ActRelation.AMENDS)
    Routing.objects.create(initiative=made, body=va, score=1.0)
    StageEvent.objects.create(
        initiative=made, stage=Stage.PROPOSAL, date=dt.date(2022, 10, 26), source="manual"
    )
    return made


@pytest.fixture
def window(initiative):
    today = timezone.localdate()
    return FeedbackWindow.objects.create(
        initiative=initiative,
        kind=WindowKind.FEEDBACK_ON_PROPOSAL,
        opens=today - dt.timedelta(days=3),
        closes=today + dt.timedelta(days=30),
    )


def test_the_schema_is_valid_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )
    schema = (tmp_path / "schema.yaml").read_text()
    for endpoint in ("eu-initiatives", "eu-stages", "eu-feedback-windows", "eu-assessments"):
        assert f"/api/v1/{endpoint}/" in schema


def test_read_initiatives_stages_and_windows(client_as, initiative, window):
    client = client_as(Role.READER)
    data = client.get("/api/v1/eu-initiatives/").json()
    assert data["count"] == 1
    found = data["results"][0]
    assert found["procedure_reference"] == "2022/0345(COD)"
    assert found["acts"] == [{"celex": "31991L0271", "relation": "amends"}]
    assert found["routings"][0]["body"] == "VA"
    assert client.get("/api/v1/eu-initiatives/", {"body": "NOPE"}).json()["count"] == 0
    assert client.get("/api/v1/eu-initiatives/", {"q": "2022/0345"}).json()["count"] == 1
    assert client.get("/api/v1/eu-initiatives/", {"open": "true"}).json()["count"] == 1
    stages = client.get("/api/v1/eu-stages/", {"initiative": initiative.pk}).json()
    assert stages["results"][0]["date"] == "2022-10-26"
    windows = client.get("/api/v1/eu-feedback-windows/", {"open": "true"}).json()
    assert windows["results"][0]["id"] == window.pk


def test_the_initiative_list_has_constant_queries(client_as, va, django_assert_max_num_queries):
    client = client_as(Role.READER)
    for index in range(10):
        made = Initiative.objects.create(title_sv=f"Initiativ {index}")
        Routing.objects.create(initiative=made, body=va)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/eu-initiatives/").json()["count"] == 10


ASSESSMENT = {"relevance": "high", "expected_impact": "Nya reningskrav", "proposed_action": "Svara"}


def test_an_officer_of_the_body_writes_an_assessment(client_as, initiative, va):
    client = client_as(Role.OFFICER, bodies=[va])
    payload = {**ASSESSMENT, "initiative": initiative.pk, "body": "VA"}
    payload["responsible"] = client.user.username
    response = client.post("/api/v1/eu-assessments/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["inbox_status"] == InboxStatus.ASSESSED
    assessment_id = response.json()["id"]
    changed = client.patch(
        f"/api/v1/eu-assessments/{assessment_id}/",
        {"relevance": "low"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assessment = Assessment.objects.get()
    assert assessment.relevance == "low"
    assert assessment.proposed_action == "Svara"
    assert assessment.responsible == client.user


def test_an_assessment_needs_a_routing_and_a_member_as_responsible(
    client_as, initiative, va, make_body, make_user
):
    client = client_as(Role.COORDINATOR)
    other = make_body("ANNAN")
    response = client.post(
        "/api/v1/eu-assessments/",
        {**ASSESSMENT, "initiative": initiative.pk, "body": other.short_name},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "body" in response.json()
    outsider = make_user(Role.OFFICER, bodies=[other])
    response = client.post(
        "/api/v1/eu-assessments/",
        {**ASSESSMENT, "initiative": initiative.pk, "body": "VA", "responsible": outsider.username},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "responsible" in response.json()


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_others_cannot_write_assessments(client_as, initiative, va, make_body, make_user, role):
    routing = Routing.objects.get(body=va)
    Assessment.objects.create(routing=routing, relevance="medium")
    client = client_as(role, bodies=[make_body("ANNAN")])
    created = client.post(
        "/api/v1/eu-assessments/",
        {**ASSESSMENT, "initiative": initiative.pk, "body": "VA"},
        content_type="application/json",
    )
    assert created.status_code == 403
    changed = client.patch(
        f"/api/v1/eu-assessments/{routing.assessment.pk}/",
        {"relevance": "none"},
        content_type="application/json",
    )
    assert changed.status_code == 403
    assert Assessment.objects.get().relevance == "medium"


def test_an_officer_records_an_action_with_a_document(client_as, initiative, window, va):
    client = client_as(Role.OFFICER, bodies=[va])
    response = client.post(
        "/api/v1/eu-actions/",
        {
            "initiative": initiative.pk,
            "body": "VA",
            "date": "2026-03-01",
            "channel": "own_response",
            "description": "Remissvar",
            "window": window.pk,
            "document": SimpleUploadedFile("svar.pdf", b"%PDF-1.4", "application/pdf"),
        },
    )
    assert response.status_code == 201, response.content
    action = InfluenceAction.objects.get()
    assert action.created_by == client.user
    assert action.document.read() == b"%PDF-1.4"
    listed = client.get("/api/v1/eu-actions/", {"body": "VA"}).json()
    assert listed["results"][0]["created_by"] == client.user.username
    # The document is given as the address that downloads it, and that address works.
    address = listed["results"][0]["document"]
    assert address == f"http://testserver/eu-bevakning/atgard/{action.pk}/dokument/"
    download = client.get(address)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4"
    assert "/media/" not in str(listed)
    changed = client.patch(
        f"/api/v1/eu-actions/{action.pk}/", {"outcome": "Beaktat"}, content_type="application/json"
    )
    assert changed.status_code == 200, changed.content
    assert client.delete(f"/api/v1/eu-actions/{action.pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_others_cannot_write_actions(client_as, initiative, va, make_body, make_user, role):
    action = InfluenceAction.objects.create(
        initiative=initiative, body=va, date=dt.date(2026, 1, 1), channel="mep", description="x"
    )
    client = client_as(role, bodies=[make_body("ANNAN")])
    created = client.post(
        "/api/v1/eu-actions/",
        {
            "initiative": initiative.pk,
            "body": "VA",
            "date": "2026-03-01",
            "channel": "mep",
            "description": "Samtal",
        },
        content_type="application/json",
    )
    assert created.status_code == 403
    url = f"/api/v1/eu-actions/{action.pk}/"
    assert client.patch(url, {"outcome": "y"}, content_type="application/json").status_code == 403
    assert client.delete(url).status_code == 403
    assert InfluenceAction.objects.get().outcome == ""


def test_a_coordinator_deletes_an_action(client_as, initiative):
    action = InfluenceAction.objects.create(
        initiative=initiative, date=dt.date(2026, 1, 1), channel="mep", description="x"
    )
    assert client_as(Role.COORDINATOR).delete(f"/api/v1/eu-actions/{action.pk}/").status_code == 204
    assert not InfluenceAction.objects.exists()


def test_the_api_refuses_a_document_over_20_mb(client_as, initiative, va):
    from omvarld.eu_monitoring.services import MAX_DOCUMENT_BYTES

    client = client_as(Role.OFFICER, bodies=[va])
    data = {
        "initiative": initiative.pk,
        "body": "VA",
        "date": "2026-03-01",
        "channel": "own_response",
        "description": "Remissvar",
    }
    large = b"%" * (MAX_DOCUMENT_BYTES + 1)
    response = client.post(
        "/api/v1/eu-actions/",
        {**data, "document": SimpleUploadedFile("stor.pdf", large, "application/pdf")},
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"document": ["Filen är för stor (högst 20 MB)."]}
    assert not InfluenceAction.objects.exists()
    created = client.post("/api/v1/eu-actions/", data)
    assert created.status_code == 201
    action = InfluenceAction.objects.get()
    changed = client.patch(
        f"/api/v1/eu-actions/{action.pk}/",
        encode_multipart(
            BOUNDARY, {"document": SimpleUploadedFile("stor.pdf", large, "application/pdf")}
        ),
        content_type=MULTIPART_CONTENT,
    )
    assert changed.status_code == 400, changed.content
    action.refresh_from_db()
    assert not action.document
