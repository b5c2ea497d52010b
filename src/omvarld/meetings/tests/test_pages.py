from __future__ import annotations

import datetime as dt
import json

import pytest

from omvarld.accounts.constants import Role
from omvarld.meetings.models import AgendaItem, Meeting
from omvarld.meetings.services import document_import, item_review

pytestmark = pytest.mark.django_db


def test_meeting_page_shows_codes_evidence_and_links(client_as, imported):
    meeting = Meeting.objects.get()
    html = client_as(Role.READER).get(f"/eu-analys/sammantraden/{meeting.pk}/").content.decode()
    assert "Justerad vatten- och avloppstaxa" in html
    assert 'class="code code-legal"' in html
    assert "<mark" in html
    assert "eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:" in html


def test_item_list_filters_and_searches(client_as, imported):
    client = client_as(Role.READER)
    html = client.get("/eu-analys/arenden/", {"eu": "legal"}).content.decode()
    assert "Justerad vatten- och avloppstaxa" in html
    assert "Val av justerare" not in html
    html = client.get("/eu-analys/arenden/", {"q": "avlopp"}).content.decode()
    assert "Justerad vatten- och avloppstaxa" in html
    assert "Riktlinje för upphandling" not in html
    # Prefix search: a word's beginning finds the compound.
    html = client.get("/eu-analys/arenden/", {"q": "upphandl"}).content.decode()
    assert "Riktlinje för upphandling och inköp" in html
    partial = client.get("/eu-analys/arenden/", {"q": "avlopp"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content


def test_item_list_has_constant_queries(client_as, council, django_assert_max_num_queries):
    for day in range(1, 13):
        text = "\n".join(f"• Ärende {n} om avfallstaxa {day}" for n in range(10))
        document_import(
            data=text.encode(), name=f"{day}.txt", body=council, meeting_date=dt.date(2020, day, 1)
        )
    client = client_as(Role.READER)
    with django_assert_max_num_queries(12):
        response = client.get("/eu-analys/arenden/")
    assert response.content.decode().count('href="/eu-analys/arenden/') >= 50
    with django_assert_max_num_queries(12):
        client.get("/eu-analys/")
    meeting = Meeting.objects.first()
    with django_assert_max_num_queries(12):
        client.get(f"/eu-analys/sammantraden/{meeting.pk}/")


def test_officer_of_the_body_reviews_an_item(client_as, imported, council):
    item = AgendaItem.objects.get(position=3)
    client = client_as(Role.OFFICER, bodies=[council])
    response = client.post(
        f"/eu-analys/arenden/{item.pk}/",
        {"eu": "none", "kind": "decision", "areas": ["procurement"], "comment": "Lokal riktlinje"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.eu == "none"
    assert item.reviewed
    html = client.get(f"/eu-analys/arenden/{item.pk}/").content.decode()
    assert "Lokal riktlinje" in html


def test_officer_of_another_body_cannot_review(client_as, imported, make_body):
    item = AgendaItem.objects.get(position=3)
    client = client_as(Role.OFFICER, bodies=[make_body("X")])
    html = client.get(f"/eu-analys/arenden/{item.pk}/").content.decode()
    assert "review-form" not in html
    response = client.post(f"/eu-analys/arenden/{item.pk}/", {"eu": "none", "kind": "decision"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert not item.reviewed


def test_reader_cannot_review(client_as, imported, council):
    item = AgendaItem.objects.get(position=3)
    client = client_as(Role.READER, bodies=[council])
    response = client.post(f"/eu-analys/arenden/{item.pk}/", {"eu": "none", "kind": "decision"})
    assert response.status_code == 403


def test_review_report_and_labelled_export(client_as, imported, make_user):
    item = AgendaItem.objects.get(position=2)
    item_review(
        item=item,
        reviewer=make_user("coordinator", username="kim"),
        kind="decision",
        eu="policy",
        funding=False,
        areas=["water_sewage"],
        comment="Bara taxan",
    )
    client = client_as(Role.READER)
    html = client.get("/eu-analys/granskning/").content.decode()
    assert "Justerad vatten- och avloppstaxa" in html
    response = client.get("/eu-analys/granskning/export.jsonl")
    records = [json.loads(line) for line in response.content.decode().splitlines()]
    assert records == [
        {
            "file": "kf-2016-03-21.txt",
            "body": "Kommunfullmäktige",
            "meeting_date": "2016-03-21",
            "position": 2,
            "title": "Justerad vatten- och avloppstaxa",
            "kind": "decision",
            "eu": "policy",
            "funding": False,
            "areas": ["water_sewage"],
            "refs": records[0]["refs"],
            "engine": records[0]["engine"],
            "comment": "Bara taxan",
        }
    ]
    assert records[0]["engine"]["eu"] == "legal"


def test_coordinator_queues_a_new_analysis(client_as, imported):
    from omvarld.meetings.models import ItemAnalysis

    ItemAnalysis.objects.update(engine_version="0.0.1")
    client = client_as(Role.COORDINATOR)
    assert "Analysera alla ärenden" in client.get("/eu-analys/").content.decode()
    response = client.post("/eu-analys/analysera-om/")
    assert response.status_code == 302
    # The test settings run tasks immediately.
    assert ItemAnalysis.objects.filter(is_current=True, engine_version="0.0.1").count() == 0


@pytest.mark.parametrize("role", [Role.READER, Role.OFFICER])
def test_others_cannot_queue_a_new_analysis(client_as, imported, role):
    client = client_as(role)
    assert "analysera-om" not in client.get("/eu-analys/").content.decode()
    assert client.post("/eu-analys/analysera-om/").status_code == 403


def test_search_survives_a_table_rebuild(client_as, imported):
    """SQLite drops triggers when a migration rebuilds the items table; migrate puts them back."""
    from django.db import connection

    from omvarld.core.search import text_indexes_ensure

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite rebuilds tables to alter them")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER meetings_item_fts_insert")
    assert text_indexes_ensure() == ["meetings_item_fts_insert"]
    assert text_indexes_ensure() == []
    document_import(
        data="• Avfallsplan för kommunen\n".encode(),
        name="ny.txt",
        body=imported.meeting.body,
        meeting_date=dt.date(2020, 5, 4),
    )
    html = client_as(Role.READER).get("/eu-analys/arenden/", {"q": "avfallsplan"}).content.decode()
    assert "Avfallsplan för kommunen" in html


def test_evidence_shows_acts_and_statutes_but_not_internal_cue_names():
    from django.template.loader import render_to_string

    from omvarld.meetings.views import _with_links

    evidence = _with_links(
        [
            {"text": "reglemente", "why": "Lokal organisation", "ref": "cue:organisation"},
            {"text": "LOU", "why": "Upphandling", "ref": "2016:1145"},
            {"text": "2014/24/EU", "why": "Direktivet", "ref": "32014L0024"},
        ]
    )
    html = render_to_string("meetings/_evidence.html", {"evidence": evidence})
    assert "cue:organisation" not in html
    assert "Lokal organisation" in html
    assert "rkrattsbaser.gov.se/sfst?bet=2016:1145" in html
    assert "CELEX:32014L0024" in html
