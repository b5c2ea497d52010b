"""The portal's search: the request as public clients send it, the answer read defensively."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from omvarld.core.http_client import HttpClient, Request, Response
from omvarld.funding import portal


def test_the_recorded_answer_is_read_into_calls(search_open):
    result = portal.parse(search_open)
    assert result.total == 11
    by_id = {c.identifier: c for c in result.calls}
    assert list(by_id) == [
        "CERV-2027-CITIZENS-TOWN-TT",
        "ERASMUS-EDU-2027-PI-ALL-INNO",
        "LIFE-2027-SAP-ENV-CIRC",
        "HORIZON-MISS-2027-CIT-01-01",
        "DIGITAL-2027-AI-03-GOV",
        "EDF-2027-DA-UWW-MCM",
        "CREA-CULT-2027-COOP",
    ]
    cerv = by_id["CERV-2027-CITIZENS-TOWN-TT"]
    assert cerv.title == "Town-Twinning"
    assert cerv.call_identifier == "CERV-2027-CITIZENS-TOWN"
    assert cerv.opens == dt.date(2026, 11, 18)
    # 16:00 UTC is 17:00 in Brussels and Stockholm: the same day.
    assert cerv.deadlines == [dt.date(2027, 2, 18)]
    assert cerv.status == "open"
    assert cerv.prefix == "CERV"
    # Only the town-twinning action of the call's budget, not the networks of towns.
    assert cerv.budget == Decimal(4000000)
    assert cerv.extra["budget_terms"] == {
        "expectedGrants": 80,
        "minContribution": 8455,
        "maxContribution": 50745,
    }
    assert cerv.url.endswith("/topic-details/CERV-2027-CITIZENS-TOWN-TT")
    # HTML out, entities decoded.
    assert cerv.description.startswith("Projects bringing together a wide range of partner towns")
    assert "<" not in cerv.description
    assert "&amp;" not in cerv.description
    assert by_id["ERASMUS-EDU-2027-PI-ALL-INNO"].status == "forthcoming"
    # A single action is the topic's budget, over all its years.
    assert by_id["LIFE-2027-SAP-ENV-CIRC"].budget == Decimal(40000000)


def test_a_topic_given_once_per_cut_off_is_one_call_with_every_deadline(search_open):
    horizon = next(c for c in portal.parse(search_open).calls if c.identifier.startswith("HORIZON"))
    assert horizon.deadlines == [dt.date(2027, 1, 26), dt.date(2027, 9, 15)]
    assert horizon.deadline_model == "two-stage"
    assert horizon.deadline_on(dt.date(2026, 12, 6)) == dt.date(2027, 1, 26)
    assert horizon.deadline_on(dt.date(2027, 2, 1)) == dt.date(2027, 9, 15)
    assert horizon.deadline_on(dt.date(2027, 10, 1)) == dt.date(2027, 9, 15)


def test_broken_records_are_problems_and_the_others_are_read(search_open):
    problems = portal.parse(search_open).problems
    assert [(p.where, p.error) for p in problems] == [
        ("results[7]", "metadata är inget objekt"),
        ("results[8]", "ämnes-id (identifier) saknas"),
        ("results[9] AMIF-2027-TF2-AG-INTE-01", "budgetbeloppet 'tio miljoner' är inget tal"),
    ]


@pytest.mark.parametrize(
    "payload",
    ["not json", "[]", '{"totalResults": 3}', '{"results": {"a": 1}}'],
)
def test_a_payload_that_is_no_search_answer_is_refused(payload):
    with pytest.raises(ValueError):  # noqa: PT011 (JSON errors and ours are both ValueErrors)
        portal.parse(payload)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2027-02-18T16:00:00.000+0000", dt.date(2027, 2, 18)),
        ("2027-02-18T23:30:00.000+0000", dt.date(2027, 2, 19)),  # past midnight in Stockholm
        ("2027-06-30T22:30:00Z", dt.date(2027, 7, 1)),  # summer time
        ("2027-02-18", dt.date(2027, 2, 18)),
        ("2027-02-18T10:00:00", dt.date(2027, 2, 18)),
        ("18 February 2027", None),
        ("2027-02-30", None),
    ],
)
def test_portal_dates_are_days_in_stockholm(value, day):
    assert portal.portal_date(value) == day


def test_the_search_body_carries_the_filter_as_json_parts():
    body = portal.search_body(portal.search_query(), boundary="XYZ").decode()
    parts = body.split("--XYZ")
    assert parts[-1] == "--\r\n"
    query_part = next(p for p in parts if 'name="query"' in p)
    assert "Content-Type: application/json" in query_part
    query = json.loads(query_part.split("\r\n\r\n", 1)[1].strip())
    assert query["bool"]["must"] == [
        {"terms": {"type": ["1", "2", "8"]}},
        {"terms": {"status": ["31094501", "31094502"]}},
        {"term": {"programmePeriod": "2021 - 2027"}},
    ]
    assert any('name="languages"' in p and '["en"]' in p for p in parts)


class FakePortal:
    """Answers the search with pages of ``total`` results, ``size`` a page."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.requests: list[Request] = []

    def __call__(self, request: Request, *, timeout: float) -> Response:
        self.requests.append(request)
        page = int(request.url.split("pageNumber=")[1].split("&")[0])
        body = {"totalResults": self.total, "pageNumber": page, "results": [{"page": page}]}
        return Response(200, json.dumps(body).encode(), {}, request.url)


class NoWait:
    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        return None


def test_fetch_posts_every_page_until_the_total():
    transport = FakePortal(total=250)
    client = HttpClient(transport=transport, clock=NoWait())
    answers = portal.fetch(client, page_size=100)
    assert len(answers) == 3
    first = transport.requests[0]
    assert first.method == "POST"
    assert first.url.startswith(portal.SEARCH_URL + "?apiKey=SEDIA&text=%2A%2A%2A&pageSize=100")
    assert first.headers["Content-Type"].startswith("multipart/form-data; boundary=omvarld")
    assert first.body is not None
    assert b'name="query"' in first.body
    assert answers[2].request.startswith(f"POST {portal.SEARCH_URL}?apiKey=SEDIA")
    assert '"programmePeriod":"2021 - 2027"' in answers[0].request


def test_fetch_stops_at_an_unreadable_page_and_at_the_cap():
    def garbage(request: Request, *, timeout: float) -> Response:
        return Response(200, b"<html>maintenance</html>", {}, request.url)

    answers = portal.fetch(HttpClient(transport=garbage, clock=NoWait()))
    assert [a.payload for a in answers] == ["<html>maintenance</html>"]
    capped = portal.fetch(HttpClient(transport=FakePortal(10_000), clock=NoWait()), max_pages=2)
    assert len(capped) == 2
