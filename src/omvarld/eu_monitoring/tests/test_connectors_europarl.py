"""The European Parliament's open data: procedures and their stages, from JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from omvarld.core.http_client import HttpClient, Response
from omvarld.eu_monitoring.connectors import europarl

RECORDINGS = Path(__file__).parent / "recordings" / "europarl"


def test_a_procedure_gives_its_reference_titles_and_the_first_day_of_each_stage():
    (ets,) = europarl.parse((RECORDINGS / "procedure_2021-0211.json").read_text()).initiatives
    assert ets.procedure_reference == "2021/0211(COD)"
    assert ets.title_sv == "Översyn av EU:s utsläppshandelssystem"
    assert ets.title_en == "Revision of the EU Emission Trading System"
    assert "reference=2021/0211(COD)" in ets.url
    assert [(s.stage, s.date) for s in ets.stages] == [
        ("parliament_council", dt.date(2021, 9, 13)),
        ("agreement", dt.date(2022, 12, 18)),
        ("adopted", dt.date(2023, 5, 10)),
    ]


def test_what_it_does_not_read_is_kept():
    (ets,) = europarl.parse((RECORDINGS / "procedure_2021-0211.json").read_text()).initiatives
    assert ets.extra["current_stage"].endswith("/procedure-phase/RDG1")
    assert ets.extra["identifierYear"] == "2021"
    assert ets.extra["activity_types_without_stage"] == ["def/ep-activities/COMMUNICATION_TO_PRESS"]


def test_a_list_gives_references_from_labels_or_ids_and_reports_the_rest():
    result = europarl.parse((RECORDINGS / "procedures.json").read_text())
    assert [i.procedure_reference for i in result.initiatives] == [
        "2021/0426(COD)",
        "2022/0345(COD)",
    ]
    assert [p.where for p in result.problems] == ["data[2]", "data[3]"]
    assert "no procedure reference" in result.problems[0].error


@pytest.mark.parametrize("payload", ["{}", '{"data": {}}', "[]", "not json"])
def test_a_payload_without_a_data_list_is_refused(payload):
    with pytest.raises(ValueError):  # noqa: PT011 (the JSON decoder's messages vary)
        europarl.parse(payload)


@pytest.mark.parametrize(
    ("activity", "stage"),
    [
        ("def/ep-activities/PLENARY_AMEND_PROPOSAL", "parliament_council"),
        ("def/ep-activities/REFERRAL", "parliament_council"),
        ("def/ep-activities/PROVISIONAL_AGREEMENT", "agreement"),
        ("def/ep-activities/SIGNATURE", "adopted"),
        ("def/ep-activities/SOMETHING_ELSE", ""),
        (None, ""),
    ],
)
def test_activity_types_and_stages(activity, stage):
    assert europarl.stage_for_activity(activity) == stage


def test_procedure_url():
    assert europarl.procedure_url("2021/0211(COD)") == f"{europarl.API}/procedures/2021-0211"
    with pytest.raises(ValueError, match="not a procedure reference"):
        europarl.procedure_url("COM(2021) 551")


def test_fetch_asks_for_each_procedure_as_json_ld():
    urls: list[str] = []

    def transport(request, *, timeout):
        urls.append(request.url)
        return Response(200, json.dumps({"data": []}).encode())

    class NoWait:
        def monotonic(self) -> float:
            return 0.0

        def sleep(self, seconds: float) -> None:
            raise AssertionError("no waiting in tests")

    client = HttpClient(transport=transport, clock=NoWait(), min_interval=0)
    answers = europarl.fetch(client, references=["2021/0211(COD)", "2022/0345(COD)"])
    assert urls == [
        f"{europarl.API}/procedures/2021-0211?format=application%2Fld%2Bjson",
        f"{europarl.API}/procedures/2022-0345?format=application%2Fld%2Bjson",
    ]
    assert [a.status for a in answers] == [200, 200]


def procedures(*items) -> str:
    return json.dumps({"data": list(items)})


@pytest.mark.parametrize("events", [5, 2.5, True, "def/ep-activities/SIGNATURE"])
def test_events_of_the_wrong_type_make_the_record_a_problem_and_the_others_are_read(events):
    result = europarl.parse(
        procedures(
            {"label": "2021/0211(COD)", "consists_of": events},
            {"label": "2022/0345(COD)", "consists_of": []},
        )
    )
    assert [i.procedure_reference for i in result.initiatives] == ["2022/0345(COD)"]
    (problem,) = result.problems
    assert problem.where == "data[0]"
    assert "consists_of" in problem.error


def test_a_single_event_not_in_a_list_is_read():
    """JSON-LD compaction writes a list of one as the object alone."""
    event = {"had_activity_type": "def/ep-activities/SIGNATURE", "activity_date": "2023-05-10"}
    result = europarl.parse(procedures({"label": "2021/0211(COD)", "consists_of": event}))
    (ets,) = result.initiatives
    assert [(s.stage, s.date) for s in ets.stages] == [("adopted", dt.date(2023, 5, 10))]
    assert not result.problems


@pytest.mark.parametrize("error", [TypeError, KeyError, AttributeError])
def test_any_reading_error_of_one_record_is_a_problem_with_its_place(monkeypatch, error):
    real = europarl.parse_date

    def parse_date(value):
        if value == "boom":
            raise error("odd value")
        return real(value)

    monkeypatch.setattr(europarl, "parse_date", parse_date)
    result = europarl.parse(
        procedures(
            {"label": "2022/0345(COD)", "consists_of": []},
            {
                "label": "2021/0211(COD)",
                "consists_of": [{"had_activity_type": "x/SIGNATURE", "activity_date": "boom"}],
            },
        )
    )
    assert [i.procedure_reference for i in result.initiatives] == ["2022/0345(COD)"]
    assert [p.where for p in result.problems] == ["data[1]"]
