"""The admin site under the platform's permission layer."""

from __future__ import annotations

import pytest

from omvarld.funding.models import CallMatch

from .factories import CallFactory, ProjectFactory


@pytest.fixture
def staff(people):
    for user in people.values():
        user.is_staff = True
        user.save()
    return people


def test_a_coordinator_reads_and_matches_calls_again_in_the_admin(client, staff, bodies):
    call = CallFactory(title="Schools and teachers: vocational education")
    client.force_login(staff["coordinator"])
    assert client.get("/admin/funding/call/").status_code == 200
    assert client.get("/admin/funding/project/").status_code == 200
    response = client.post(
        "/admin/funding/call/",
        {"action": "match_again", "_selected_action": [call.pk]},
        follow=True,
    )
    assert "Matchade på nytt: 1 utlysningar." in response.content.decode()
    assert CallMatch.objects.filter(call=call, body=bodies["UN"]).exists()


def test_an_officer_cannot_change_another_bodys_project_in_the_admin(client, staff, bodies):
    theirs = ProjectFactory(title="KFN:s projekt", bodies=[bodies["KFN"]])
    client.force_login(staff["officer"])
    assert client.get(f"/admin/funding/project/{theirs.pk}/change/").status_code in (302, 403)
    response = client.post(f"/admin/funding/project/{theirs.pk}/change/", {"title": "Ändrad"})
    assert response.status_code in (302, 403)
    theirs.refresh_from_db()
    assert theirs.title == "KFN:s projekt"
    assert client.get("/admin/funding/call/add/").status_code in (302, 403)
