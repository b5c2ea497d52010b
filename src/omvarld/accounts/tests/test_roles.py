"""What each role can and, above all, cannot do: pages, API and admin go through one layer."""

from __future__ import annotations

import pytest

from omvarld.accounts.constants import Role
from omvarld.core import permissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(make_body):
    return make_body("UN"), make_body("SBN")


def test_role_drives_admin_access(make_user):
    assert make_user(Role.ADMINISTRATOR).is_superuser
    coordinator = make_user(Role.COORDINATOR)
    assert coordinator.is_staff
    assert not coordinator.is_superuser
    assert not make_user(Role.OFFICER).is_staff
    assert not make_user(Role.READER).is_staff


def test_permission_layer_by_role(make_user, bodies):
    mine, other = bodies
    officer = make_user(Role.OFFICER, bodies=[mine])
    reader = make_user(Role.READER, bodies=[mine])
    coordinator = make_user(Role.COORDINATOR)
    assert permissions.can_edit(officer, mine)
    assert not permissions.can_edit(officer, other)
    assert not permissions.can_edit(reader, mine)
    assert permissions.can_edit(coordinator, other)
    assert not permissions.can_manage(officer)
    assert permissions.can_manage(coordinator)
    assert not permissions.can_manage_users(coordinator)


def test_inactive_user_cannot_do_anything(make_user, bodies):
    user = make_user(Role.COORDINATOR, is_active=False)
    assert not permissions.can_view(user)
    assert not permissions.can_edit(user, bodies[0])


# --- anonymous ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/organisation/", "/kunskapsbank/", "/bakgrundsjobb/", "/andringslogg/", "/konto/"]
)
def test_anonymous_cannot_see_pages(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_anonymous_cannot_use_api(client, bodies):
    assert client.get("/api/v1/bodies/").status_code in (401, 403)


# --- reader -------------------------------------------------------------------------------


def test_reader_reads_but_cannot_edit_a_body(client_as, bodies):
    client = client_as(Role.READER, bodies=[bodies[0]])
    assert client.get(f"/organisation/organ/{bodies[0].pk}/").status_code == 200
    assert client.get(f"/organisation/organ/{bodies[0].pk}/andra/").status_code == 403
    response = client.post(
        f"/organisation/organ/{bodies[0].pk}/andra/", {"description": "x", "contact_email": ""}
    )
    assert response.status_code == 403
    bodies[0].refresh_from_db()
    assert bodies[0].description == ""


def test_reader_cannot_patch_through_api(client_as, bodies):
    client = client_as(Role.READER, bodies=[bodies[0]])
    response = client.patch(
        f"/api/v1/bodies/{bodies[0].pk}/", {"description": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_non_coordinators_cannot_see_tasks_audit_or_queue_tasks(client_as, role):
    client = client_as(role)
    assert client.get("/bakgrundsjobb/").status_code == 403
    assert client.get("/andringslogg/").status_code == 403
    assert client.post("/bakgrundsjobb/las-in-referensdata/").status_code == 403


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_non_staff_cannot_enter_admin(client_as, role):
    response = client_as(role).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- officer ------------------------------------------------------------------------------


def test_officer_edits_own_body_profile(client_as, bodies):
    mine, _ = bodies
    client = client_as(Role.OFFICER, bodies=[mine])
    response = client.post(
        f"/organisation/organ/{mine.pk}/andra/",
        {"description": "Ansvarar för skolan.", "contact_email": "un@example.se"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.description == "Ansvarar för skolan."
    record = mine.history.latest()
    assert record.history_user == client.user


def test_officer_cannot_edit_another_body(client_as, bodies):
    mine, other = bodies
    client = client_as(Role.OFFICER, bodies=[mine])
    assert client.get(f"/organisation/organ/{other.pk}/andra/").status_code == 403
    response = client.patch(
        f"/api/v1/bodies/{other.pk}/", {"description": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_officer_cannot_change_structure_of_own_body(client_as, bodies):
    mine, _ = bodies
    client = client_as(Role.OFFICER, bodies=[mine])
    response = client.patch(
        f"/api/v1/bodies/{mine.pk}/", {"name": "Nytt namn"}, content_type="application/json"
    )
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.name == "UN-nämnden"
    response = client.patch(
        f"/api/v1/bodies/{mine.pk}/", {"description": "Ny text"}, content_type="application/json"
    )
    assert response.status_code == 200


def test_officer_cannot_create_or_delete_bodies(client_as, bodies, municipality):
    client = client_as(Role.OFFICER, bodies=[bodies[0]])
    payload = {"municipality": municipality.pk, "name": "X", "short_name": "X", "kind": "committee"}
    assert (
        client.post("/api/v1/bodies/", payload, content_type="application/json").status_code == 403
    )
    assert client.delete(f"/api/v1/bodies/{bodies[0].pk}/").status_code == 403


# --- coordinator --------------------------------------------------------------------------


def test_coordinator_cannot_manage_users(client_as):
    client = client_as(Role.COORDINATOR)
    assert client.get("/admin/accounts/user/").status_code == 403
    assert client.get("/admin/organisation/body/").status_code == 200


def test_coordinator_changes_structure(client_as, bodies, municipality):
    client = client_as(Role.COORDINATOR)
    response = client.patch(
        f"/api/v1/bodies/{bodies[0].pk}/",
        {"name": "Barn- och utbildningsnämnden"},
        content_type="application/json",
    )
    assert response.status_code == 200
    payload = {
        "municipality": municipality.pk,
        "name": "Valnämnden",
        "short_name": "VALN",
        "kind": "committee",
    }
    assert (
        client.post("/api/v1/bodies/", payload, content_type="application/json").status_code == 201
    )


# --- administrator ------------------------------------------------------------------------


def test_administrator_manages_users(client_as):
    client = client_as(Role.ADMINISTRATOR)
    assert client.get("/admin/accounts/user/").status_code == 200


def test_officer_cannot_change_structure_of_own_office(client_as, municipality):
    from omvarld.organisation.models import Office

    office = Office.objects.create(municipality=municipality, name="Kontoret", short_name="K")
    client = client_as(Role.OFFICER, offices=[office])
    response = client.patch(
        f"/api/v1/offices/{office.pk}/",
        {"name": "Nytt", "active_until": "2020-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    office.refresh_from_db()
    assert office.name == "Kontoret"
    assert office.active_until is None
    response = client.patch(
        f"/api/v1/offices/{office.pk}/",
        {"description": "Vi bereder"},
        content_type="application/json",
    )
    assert response.status_code == 200
