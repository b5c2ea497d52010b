"""Syncing with SCB: which tables, what is asked for, what is kept, on the recorded responses
and on answers built in their shape (a fake API behind the real client; no network)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from omvarld.core.http_client import TransportError
from omvarld.population import sync
from omvarld.population.constants import FetchKind
from omvarld.population.models import Fetch, Observation, StatTable
from omvarld.population.services import stats_sync_now

from .factories import birth_country_payload, jsonstat_payload
from .fake_scb import scb_client

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

BIRTH_DIMS = [
    (
        "Region",
        "region",
        [
            ("00", "Riket"),
            ("05", "Östergötlands län"),
            ("0581", "Norrköping"),
            ("0180", "Stockholm"),
        ],
    ),
    (
        "Fodelseregion",
        "födelseland",
        [("TOT", "Samtliga födelseländer"), ("SE", "Sverige"), ("SY", "Syrien")],
    ),
    ("Kon", "kön", [("1", "män"), ("2", "kvinnor"), ("TotSa", "totalt")]),
    ("ContentsCode", "tabellinnehåll", [("000001NX", "Antal")]),
    ("Tid", "år", [("2015", "2015"), ("2016", "2016")]),
]


def _read(recordings, name):
    return (recordings / name).read_text(encoding="utf-8")


def _search(recordings, *tables):
    """A table-search answer in the shape of the recorded search.json, listing ``tables``."""
    answer = json.loads(_read(recordings, "search.json"))
    template = answer["tables"][0]
    answer["tables"] = [
        {
            **template,
            "id": table_id,
            "variableNames": names,
            "paths": [[{"id": p, "label": p, "sortCode": p} for p in path]],
        }
        for table_id, path, names in tables
    ]
    return json.dumps(answer, ensure_ascii=False)


def test_one_table_from_the_recorded_responses(recordings, norrkoping):
    client, fake = scb_client(
        {
            "/config": _read(recordings, "config.json"),
            "/tables/TAB6471/metadata": _read(recordings, "TAB6471_metadata.json"),
            "/tables/TAB6471/data": _read(recordings, "TAB6471_data.json"),
        }
    )
    summary = stats_sync_now(table="TAB6471", since=2026, client=client)
    assert fake.paths() == [
        "/api/v2/config",
        "/api/v2/tables/TAB6471/metadata",
        "/api/v2/tables/TAB6471/data",
    ]
    # The municipality, its county and Sweden; the totals of age and sex; 2026's months.
    assert fake.params(2) == {
        "lang": "sv",
        "outputFormat": "json-stat2",
        "valueCodes[Region]": "00,05,0581",
        "valueCodes[Alder]": "TotSA",
        "valueCodes[Kon]": "TotSa",
        "valueCodes[ContentsCode]": "000007SF",
        "valueCodes[Tid]": "2026M01,2026M02,2026M03,2026M04",
    }
    assert summary.tables == ["TAB6471"]
    assert summary.fetches == 3
    kept = {f.kind: f for f in Fetch.objects.all()}
    assert set(kept) == {FetchKind.CONFIG, FetchKind.METADATA, FetchKind.DATA}
    assert kept[FetchKind.DATA].payload == _read(recordings, "TAB6471_data.json")
    assert kept[FetchKind.DATA].status == 200
    assert "valueCodes%5BRegion%5D=00%2C05%2C0581" in kept[FetchKind.DATA].request
    # The recorded answer is county-level: Östergötland's 44 figures are kept.
    assert Observation.objects.filter(region="05").count() == 44
    assert StatTable.objects.get(table_id="TAB6471").described


def test_tables_are_found_through_the_search_and_a_missing_one_is_skipped(
    recordings, norrkoping, countries
):
    metadata = jsonstat_payload(table_id="TAB9001", dims=BIRTH_DIMS, metadata=True)
    cells = {
        (r, c, y): n
        for r in ("00", "05", "0581")
        for c, n in (("TOT", 1000), ("SE", 800), ("SY", 50))
        for y in ("2015", "2016")
    }
    data = birth_country_payload(
        cells,
        regions=[("00", "Riket"), ("05", "Östergötlands län"), ("0581", "Norrköping")],
        countries=[("TOT", "Samtliga födelseländer"), ("SE", "Sverige"), ("SY", "Syrien")],
    )
    config = json.loads(_read(recordings, "config.json"))
    config["maxDataCells"] = 6
    search = _search(
        recordings,
        ("TAB9001", ["BE", "BE0101", "BE0101E"], ["region", "födelseland", "kön", "år"]),
        ("TAB9002", ["BE", "BE0101", "BE0101E"], ["region", "kön", "år"]),
        ("TAB9003", ["AM", "AM0401"], ["region", "födelseland", "år"]),
    )
    client, fake = scb_client(
        {
            "/config": json.dumps(config),
            "/tables": search,
            "/tables/TAB9001/metadata": metadata,
            "/tables/TAB9001/data": data,
        }
    )
    summary = stats_sync_now(client=client)
    # The population series names TAB638 and TAB5557, which this fake API does not know.
    assert [(p["where"], p["reason"]) for p in summary.result.problems][:2] == [
        ("TAB638", "http_error"),
        ("TAB5557", "http_error"),
    ]
    assert summary.tables == ["TAB9001"]  # TAB9002 lacks the country, TAB9003 the subject
    data_calls = [n for n, path in enumerate(fake.paths()) if path.endswith("TAB9001/data")]
    # 3 regions x 3 countries = 9 cells a year: above the limit of 6, so a call per year.
    assert [fake.params(n)["valueCodes[Tid]"] for n in data_calls] == ["2015", "2016"]
    assert fake.params(data_calls[0])["valueCodes[Fodelseregion]"] == "*"
    assert fake.params(data_calls[0])["valueCodes[Kon]"] == "TotSa"
    assert Observation.objects.filter(region="0581", category="SY", year=2016).get().value == 50
    searches = Fetch.objects.filter(kind=FetchKind.TABLES)
    assert searches.count() == len(sync.read_series()) == 4


def test_a_table_whose_metadata_changed_is_not_fetched(recordings, norrkoping, countries):
    metadata = jsonstat_payload(table_id="TAB9001", dims=BIRTH_DIMS, metadata=True)
    client, fake = scb_client({"/config": "{}", "/tables/TAB9001/metadata": metadata})
    StatTable.objects.create(
        table_id="TAB9001",
        label="x",
        described=True,
        dimensions=["Region", "Fodelseland", "Kon", "ContentsCode", "Tid"],
        layout={
            "region": "Region",
            "time": "Tid",
            "contents": "ContentsCode",
            "category": "Fodelseland",
        },
    )
    summary = stats_sync_now(table="TAB9001", client=client)
    assert [p["reason"] for p in summary.result.problems] == ["dimensions_changed"]
    assert not any(path.endswith("/data") for path in fake.paths())


def test_command_says_how_to_go_on_without_network(recordings, norrkoping, monkeypatch):
    client, fake = scb_client({"/config": _read(recordings, "config.json")})
    fake.queue = [TransportError("Name or service not known")] * 5
    monkeypatch.setattr(sync, "scb_client", lambda: client)
    with pytest.raises(CommandError, match=r"manage\.py stats_import FILE"):
        call_command("stats_sync", stdout=StringIO())
    assert Fetch.objects.count() == 0


def test_command_reports_what_it_did(recordings, norrkoping, monkeypatch):
    client, _fake = scb_client(
        {
            "/config": _read(recordings, "config.json"),
            "/tables/TAB6471/metadata": _read(recordings, "TAB6471_metadata.json"),
            "/tables/TAB6471/data": _read(recordings, "TAB6471_data.json"),
        }
    )
    monkeypatch.setattr(sync, "scb_client", lambda: client)
    out = StringIO()
    call_command("stats_sync", "--table", "TAB6471", stdout=out, stderr=StringIO())
    assert "1 table(s) (TAB6471), 3 call(s) to SCB" in out.getvalue()
    assert "figures added 44" in out.getvalue()
