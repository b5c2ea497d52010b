"""A database that does not answer during a request: a clear 503 in Swedish (JSON for the API)
with Retry-After, and nothing half-written (issue 9, fault runs). The database is made
unreachable for real: the connection is pointed at a file that cannot be opened (SQLite) or a
port where no server listens (PostgreSQL)."""

from __future__ import annotations

import socket
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection

from omvarld.accounts.constants import Role
from omvarld.meetings.models import AgendaItem, ItemReview

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def database_unreachable():
    settings = connection.settings_dict
    saved = dict(settings)
    connection.close()
    if connection.vendor == "sqlite":
        settings["NAME"] = "/nonexistent-folder/omvarld.sqlite3"
    else:
        settings["HOST"], settings["PORT"] = "127.0.0.1", str(_closed_port())
    try:
        yield
    finally:
        connection.close()
        settings.clear()
        settings.update(saved)


def test_a_page_gets_a_swedish_503_when_the_database_is_gone(client_as):
    client = client_as(Role.READER)
    client.raise_request_exception = False
    with database_unreachable():
        response = client.get("/organisation/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Databasen" in html


def test_the_api_gets_a_json_503_when_the_database_is_gone(client_as):
    client = client_as(Role.READER)
    client.raise_request_exception = False
    with database_unreachable():
        response = client.get("/api/v1/bodies/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "detail" in response.json()


NOTICE = """Kommunfullmäktiges sammanträde 25 april 2016

Följande ärenden behandlas vid sammanträdet

 - Val av justerare
 - Justerad vatten- och avloppstaxa
"""


def test_a_review_interrupted_by_the_database_writes_nothing(client_as, organisation, monkeypatch):
    from omvarld.meetings.services import document_import
    from omvarld.organisation.models import Body

    document_import(data=NOTICE.encode(), name="kf.txt", body=Body.objects.get(short_name="KF"))
    item = AgendaItem.objects.order_by("pk").last()
    client = client_as(Role.COORDINATOR)
    client.raise_request_exception = False
    real_save = AgendaItem.save

    def lost_midway(self, *args, **kwargs):
        # The review row is written; the database goes away before the item's coding is.
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(AgendaItem, "save", lost_midway)
    response = client.post(
        f"/eu-analys/arenden/{item.pk}/",
        {"eu": "legal", "kind": item.kind, "areas": ["water_sewage"], "comment": "VA-lagen"},
    )
    monkeypatch.setattr(AgendaItem, "save", real_save)
    assert response.status_code == 503
    assert not ItemReview.objects.exists()
    item.refresh_from_db()
    assert not item.reviewed
