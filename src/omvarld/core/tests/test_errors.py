"""The error pages a person sees: Swedish, in the platform's layout with its menu; debug off by
default in `make run`; the favicon."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path

from omvarld.accounts.constants import Role
from omvarld.core import views


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("trasig/", broken), *__import__("config.urls").urls.urlpatterns]
handler500 = "omvarld.core.views.server_error"

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_swedish_with_the_menu(client_as):
    response = client_as(Role.READER).get("/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Sidan finns inte – Omvärld</title>" in html
    assert 'aria-label="Huvudmeny"' in html
    assert "Kontrollera adressen" in html


def test_a_refusal_says_why_with_the_menu(client_as):
    response = client_as(Role.READER).get("/bakgrundsjobb/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<title>Inte tillåtet – Omvärld</title>" in html
    assert "Du är inloggad som läsare" in html
    assert 'aria-label="Huvudmeny"' in html


@pytest.mark.urls(__name__)
def test_a_server_error_is_swedish_with_the_menu(make_user):
    client = Client(raise_request_exception=False)
    client.force_login(make_user(Role.READER))
    response = client.get("/trasig/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<title>Något gick fel – Omvärld</title>" in html
    assert "har loggats" in html
    assert 'aria-label="Huvudmeny"' in html


def test_a_server_error_page_that_cannot_be_drawn_falls_back_to_a_plain_one(rf, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(views, "render", fail)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "<h1>Något gick fel</h1>" in response.content.decode()


def test_every_page_has_the_icon_and_favicon_ico_leads_to_it(client):
    assert '<link rel="icon" href="/static/omvarld/favicon.svg" type="image/svg+xml">' in (
        client.get("/").content.decode()
    )
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/omvarld/favicon.svg"
    icon = settings.SRC_DIR / "static" / "omvarld" / "favicon.svg"
    assert icon.read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize(("value", "debug"), [(None, "False"), ("1", "True")])
def test_make_run_has_debug_off_unless_asked(value, debug):
    env = {k: v for k, v in os.environ.items() if k != "OMVARLD_DEBUG"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    if value is not None:
        env["OMVARLD_DEBUG"] = value
    out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == debug
