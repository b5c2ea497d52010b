"""Have Your Say: the undocumented JSON, read defensively; the real answers recorded from the
live portal (../shared/data/eu-sources/haveyoursay/) first, the hand-built payloads for the odd
shapes no recording shows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from omvarld.core.http_client import HttpClient, Response
from omvarld.eu_monitoring.connectors import haveyoursay

RECORDINGS = Path(__file__).parent / "recordings" / "haveyoursay"
REAL = Path("eu-sources") / "haveyoursay"
REAL_SEARCH = REAL / "searchInitiatives-feedbackOpen-2026-09-01.json"
REAL_DETAIL = REAL / "groupInitiatives-18805-2026-09-01.json"


def search() -> str:
    return (RECORDINGS / "search_initiatives.json").read_text()


def detail() -> str:
    return (RECORDINGS / "group_initiative_900102.json").read_text()


# --- The real answers, recorded from the live portal ---------------------------------------


def test_a_real_search_page_gives_swedish_titles_areas_and_open_windows(shared_data):
    result = haveyoursay.parse((shared_data / REAL_SEARCH).read_text(encoding="utf-8"))
    assert result.problems == []
    plants, plants_2, noise = result.initiatives
    assert [i.haveyoursay_id for i in result.initiatives] == [18805, 18806, 14778]
    assert noise.title_sv == (
        "Buller vid EU-flygplatser – utvärdering av förordningen om en välavvägd strategi"
    )
    assert noise.title_en == "Noise at EU airports – evaluation of the Balanced Approach Regulation"
    assert plants.title_sv.startswith("Växter som erhållits genom nya genomiska metoder")
    assert (plants.areas, plants_2.areas, noise.areas) == (["food"], ["food"], ["transport"])
    assert noise.commission_reference == "Ares(2025)5842314"
    assert [(s.stage, s.date) for s in noise.stages] == [
        ("public_consultation", dt.date(2026, 8, 27))
    ]
    (window,) = noise.windows
    assert (window.kind, window.opens, window.closes, window.status) == (
        "public_consultation",
        dt.date(2026, 8, 27),
        dt.date(2026, 11, 19),
        "open",
    )
    # The planning workflow with feedback open is the call for evidence.
    assert [(s.stage, s.date) for s in plants.stages] == [
        ("call_for_evidence", dt.date(2026, 8, 31))
    ]
    assert [(w.kind, w.closes) for w in plants.windows] == [
        ("call_for_evidence", dt.date(2026, 9, 28))
    ]
    # The 24 languages are read, not kept; the topics are kept as sent.
    assert "initiativeTranslations" not in plants.extra
    assert plants.extra["topics"] == [{"code": "FOOD", "label": "Food safety"}]


def test_a_real_full_record_gives_the_stage_history_documents_and_swedish_summary(shared_data):
    (record,) = haveyoursay.parse(
        (shared_data / REAL_DETAIL).read_text(encoding="utf-8")
    ).initiatives
    assert record.haveyoursay_id == 18805
    assert record.title_sv == (
        "Växter som erhållits genom nya genomiska metoder: informationskrav och verifiering av "
        "status som kategori 1"
    )
    assert record.summary_sv.startswith(
        "Genom det här initiativet kompletteras förordning (EU) 2026/1388"
    )
    assert "<p>" not in record.summary_sv
    assert record.summary_en.startswith("This initiative supplements Regulation (EU) 2026/1388")
    assert record.areas == ["food"]
    # Four publications: the planned initiative and the call for evidence are published; the
    # draft act (upcoming) and the adoption (planned for the first quarter of 2028) are not.
    assert [(s.stage, s.date, len(s.documents)) for s in record.stages] == [
        ("planned", dt.date(2026, 7, 20), 0),
        ("call_for_evidence", dt.date(2026, 8, 31), 24),
    ]
    documents = record.stages[1].documents
    swedish = next(d for d in documents if d.language == "sv")
    assert swedish.url == (
        "https://ec.europa.eu/info/law/better-regulation/api/download/090166e532b9493a"
    )
    assert swedish.filename == "PART-2026-822977V1.pdf"
    assert [d.language for d in documents if d.original] == ["it"]
    (window,) = record.windows
    assert (window.kind, window.opens, window.closes, window.external_id, window.status) == (
        "call_for_evidence",
        dt.date(2026, 8, 31),
        dt.date(2026, 9, 28),
        "25817",
        "open",
    )
    planned = [p for p in record.extra["publications"] if p.get("plannedPeriod")]
    assert [p["plannedPeriod"] for p in planned] == ["Q-2028-1"]
    # The Commission official's name and contacts are not kept with the record.
    assert not any("authorMail" in p for p in record.extra["publications"])


def test_every_topic_maps_to_known_areas_and_the_docs_list_them():
    import yaml
    from django.conf import settings

    areas = {
        a["code"]
        for a in yaml.safe_load(
            (settings.SRC_DIR / "knowledge" / "data" / "areas.yaml").read_text(encoding="utf-8")
        )["areas"]
    }
    table = yaml.safe_load(haveyoursay.TOPICS_FILE.read_text(encoding="utf-8"))["topics"]
    assert len(table) == 38
    assert {a for entry in table.values() for a in entry["areas"]} <= areas
    assert all(entry["why"] for entry in table.values())
    docs = (settings.BASE_DIR / "docs" / "eu-sources.md").read_text(encoding="utf-8")
    for code, entry in table.items():
        row = next((line for line in docs.splitlines() if line.startswith(f"| `{code}` ")), "")
        assert row, f"{code} is missing from docs/eu-sources.md"
        assert all(f"`{area}`" in row for area in entry["areas"]), row


def test_topics_give_areas_once_in_order_and_unknown_ones_none():
    topics = [{"code": "EMPL"}, {"code": "EAC"}, {"code": "EMPL"}, {"code": "NEW"}, "x", {}]
    assert haveyoursay.topic_areas(topics) == ["labour_market", "social_care", "education"]
    assert haveyoursay.topic_areas(None) == []


# --- The hand-built payloads: shapes the recordings do not show ------------------------------


def test_a_search_page_gives_initiatives_with_their_current_window():
    result = haveyoursay.parse(search())
    first, second = result.initiatives
    assert first.haveyoursay_id == 900101, "the float id 900101.0 becomes an integer"
    assert first.url == (
        "https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/900101_en"
    )
    assert first.title_en == "EU emissions trading system – revision"
    assert first.commission_reference == "Ares(2020)6565053"
    assert [(s.stage, s.date) for s in first.stages] == [("proposal", dt.date(2021, 7, 15))]
    (window,) = first.windows
    assert (window.kind, window.opens, window.closes, window.external_id) == (
        "feedback_on_proposal",
        dt.date(2021, 7, 15),
        dt.date(2021, 11, 8),
        "",
    )
    assert second.haveyoursay_id == 900102


def test_unknown_fields_are_kept_as_sent():
    first = haveyoursay.parse(search()).initiatives[0]
    assert first.extra == {
        "initiativeStatus": "ACTIVE",
        "foreseenActType": "PROP_DIR",
        "snippet": "<em>emissions</em> trading",
        "topics": [{"code": "CLIMA", "label": "Climate action"}],
    }


def test_malformed_records_are_reported_with_their_place_and_the_others_read():
    result = haveyoursay.parse(search())
    assert len(result.initiatives) == 2
    assert [p.as_dict() for p in result.problems] == [
        {"where": "initiativeResultDtoPage.content[2]", "error": "no usable id (None)"},
        {"where": "initiativeResultDtoPage.content[3]", "error": "no usable id ('not-a-number')"},
        {"where": "initiativeResultDtoPage.content[4]", "error": "the record is not an object"},
    ]


def test_the_full_record_gives_windows_stages_summary_and_com_number():
    (initiative,) = haveyoursay.parse(detail()).initiatives
    assert initiative.haveyoursay_id == 900102
    assert initiative.com_number == "COM(2022) 541"
    assert initiative.summary_en == (
        "The Urban Waste Water Treatment Directive (91/271/EEC) protects the environment from "
        "urban wastewater. This initiative revises it."
    )
    windows = [(w.kind, w.opens, w.closes, w.external_id) for w in initiative.windows]
    assert windows == [
        ("call_for_evidence", dt.date(2021, 3, 1), dt.date(2021, 3, 29), "700201"),
        ("public_consultation", dt.date(2021, 4, 20), dt.date(2021, 7, 13), "700202"),
        ("feedback_on_proposal", dt.date(2022, 10, 27), dt.date(2023, 1, 5), "700203"),
    ]
    stages = [(s.stage, s.date) for s in initiative.stages]
    # The planned entry has no date of publication: a step still to come is no stage reached.
    assert stages == [
        ("call_for_evidence", dt.date(2021, 3, 1)),
        ("public_consultation", dt.date(2021, 4, 20)),
        ("proposal", dt.date(2022, 10, 27)),
    ]


def test_the_full_record_keeps_what_it_does_not_read_but_not_the_attachments():
    (initiative,) = haveyoursay.parse(detail()).initiatives
    assert initiative.extra["dg"] == "ENV"
    assert initiative.extra["stage"] == "ADOPTION_WORKFLOW"
    assert initiative.extra["policyAreas"] == [{"label": "Environment"}]
    publications = initiative.extra["publications"]
    assert publications[0] == {"feedbackPeriod": 4, "totalFeedback": 120}
    assert {"plannedPeriod": "Fourth quarter 2022"} in publications
    assert all("attachments" not in p for p in publications)


def test_the_older_page_shape_is_read_too():
    payload = {"_embedded": {"initiativeResultDtoes": [{"id": 5}]}, "page": {"totalPages": 1}}
    (initiative,) = haveyoursay.parse(json.dumps(payload)).initiatives
    assert initiative.haveyoursay_id == 5
    assert initiative.title_en == ""
    assert initiative.windows == []
    assert initiative.stages == []


def test_a_record_with_only_an_id_and_odd_values_does_not_crash():
    record = {
        "id": "12",
        "shortTitle": None,
        "currentStatuses": [None, {"frontEndStage": 3, "feedbackEndDate": "soon"}],
        "publications": {"not": "a list"},
    }
    (initiative,) = haveyoursay.parse(json.dumps({"content": [record]})).initiatives
    assert initiative.haveyoursay_id == 12
    assert initiative.title_en == ""
    assert initiative.windows == []


@pytest.mark.parametrize(
    "payload", ["<!doctype html><title>Have your say</title>", "[1, 2]", '{"message": "error"}']
)
def test_a_payload_of_neither_shape_is_refused(payload):
    with pytest.raises(ValueError):  # noqa: PT011 (the JSON decoder's messages vary)
        haveyoursay.parse(payload)


@pytest.mark.parametrize(
    ("code", "stage", "window"),
    [
        ("OPC_LAUNCHED", "public_consultation", "public_consultation"),
        ("CFE_IMPACT_ASSESS", "call_for_evidence", "call_for_evidence"),
        ("PROP_REG", "proposal", "feedback_on_proposal"),
        ("DEL_REG_DRAFT", "", "feedback_on_draft_act"),
        ("IMPL_REG", "adopted", "other"),
        ("SOMETHING_NEW", "", "other"),
        (None, "", "other"),
    ],
)
def test_stage_and_window_codes(code, stage, window):
    assert haveyoursay.stage_for(code) == stage
    assert haveyoursay.window_kind_for(code) == window


class Portal:
    """Answers the search with the recording and each detail with a minimal record."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, request, *, timeout):
        self.urls.append(request.url)
        if "searchInitiatives" in request.url:
            return Response(200, search().encode())
        ident = request.url.rsplit("/", 1)[-1]
        return Response(200, json.dumps({"id": int(ident)}).encode())


