"""EUR-Lex / CELLAR: the SPARQL query and the SPARQL 1.1 JSON results it answers with."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from omvarld.core.http_client import HttpClient, Response
from omvarld.eu_monitoring.connectors import cellar

RECORDINGS = Path(__file__).parent / "recordings" / "eurlex"


def test_the_query_asks_for_the_range_in_swedish_with_subjects_and_relations():
    query = cellar.build_query(dt.date(2024, 1, 1), dt.date(2024, 2, 1), limit=50, offset=100)
    assert '?date >= "2024-01-01"^^xsd:date && ?date < "2024-02-01"^^xsd:date' in query
    assert (
        "cdm:expression_uses_language <http://publications.europa.eu/resource/authority/language/SWE>"
        in query
    )
    assert "cdm:work_is_about_concept_eurovoc ?eurovoc" in query
    assert 'FILTER(LANG(?eurovoc_sv) = "sv")' in query
    assert "cdm:resource_legal_repeals_resource_legal ?repealed" in query
    assert "cdm:resource_legal_proposes_to_amend_resource_legal" in query
    assert "cdm:procedure_code_interinstitutional_reference_procedure ?procedure" in query
    assert query.rstrip().endswith("LIMIT 50\nOFFSET 100")
    # Every variable the parser reads is selected.
    assert "SELECT DISTINCT " + " ".join(f"?{v}" for v in cellar.VARIABLES) in query


def test_the_query_refuses_an_empty_range():
    with pytest.raises(ValueError, match="after its start"):
        cellar.build_query(dt.date(2024, 2, 1), dt.date(2024, 2, 1))


def test_acts_are_grouped_by_celex_with_their_relations():
    result = cellar.parse((RECORDINGS / "acts.json").read_text())
    acts = {a.celex: a for a in result.acts}
    assert sorted(acts) == ["32023L0959", "32024L1275", "32024L3019"]
    epbd = acts["32024L1275"]
    assert epbd.title_sv.startswith("Europaparlamentets och rådets direktiv (EU) 2024/1275")
    assert epbd.title_en.startswith("Directive (EU) 2024/1275")
    assert epbd.eli == "http://data.europa.eu/eli/dir/2024/1275/oj"
    assert epbd.date_adopted == dt.date(2024, 4, 24)
    assert epbd.date_in_force == dt.date(2024, 5, 28)
    assert epbd.transposition_deadline == dt.date(2026, 5, 29)
    assert epbd.resource_type == "DIR"
    assert epbd.eurovoc == ["klimatförändring"]
    assert epbd.repeals == ["32010L0031"]
    assert acts["32023L0959"].amends == ["32003L0087", "32015D1814"]
    assert acts["32024L3019"].repeals == ["31991L0271"]


def test_an_adopted_act_of_a_procedure_completes_the_initiative_but_starts_none():
    result = cellar.parse((RECORDINGS / "acts.json").read_text())
    adopted = {i.procedure_reference: i for i in result.initiatives}
    assert sorted(adopted) == ["2021/0211(COD)", "2021/0426(COD)", "2022/0345(COD)"]
    epbd = adopted["2021/0426(COD)"]
    assert epbd.update_only
    assert [(s.stage, s.date) for s in epbd.stages] == [("adopted", dt.date(2024, 4, 24))]
    assert epbd.extra == {"adopted_as": "32024L1275"}


def test_rows_without_a_celex_number_are_reported_and_skipped():
    result = cellar.parse((RECORDINGS / "acts.json").read_text())
    assert [p.where for p in result.problems] == ["results.bindings[4]", "results.bindings[5]"]
    assert "no valid CELEX number ('')" in result.problems[0].error
    assert "'COM(2024) 1'" in result.problems[1].error


def test_proposals_become_initiatives_keyed_by_com_number_and_procedure():
    result = cellar.parse((RECORDINGS / "proposals.json").read_text())
    assert result.acts == []
    proposals = {i.com_number: i for i in result.initiatives}
    assert sorted(proposals) == ["COM(2021) 551", "COM(2021) 802", "COM(2022) 541"]
    ets = proposals["COM(2021) 551"]
    assert ets.proposal_celex == "52021PC0551"
    assert ets.procedure_reference == "2021/0211(COD)"
    assert ets.title_sv.startswith("Förslag till EUROPAPARLAMENTETS OCH RÅDETS DIREKTIV")
    assert ets.acts == [
        ("32003L0087", "amends"),
        ("32015D1814", "amends"),
        ("32015R0757", "amends"),
    ]
    assert [(s.stage, s.date) for s in ets.stages] == [("proposal", dt.date(2021, 7, 14))]
    assert ets.url.endswith("CELEX:52021PC0551")
    assert not ets.update_only


def test_a_partial_binding_gives_what_it_has():
    payload = {
        "head": {"vars": ["celex"]},
        "results": {"bindings": [{"celex": {"type": "literal", "value": "32016R0679"}}, 7]},
    }
    result = cellar.parse(json.dumps(payload))
    assert [a.celex for a in result.acts] == ["32016R0679"]
    assert result.acts[0].title_sv == ""
    assert result.acts[0].date_adopted is None
    assert [p.as_dict() for p in result.problems] == [
        {"where": "results.bindings[1]", "error": "a binding is not an object"}
    ]


def test_a_title_in_another_language_is_not_taken_for_the_swedish_one():
    binding = {
        "celex": {"type": "literal", "value": "32016R0679"},
        "title_sv": {"type": "literal", "value": "Verordnung", "xml:lang": "de"},
    }
    payload = {"head": {"vars": []}, "results": {"bindings": [binding]}}
    assert cellar.parse(json.dumps(payload)).acts[0].title_sv == ""


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("<html>Service unavailable</html>", "Expecting value"),
        ("[]", "not an object"),
        ('{"head": {}}', "no head or results"),
        ('{"head": {}, "results": {"bindings": {}}}', "no results.bindings list"),
    ],
)
def test_a_payload_that_is_not_sparql_json_is_refused(payload, message):
    with pytest.raises(ValueError, match=message):
        cellar.parse(payload)


class PagedTransport:
    def __init__(self, pages: list[list[dict]]) -> None:
        self.pages = pages
        self.urls: list[str] = []

    def __call__(self, request, *, timeout):
        self.urls.append(request.url)
        body = {"head": {"vars": ["celex"]}, "results": {"bindings": self.pages.pop(0)}}
        return Response(200, json.dumps(body).encode())


class NoWait:
    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        raise AssertionError("the test client never waits")


def test_fetch_pages_until_a_short_page(monkeypatch):
    monkeypatch.setattr(cellar, "PAGE_SIZE", 2)
    row = {"celex": {"type": "literal", "value": "32016R0679"}}
    transport = PagedTransport([[row, row], [row]])
    client = HttpClient(transport=transport, clock=NoWait(), min_interval=0)
    answers = cellar.fetch(client, since=dt.date(2024, 1, 1), until=dt.date(2024, 1, 2))
    assert len(answers) == 2
    assert "OFFSET+0" in transport.urls[0]
    assert "OFFSET+2" in transport.urls[1]
    assert "format=application%2Fsparql-results%2Bjson" in transport.urls[0]
    assert answers[1].status == 200
    assert answers[0].request.startswith(f"GET {cellar.ENDPOINT}\n\nPREFIX cdm:")


def test_fetch_stops_at_an_answer_that_is_not_sparql_json():
    def transport(request, *, timeout):
        return Response(200, b"<html>maintenance</html>")

    client = HttpClient(transport=transport, clock=NoWait(), min_interval=0)
    (answer,) = cellar.fetch(client, since=dt.date(2024, 1, 1), until=dt.date(2024, 1, 2))
    assert answer.payload == "<html>maintenance</html>"


@pytest.mark.parametrize("error", [TypeError, ValueError, KeyError, AttributeError])
def test_any_reading_error_of_one_row_is_a_problem_with_its_place(monkeypatch, error):
    real = cellar.parse_date

    def parse_date(value):
        if value == "boom":
            raise error("odd value")
        return real(value)

    def row(celex: str, date: str) -> dict:
        return {
            "celex": {"type": "literal", "value": celex},
            "date": {"type": "literal", "value": date},
        }

    monkeypatch.setattr(cellar, "parse_date", parse_date)
    payload = {
        "head": {"vars": ["celex", "date"]},
        "results": {"bindings": [row("32016R0679", "boom"), row("32016L0680", "2016-04-27")]},
    }
    result = cellar.parse(json.dumps(payload))
    assert [a.celex for a in result.acts] == ["32016L0680"], "the row read nothing, no act"
    assert [p.where for p in result.problems] == ["results.bindings[0]"]
