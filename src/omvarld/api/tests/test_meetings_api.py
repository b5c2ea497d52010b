from __future__ import annotations

import pytest

from omvarld.accounts.constants import Role
from omvarld.meetings.models import AgendaItem

pytestmark = pytest.mark.django_db


def test_meetings_and_items(client_as, imported):
    client = client_as(Role.READER)
    meetings = client.get("/api/v1/meetings/?body=KF").json()
    assert meetings["count"] == 1
    assert meetings["results"][0]["item_count"] == 5
    items = client.get("/api/v1/items/?eu=legal").json()["results"]
    assert "Justerad vatten- och avloppstaxa" in [i["title"] for i in items]
    assert all(i["eu"] == "legal" for i in items)
    found = client.get("/api/v1/items/?q=avlopp").json()
    assert found["count"] == 1
    assert client.get("/api/v1/items/?body=NOPE").json()["count"] == 0


def test_item_analyses(client_as, imported):
    item = AgendaItem.objects.get(position=2)
    data = client_as(Role.READER).get(f"/api/v1/items/{item.pk}/analyses/").json()
    assert data[0]["is_current"]
    assert data[0]["eu"] == "legal"
    assert data[0]["evidence"][0]["why"]


def test_officer_submits_a_review(client_as, imported, council):
    item = AgendaItem.objects.get(position=2)
    client = client_as(Role.OFFICER, bodies=[council])
    response = client.post(
        f"/api/v1/items/{item.pk}/reviews/",
        {
            "kind": "decision",
            "eu": "policy",
            "funding": False,
            "areas": ["water_sewage"],
            "comment": "Granskat",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    item.refresh_from_db()
    assert item.eu == "policy"
    listed = client.get(f"/api/v1/items/{item.pk}/reviews/").json()
    assert listed[0]["comment"] == "Granskat"


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_others_cannot_submit_a_review(client_as, imported, make_body, role):
    item = AgendaItem.objects.get(position=2)
    client = client_as(role, bodies=[make_body("X")])
    response = client.post(
        f"/api/v1/items/{item.pk}/reviews/",
        {"kind": "decision", "eu": "none"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not AgendaItem.objects.get(pk=item.pk).reviewed


def test_invalid_review_is_refused(client_as, imported):
    item = AgendaItem.objects.get(position=2)
    client = client_as(Role.COORDINATOR)
    response = client.post(
        f"/api/v1/items/{item.pk}/reviews/",
        {"kind": "decision", "eu": "maybe", "areas": ["a", "b", "c", "d"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"eu", "areas"}


def test_statistics(client_as, imported):
    client = client_as(Role.READER)
    response = client.get("/api/v1/statistics/?body=KF")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["total"]["all"]["items"] == 5
    assert data["total"]["all"]["legal"] >= 1
    assert [r["key"] for r in data["by_year"]] == ["2016"]
    assert {s["key"] for s in data["reference_studies"]} >= {"skl2010", "skl2018"}
    assert client.get("/api/v1/statistics/?body=NOPE").status_code == 400
    assert client.get("/api/v1/statistics/?year_from=x").status_code == 400


def test_statistics_need_login(client, imported):
    assert client.get("/api/v1/statistics/").status_code in (401, 403)