class NoWait:
    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        raise AssertionError("no waiting in tests")


def test_fetch_reads_the_search_and_the_full_record_of_recent_initiatives_only():
    portal = Portal()
    client = HttpClient(transport=portal, clock=NoWait(), min_interval=0)
    answers = haveyoursay.fetch(client, since=dt.date(2022, 1, 1))
    assert portal.urls == [
        f"{haveyoursay.SEARCH_URL}?page=0&size=100&language=EN",
        f"{haveyoursay.API}/groupInitiatives/900102",
    ]
    assert [a.request for a in answers] == [f"GET {u}" for u in portal.urls]
    everything = haveyoursay.fetch(
        HttpClient(transport=Portal(), clock=NoWait(), min_interval=0), since=None
    )
    assert len(everything) == 3


def test_fetch_stops_at_an_answer_that_is_not_json():
    def transport(request, *, timeout):
        return Response(200, b"<!doctype html><title>Have your say</title>")

    client = HttpClient(transport=transport, clock=NoWait(), min_interval=0)
    (answer,) = haveyoursay.fetch(client, since=None)
    assert answer.payload.startswith("<!doctype html>")


@pytest.mark.parametrize("error", [TypeError, ValueError, KeyError, AttributeError])
def test_any_reading_error_of_one_record_is_a_problem_with_its_place(monkeypatch, error):
    real = haveyoursay.parse_date

    def parse_date(value):
        if value == "boom":
            raise error("odd value")
        return real(value)

    monkeypatch.setattr(haveyoursay, "parse_date", parse_date)
    records = [
        {"id": 1, "currentStatuses": [{"feedbackStartDate": "boom"}]},
        {"id": 2, "currentStatuses": [{"feedbackStartDate": "2026-01-01"}]},
    ]
    result = haveyoursay.parse(json.dumps({"content": records}))
    assert [i.haveyoursay_id for i in result.initiatives] == [2]
    assert [p.where for p in result.problems] == ["content[0]"]
    # A single record (groupInitiatives) is reported the same way, not raised.
    single = haveyoursay.parse(json.dumps(records[0]))
    assert single.initiatives == []
    assert [p.where for p in single.problems] == ["groupInitiatives"]
