"""Importing SCB's JSON-stat 2.0: the real recordings, the check values of DOMAIN.md §6, and
every kind of bad input the issue names (logged with its place, skipped, never stored as zero)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from omvarld.population.constants import FetchKind, Measure
from omvarld.population.figures.overview import born_abroad, groups
from omvarld.population.models import Fetch, Observation, StatTable
from omvarld.population.selectors import place_current
from omvarld.population.services import stats_import_file

from .factories import birth_country_payload, jsonstat_payload

DATA = Path(__file__).parent / "data"


def _import(tmp_path, name, payload):
    path = tmp_path / name
    path.write_text(payload, encoding="utf-8")
    return stats_import_file(path=path)


def _reasons(summary):
    return [(p["where"], p["reason"]) for p in summary.problems]


@pytest.mark.shared_data
@pytest.mark.django_db
def test_recorded_responses_give_the_right_numbers_twice_without_a_change(recordings, norrkoping):
    files = sorted(str(p) for p in recordings.glob("*.json"))
    assert len(files) == 6  # data, metadata, code list, config, search, table list
    out = StringIO()
    call_command("stats_import", *files, stdout=out, stderr=StringIO())
    assert "figures added 44, changed 0, unchanged 0" in out.getvalue()

    # Only the municipality's county (05) of the recorded county-level data is kept: 11 age
    # groups x 4 months at the total of the sexes.
    rows = Observation.objects.filter(table__table_id="TAB6471")
    assert rows.count() == 44
    assert set(rows.values_list("region", flat=True)) == {"05"}
    by_hand = {
        ("Alder=0-9", "2026M01"): 43421,
        ("Alder=0-9", "2026M04"): 44438,
        ("Alder=100+10", "2026M01"): 220,
        ("Alder=100+10", "2026M04"): 199,
    }
    for (breakdown, period), value in by_hand.items():
        row = rows.get(breakdown=breakdown, period=period)
        assert (row.value, row.measure, row.year, row.month) == (
            value,
            Measure.POPULATION,
            2026,
            int(period[-2:]),
        )
    table = StatTable.objects.get(table_id="TAB6471")
    assert table.described is True
    assert table.required_dimensions == ["Alder", "ContentsCode", "Tid"]
    assert len(table.notes) == 4
    data_fetch = Fetch.objects.get(request__endswith="TAB6471_data.json")
    assert (data_fetch.created, data_fetch.ignored) == (44, 2772 - 44)
    reasons = [p["reason"] for p in data_fetch.problems]
    assert reasons.count("region_not_ours") == 20
    assert reasons.count("no_total") == 1
    kinds = {p["reason"] for f in Fetch.objects.all() for p in f.problems}
    assert {"config", "table_list", "codelist", "metadata_only"} <= kinds

    before = list(rows.order_by("pk").values_list("pk", "value", "fetch_id"))
    again = StringIO()
    call_command("stats_import", *files, stdout=again, stderr=StringIO())
    assert "figures added 0, changed 0, unchanged 44" in again.getvalue()
    assert list(rows.order_by("pk").values_list("pk", "value", "fetch_id")) == before
    assert Fetch.objects.filter(kind=FetchKind.FILE).count() == 12


@pytest.mark.django_db
def test_domain_check_values_from_a_payload_built_from_documentation(norrkoping, countries):
    """No recording covers 2016: this payload carries only the two figures DOMAIN.md §6 gives
    (139,363 residents, 113,125 born in Sweden) and must reproduce its 18.8 % born abroad."""
    summary = stats_import_file(path=DATA / "folkmregflandk_0581_2016.json")
    assert (summary.created, summary.problem_count) == (2, 0)
    figure = born_abroad(place_current())
    assert figure.rows == [[2016, 139363, 113125, 26238, pytest.approx(18.827, abs=0.001), None]]
    assert round(figure.rows[0][4], 1) == 18.8
    assert [s.table_id for s in figure.sources] == ["FolkmRegFlandK"]


@pytest.mark.django_db
def test_not_json_stat_is_kept_and_says_why(norrkoping, tmp_path):
    summary = _import(tmp_path, "answer.json", "<html><body>503 Service Unavailable</body></html>")
    assert _reasons(summary) == [("payload", "not_json")]
    assert Observation.objects.count() == 0
    fetch = Fetch.objects.get()
    assert fetch.payload.startswith("<html>")
    assert fetch.problem_count == 1


@pytest.mark.django_db
def test_missing_and_protected_values_are_skipped_never_zero(norrkoping, countries, tmp_path):
    cells = {
        ("0581", "TOT", "2016"): 139363,
        ("0581", "SE", "2016"): 113125,
        ("0581", "SY", "2016"): None,
        ("0581", "IQ", "2016"): None,
        ("0581", "FI", "2016"): 2900,
    }
    payload = birth_country_payload(
        cells,
        regions=[("0581", "Norrköping")],
        status={("0581", "SY", "2016"): "..", ("0581", "IQ", "2016"): "."},
    )
    summary = _import(tmp_path, "b.json", payload)
    assert summary.created == 3
    assert summary.skipped == 2
    missing = [p for p in summary.problems if p["reason"] == "missing_value"]
    assert [(p["where"], p["params"]["status"]) for p in missing] == [
        ("Region=0581, Fodelseregion=SY, Kon=TotSa, ContentsCode=000001NX, Tid=2016", ".."),
        ("Region=0581, Fodelseregion=IQ, Kon=TotSa, ContentsCode=000001NX, Tid=2016", "."),
    ]
    assert not Observation.objects.filter(category__in=["SY", "IQ"]).exists()
    assert Observation.objects.get(category="FI").value == 2900


@pytest.mark.django_db
def test_regions_other_than_ours_and_non_regions(norrkoping, countries, tmp_path):
    regions = [
        ("0581", "Norrköping"),
        ("0180", "Stockholm"),
        ("05", "Östergötlands län"),
        ("9999", "Okänd"),
        ("00", "Riket"),
    ]
    cells = {(r, "TOT", "2016"): 1000 + i for i, (r, _) in enumerate(regions)}
    payload = birth_country_payload(
        cells, regions=regions, countries=[("TOT", "Samtliga födelseländer")]
    )
    summary = _import(tmp_path, "r.json", payload)
    assert sorted(Observation.objects.values_list("region", flat=True)) == ["00", "05", "0581"]
    problems = {p["where"]: (p["reason"], p["level"]) for p in summary.problems}
    assert problems["Region=9999"] == ("region_not_municipality", "warning")
    assert problems["Region=0180"] == ("region_not_ours", "info")
    assert summary.ignored == 2  # the cells of the two regions left out


@pytest.mark.django_db
def test_a_table_whose_dimensions_changed_is_not_read(norrkoping, countries, tmp_path):
    first = _import(tmp_path, "a.json", birth_country_payload({("0581", "TOT", "2016"): 5}))
    assert first.created == 1
    changed = jsonstat_payload(
        table_id="TAB9001",
        dims=[
            ("Region", "region", [("0581", "Norrköping")]),
            ("Medborgarskap", "medborgarskapsland", [("SY", "Syrien")]),
            ("Tid", "år", [("2016", "2016")]),
        ],
        values={("0581", "SY", "2016"): 7},
        metric=None,
    )
    summary = _import(tmp_path, "b.json", changed)
    assert [p["reason"] for p in summary.problems] == ["dimensions_changed"]
    assert summary.problems[0]["params"]["after"] == "Region, Medborgarskap, Tid"
    assert Observation.objects.count() == 1


@pytest.mark.django_db
def test_unmapped_country_marks_and_periods(norrkoping, countries, tmp_path):
    payload = birth_country_payload(
        {
            ("0581", "TOT", "2016"): 100,
            ("0581", "XX", "2016"): 4,
            ("0581", "SE", "2016"): 90,
            ("0581", "SY", "2016"): 6,
        },
        regions=[("0581", "Norrköping")],
        countries=[
            ("TOT", "Samtliga födelseländer"),
            ("SE", "Sverige"),
            ("XX", "Atlantis"),
            ("SY", "Syrien"),
        ],
        status={("0581", "SY", "2016"): "p"},
    )
    summary = _import(tmp_path, "c.json", payload)
    assert ("Fodelseregion=XX", "country_not_mapped") in _reasons(summary)
    assert Observation.objects.get(category="XX").value == 4
    assert Observation.objects.get(category="SY").status == "p"
    # The unmapped country counts as unknown among the groups.
    row = groups(place_current()).rows[0]
    assert row[0] == 2016
    assert row[1:] == [0, 0, 0, 0, 6, 0, 0, 4]

    odd = jsonstat_payload(
        table_id="TAB9002",
        dims=[
            ("Region", "region", [("0581", "Norrköping")]),
            ("ContentsCode", "tabellinnehåll", [("BE0101N1", "Folkmängd")]),
            ("Tid", "kvartal", [("2016K1", "2016K1"), ("2016", "2016"), ("2017", "2017")]),
        ],
        values={
            ("0581", "BE0101N1", "2016K1"): 1,
            ("0581", "BE0101N1", "2016"): 137000,
            ("0581", "BE0101N1", "2017"): 1.5,
        },
    )
    summary = _import(tmp_path, "d.json", odd)
    assert _reasons(summary) == [
        ("Tid=2016K1", "period_not_understood"),
        ("Region=0581, ContentsCode=BE0101N1, Tid=2017", "not_integer"),
    ]
    assert Observation.objects.get(table__table_id="TAB9002").value == 137000


@pytest.mark.django_db
def test_a_changed_figure_is_updated_and_takes_its_new_provenance(norrkoping, countries, tmp_path):
    cells = {("0581", "TOT", "2016"): 100, ("0581", "SY", "2016"): 6}
    _import(tmp_path, "a.json", birth_country_payload(cells))
    first = Fetch.objects.get()
    cells[("0581", "SY", "2016")] = 7
    summary = _import(tmp_path, "b.json", birth_country_payload(cells))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    second = Fetch.objects.exclude(pk=first.pk).get()
    assert Observation.objects.get(category="SY").fetch == second
    assert Observation.objects.get(category="").fetch == first
