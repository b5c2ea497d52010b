"""The programme goals in the API: the organisation's one list, read by everyone, added and
changed by coordinators, never deleted."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from omvarld.accounts.constants import Role
from omvarld.organisation.models import Body, ProgrammeGoal

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_goals_are_read_by_all_and_written_by_coordinators(organisation, make_user):
    eu = ProgrammeGoal.objects.get(code="eu")
    listed = client_for(make_user(Role.READER)).get("/api/v1/goals/").json()
    # The shipped file: five themes of the programme and three focus areas of the guideline.
    assert listed["count"] == 8
    assert listed["results"][0]["code"] == "eu"
    assert listed["results"][0]["source"]
    new = {"code": "hallbarhet", "kind": "local", "name_sv": "Hållbarhet", "source": "Eget beslut"}
    officer = make_user(Role.OFFICER, bodies=[Body.objects.get(short_name="KFN")])
    for user in (make_user(Role.READER), officer):
        assert client_for(user).post("/api/v1/goals/", new, format="json").status_code == 403
        patch = client_for(user).patch(f"/api/v1/goals/{eu.pk}/", {"active": False}, format="json")
        assert patch.status_code == 403
    coordinator = client_for(make_user(Role.COORDINATOR))
    assert coordinator.post("/api/v1/goals/", new, format="json").status_code == 201
    changed = coordinator.patch(f"/api/v1/goals/{eu.pk}/", {"active": False}, format="json")
    assert (changed.status_code, changed.json()["active"]) == (200, False)
    assert coordinator.delete(f"/api/v1/goals/{eu.pk}/").status_code == 405
    assert ProgrammeGoal.objects.count() == 9
