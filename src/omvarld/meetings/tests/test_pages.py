from __future__ import annotations

import datetime as dt
import json
import re

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


# --- Issue 8: what a person reads on the item page and the review report ----------------------


@pytest.mark.parametrize("areas", [[], ["procurement"]])
def test_the_commonest_reviews_save_on_the_page_and_the_api(client_as, imported, council, areas):
    """Most items have no area: a review without one (the commonest) is saved, on the page and
    through the API, as is one with an area."""
    item = AgendaItem.objects.get(position=1)
    client = client_as(Role.OFFICER, bodies=[council])
    data = {"eu": "none", "kind": "election", "areas": areas, "comment": "Val, ingen EU-fråga"}
    response = client.post(f"/eu-analys/arenden/{item.pk}/", data)
    assert response.status_code == 302
    assert item.reviews.get().areas == areas
    payload = {"eu": "policy", "kind": "decision", "funding": True, "areas": areas}
    response = client.post(
        f"/api/v1/items/{item.pk}/reviews/", payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    item.refresh_from_db()
    assert (item.eu, item.funding, sorted(a.code for a in item.areas.all())) == (
        "policy",
        True,
        areas,
    )


def test_after_a_recode_the_page_shows_the_review_first_and_the_engine_as_the_engines(
    client_as, imported, council, make_user
):
    item = AgendaItem.objects.get(position=2)
    item_review(
        item=item,
        reviewer=make_user(Role.OFFICER, username="granskare", first_name="Greta"),
        kind="decision",
        eu="policy",
        funding=False,
        areas=["water_sewage"],
        comment="Taxan bestäms lokalt; direktivet styr inte nivån.",
    )
    html = client_as(Role.READER).get(f"/eu-analys/arenden/{item.pk}/").content.decode()
    reviewed = html.index("Granskad kodning")
    engine = html.index("Motorns läsning")
    assert reviewed < engine
    assert html.index("Taxan bestäms lokalt; direktivet styr inte nivån.") < engine
    assert "Granskaren ändrade motorns kodning: EU-påverkan." in html
    section = html[engine:]
    assert "Motorn kodade:" in section
    assert 'class="code code-legal"' in section
    assert "Motorns belägg:" in section


def test_the_engines_confidence_is_a_word_with_the_number_on_hover(client_as, imported):
    item = AgendaItem.objects.get(position=2)
    analysis = item.analyses.get()
    html = client_as(Role.READER).get(f"/eu-analys/arenden/{item.pk}/").content.decode()
    assert ", säkerhet " not in html
    level = {"high": "hög", "medium": "medel", "low": "låg"}[
        "high"
        if analysis.confidence >= 0.85
        else "medium"
        if analysis.confidence >= 0.65
        else "low"
    ]
    assert "Hur säker motorn är: <span title=" in html
    assert f">{level}</span>" in html
    assert f"{analysis.confidence:.2f}".replace(".", ",") in html


def test_the_review_form_words_match_the_lists(client_as, imported, council):
    item = AgendaItem.objects.get(position=2)
    client = client_as(Role.OFFICER, bodies=[council])
    html = client.get(f"/eu-analys/arenden/{item.pk}/").content.decode()
    form = html[html.index('class="narrow-form review-form"') :]
    assert '<label for="id_kind">Typ av ärende' in form
    # The EU-funding checkbox stands with its label, not a line away from it.
    check = re.search(
        r'<div class="check">\s*<input type="checkbox" name="funding"[^>]*>\s*'
        r'<label for="id_funding">Gäller EU-medel</label>',
        form,
    )
    assert check
    listing = client.get("/eu-analys/arenden/").content.decode()
    assert '<th scope="col">Typ av ärende</th>' in listing
    assert '<label for="id_kind">Typ av ärende</label>' in listing


@pytest.mark.parametrize(
    ("role", "member", "words"),
    [
        (Role.OFFICER, False, "du är inte medlem i Kommunfullmäktige"),
        (Role.READER, True, "som läsare"),
    ],
)
def test_who_cannot_review_is_told_why(
    client_as, imported, council, make_body, role, member, words
):
    item = AgendaItem.objects.get(position=2)
    client = client_as(role, bodies=[council] if member else [make_body("X")])
    html = client.get(f"/eu-analys/arenden/{item.pk}/").content.decode()
    assert "review-form" not in html
    assert words in html


def test_the_review_report_speaks_swedish(client_as, imported, make_user):
    item = AgendaItem.objects.get(position=2)
    item_review(
        item=item,
        reviewer=make_user("coordinator", username="kim"),
        kind="decision",
        eu="policy",
        funding=True,
        areas=["water_sewage"],
    )
    html = client_as(Role.READER).get("/eu-analys/granskning/").content.decode()
    assert "1 ärende granskat; 1 av dem ändrat av granskaren." in html
    assert "EU-påverkan, EU-medel" in html
    assert "eu, funding" not in html


def test_the_meeting_page_explains_which_document_counts(client_as, imported):
    meeting = Meeting.objects.get()
    html = client_as(Role.READER).get(f"/eu-analys/sammantraden/{meeting.pk}/").content.decode()
    assert "kf-2016-03-21.txt (kallelse; dess ärenden räknas i statistiken)" in html
    assert "räknas)" not in html


def test_the_import_tab_is_shown_to_those_who_may_import_only(client_as, council, make_body):
    link = 'href="/eu-analys/import/"'
    assert link not in client_as(Role.READER, bodies=[council]).get("/eu-analys/").content.decode()
    assert link not in client_as(Role.OFFICER).get("/eu-analys/").content.decode()
    assert link in client_as(Role.OFFICER, bodies=[council]).get("/eu-analys/").content.decode()
    assert link in client_as(Role.COORDINATOR).get("/eu-analys/").content.decode()
