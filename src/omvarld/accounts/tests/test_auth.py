from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command

from omvarld.accounts.constants import Role
from omvarld.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "ett långt testlösenord"


def logs_in(client, username: str, password: str) -> bool:
    """Log in through the login form, as a person does (and as the lockout sees it)."""
    response = client.post("/konto/logga-in/", {"username": username, "password": password})
    return response.status_code == 302


def test_login_and_logout(client, make_user):
    make_user(Role.READER, username="anna")
    response = client.post("/konto/logga-in/", {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/organisation/").status_code == 200
    client.post("/konto/logga-ut/")
    assert client.get("/organisation/").status_code == 302


def test_wrong_password_is_refused_in_swedish(client, make_user):
    make_user(Role.READER, username="anna")
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    assert response.status_code == 200
    assert "korrekt användarnamn och lösenord" in response.content.decode()


def test_lockout_after_repeated_failures(client, make_user, settings):
    make_user(Role.READER, username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    response = client.post("/konto/logga-in/", {"username": "anna", "password": PASSWORD})
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert client.get("/organisation/").status_code == 302


def test_password_reset_by_email(client, make_user):
    make_user(Role.READER, username="anna", email="anna@example.se")
    response = client.post("/konto/aterstall/", {"email": "anna@example.se"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/konto/aterstall/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new = "ett helt nytt lösenord 2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert logs_in(client, "anna", new)


def test_password_change(client_as):
    client = client_as(Role.OFFICER)
    new = "ännu ett långt lösenord"
    response = client.post(
        "/konto/losenord/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    client.user.refresh_from_db()
    assert client.user.check_password(new)


def test_first_administrator_gets_a_one_time_link(client, capsys):
    call_command("ensure_admin", "--base-url", "http://testserver")
    out = capsys.readouterr().out
    admin = User.objects.get(role=Role.ADMINISTRATOR)
    assert not admin.has_usable_password()
    link = re.search(r"http://testserver(/konto/aterstall/\S+/)", out).group(1)
    form_url = client.get(link)["Location"]
    new = "administratörens eget lösenord"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert logs_in(client, "admin", new)
    # The link worked once; now it is spent.
    client.logout()
    assert "ogiltig" in client.get(link, follow=True).content.decode()


def test_second_run_creates_no_second_administrator(capsys):
    call_command("ensure_admin")
    call_command("ensure_admin")
    assert User.objects.filter(role=Role.ADMINISTRATOR).count() == 1


def test_api_token_is_shown_once(client_as):
    client = client_as(Role.READER)
    response = client.post("/konto/api-nyckel/", follow=True)
    token = re.search(r'<code class="token">(\w+)</code>', response.content.decode()).group(1)
    assert 'class="token"' not in client.get("/konto/").content.decode()
    api = client.__class__()
    assert api.get("/api/v1/bodies/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    assert api.get("/api/v1/bodies/", HTTP_AUTHORIZATION="Token wrong").status_code == 401
