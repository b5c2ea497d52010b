"""What SCB's codes mean, checked on every code of the recorded metadata."""

from __future__ import annotations

from collections import Counter

import pytest

from omvarld.population.scb import codes, jsonstat


@pytest.mark.shared_data
def test_every_region_of_the_recorded_metadata_is_classified(recordings):
    meta = jsonstat.parse((recordings / "TAB6471_metadata.json").read_text(encoding="utf-8"))
    region = meta.dimension("Region")
    levels = Counter(codes.region_level(code) for code in region.codes)
    assert levels == {"sweden": 1, "county": 21, "municipality": 290}
    assert codes.region_level("0581") == "municipality"
    # Every municipality lies in a county of the same table.
    counties = {c for c in region.codes if codes.region_level(c) == "county"}
    assert {c[:2] for c in region.codes if len(c) == 4} == counties


@pytest.mark.shared_data
def test_totals_and_layout_of_the_recorded_tables(recordings):
    meta = jsonstat.parse((recordings / "TAB6471_metadata.json").read_text(encoding="utf-8"))
    data = jsonstat.parse((recordings / "TAB6471_data.json").read_text(encoding="utf-8"))
    assert codes.total_code(meta.dimension("Alder")) == "TotSA"
    assert codes.total_code(meta.dimension("Kon")) == "TotSa"
    assert codes.total_code(data.dimension("Alder")) is None  # ten-year groups only
    layout = codes.layout(data)
    assert layout is not None
    assert (layout.region.id, layout.time.id, layout.contents.id) == (
        "Region",
        "Tid",
        "ContentsCode",
    )
    assert layout.category is None
    assert [d.id for d in layout.others] == ["Alder", "Kon"]
    assert codes.measure_of(layout.contents, "000007SF") == "stock"


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("00", "sweden"),
        ("05", "county"),
        ("0581", "municipality"),
        ("02", None),
        ("9999", None),
        ("0581A0010", None),
        ("", None),
        ("1480", "municipality"),
    ],
)
def test_region_levels(code, level):
    assert codes.region_level(code) == level


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2016", codes.Period(2016)),
        ("2026M04", codes.Period(2026, 4)),
        ("2026M13", None),
        ("2016K1", None),
        ("16", None),
    ],
)
def test_periods(code, expected):
    assert codes.parse_period(code) == expected


def test_contents_by_label():
    dim = jsonstat.Dimension(
        id="ContentsCode",
        label="tabellinnehåll",
        codes=("a", "b", "c", "d"),
        labels={"a": "Invandringar", "b": "Utvandringar", "c": "Antal", "d": "Folkökning"},
    )
    assert [codes.measure_of(dim, c) for c in dim.codes] == [
        "immigration",
        "emigration",
        "stock",
        None,
    ]
