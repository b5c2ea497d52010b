"""Users managed inside the platform: invitations with a one-time link, roles, bodies and
offices, deactivation; who may do what, and who may not."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from omvarld.accounts.constants import Role
from omvarld.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(make_body):
    return make_body("UN", "Utbildningsnämnden"), make_body("SBN", "Samhällsbyggnadsnämnden")


def signs_in(client, username: str, password: str) -> bool:
    client.post("/konto/logga-in/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


def invite(client, **data):
    return client.post("/konto/anvandare/bjud-in/", {"role": Role.OFFICER, **data})


def test_an_administrator_invites_an_officer_who_chooses_a_password_and_signs_in(
    client_as, client, bodies, django_capture_on_commit_callbacks
):
    admin = client_as(Role.ADMINISTRATOR, first_name="Ada", last_name="Admin")
    un, _sbn = bodies
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(
            admin,
            email="Ny.Person@Norrkoping.se",
            first_name="Nina",
            last_name="Ny",
            bodies=[un.pk],
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny.person@norrkoping.se")
    assert (user.username, user.role, user.is_active) == (
        "ny.person@norrkoping.se",
        Role.OFFICER,
        True,
    )
    assert list(user.bodies.all()) == [un]
    assert not user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["ny.person@norrkoping.se"]
    assert message.subject == "Du är inbjuden till Omvärld"
    assert "Ada Admin har bjudit in dig till Omvärld" in message.body
    link = re.search(r"http://testserver/konto/aterstall/\S+/", message.body).group(0)
    # The list shows the invitation until the person has signed in.
    html = admin.get("/konto/anvandare/").content.decode()
    assert "Inbjuden, har inte loggat in" in html

    admin.logout()
    page = client.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url,
        {"new_password1": "ett nytt långt lösenord", "new_password2": "ett nytt långt lösenord"},
    )
    assert done.status_code == 302
    assert signs_in(client, "ny.person@norrkoping.se", "ett nytt långt lösenord")
    # The link works once.
    client.logout()
    again = client.get(link, follow=True)
    assert "Länken är ogiltig" in again.content.decode()


def test_a_coordinator_invites_officers_and_readers_only(client_as, bodies):
    coordinator = client_as(Role.COORDINATOR)
    html = coordinator.get("/konto/anvandare/bjud-in/").content.decode()
    roles = re.findall(r'<option value="(\w+)"', html)
    assert roles == ["officer", "reader"]
    response = invite(coordinator, email="chef@norrkoping.se", role=Role.ADMINISTRATOR)
    assert response.status_code == 200
    assert not User.objects.filter(email="chef@norrkoping.se").exists()
    assert invite(coordinator, email="lasare@norrkoping.se", role=Role.READER).status_code == 302


def test_an_address_in_use_is_refused_and_the_form_kept(client_as, make_user):
    make_user(Role.READER, username="finns", email="finns@norrkoping.se")
    admin = client_as(Role.ADMINISTRATOR)
    response = invite(admin, email="FINNS@norrkoping.se", first_name="Fia")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Det finns redan en användare med den här e-postadressen." in html
    assert 'value="Fia"' in html
    assert User.objects.filter(email__iexact="finns@norrkoping.se").count() == 1


def test_a_coordinator_changes_an_officers_role_and_bodies_and_deactivates_them(
    client_as, make_user, bodies
):
    un, sbn = bodies
    officer = make_user(Role.OFFICER, username="tina", email="tina@norrkoping.se", bodies=[un])
    coordinator = client_as(Role.COORDINATOR)
    response = coordinator.post(
        f"/konto/anvandare/{officer.pk}/",
        {"email": "tina@norrkoping.se", "role": Role.READER, "bodies": [sbn.pk]},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.role == Role.READER
    assert list(officer.bodies.all()) == [sbn]
    assert (
        coordinator.post(f"/konto/anvandare/{officer.pk}/aktiv/", {"active": "0"}).status_code
        == 302
    )
    officer.refresh_from_db()
    assert not officer.is_active
    assert "Avaktiverad" in coordinator.get("/konto/anvandare/").content.decode()
    coordinator.post(f"/konto/anvandare/{officer.pk}/aktiv/", {"active": "1"})
    officer.refresh_from_db()
    assert officer.is_active


def test_a_deactivated_user_cannot_sign_in(make_user, client_as):
    from django.test import Client

    user = make_user(Role.OFFICER, username="borta")
    assert signs_in(Client(), "borta", "ett långt testlösenord")
    client_as(Role.ADMINISTRATOR).post(f"/konto/anvandare/{user.pk}/aktiv/", {"active": "0"})
    assert not signs_in(Client(), "borta", "ett långt testlösenord")


@pytest.mark.parametrize("target", [Role.COORDINATOR, Role.ADMINISTRATOR])
def test_a_coordinator_cannot_manage_coordinators_or_administrators(client_as, make_user, target):
    other = make_user(target, username="annan", email="annan@norrkoping.se")
    coordinator = client_as(Role.COORDINATOR)
    assert coordinator.get(f"/konto/anvandare/{other.pk}/").status_code == 403
    assert (
        coordinator.post(f"/konto/anvandare/{other.pk}/aktiv/", {"active": "0"}).status_code == 403
    )
    other.refresh_from_db()
    assert other.is_active
    assert (
        f'href="/konto/anvandare/{other.pk}/"'
        not in coordinator.get("/konto/anvandare/").content.decode()
    )


def test_nobody_manages_themselves_here(client_as):
    admin = client_as(Role.ADMINISTRATOR)
    me = admin.user
    assert admin.get(f"/konto/anvandare/{me.pk}/").status_code == 403
    assert admin.post(f"/konto/anvandare/{me.pk}/aktiv/", {"active": "0"}).status_code == 403


@pytest.mark.parametrize("role", [Role.OFFICER, Role.READER])
def test_officers_and_readers_cannot_manage_users(client_as, make_user, role):
    other = make_user(Role.READER, username="x")
    client = client_as(role)
    assert client.get("/konto/anvandare/").status_code == 403
    assert client.get("/konto/anvandare/bjud-in/").status_code == 403
    assert invite(client, email="y@norrkoping.se").status_code == 403
    assert client.post(f"/konto/anvandare/{other.pk}/aktiv/", {"active": "0"}).status_code == 403
    assert 'href="/konto/anvandare/"' not in client.get("/").content.decode()


def test_the_menu_has_users_for_those_who_manage_them(client_as):
    assert 'href="/konto/anvandare/"' in client_as(Role.COORDINATOR).get("/").content.decode()
    assert 'href="/konto/anvandare/"' in client_as(Role.ADMINISTRATOR).get("/").content.decode()


def test_a_new_invitation_goes_to_someone_who_has_not_signed_in_yet(
    client_as, make_user, django_capture_on_commit_callbacks
):
    admin = client_as(Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin, email="sen@norrkoping.se", role=Role.READER)
    user = User.objects.get(email="sen@norrkoping.se")
    admin.post(f"/konto/anvandare/{user.pk}/ny-inbjudan/")
    assert len(mail.outbox) == 2
    signed_in = make_user(Role.READER, username="inne", email="inne@norrkoping.se")
    response = admin.post(f"/konto/anvandare/{signed_in.pk}/ny-inbjudan/", follow=True)
    assert "har redan valt ett lösenord" in response.content.decode()
    assert len(mail.outbox) == 2


def test_the_user_list_query_count_does_not_grow(
    client_as, make_user, bodies, django_assert_max_num_queries
):
    admin = client_as(Role.ADMINISTRATOR)
    for n in range(30):
        make_user(Role.OFFICER, username=f"u{n}", bodies=list(bodies))
    with django_assert_max_num_queries(10):
        response = admin.get("/konto/anvandare/")
    assert response.content.decode().count('href="/konto/anvandare/') >= 30
