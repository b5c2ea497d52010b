"""The JSON-stat 2.0 reader on SCB's real recorded responses, and on what is not a dataset."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from omvarld.population.scb import jsonstat

pytestmark = pytest.mark.shared_data


def test_recorded_data_reads_with_its_table_notes_and_positions(recordings):
    data = jsonstat.parse((recordings / "TAB6471_data.json").read_text(encoding="utf-8"))
    assert data.table_id == "TAB6471"
    assert data.ids == ("Region", "Alder", "Kon", "ContentsCode", "Tid")
    assert data.size == 21 * 11 * 3 * 1 * 4 == 2772
    assert data.updated == dt.datetime(2026, 6, 8, 6, 0, tzinfo=dt.UTC)
    assert data.aggregation_allowed is False
    # Four notes, all four mandatory in extension.noteMandatory.
    assert len(data.notes) == len(data.mandatory_notes) == 4
    assert data.mandatory_notes[0].startswith("Från och med referensåret 2025")
    assert data.role("time").id == "Tid"
    assert data.dimension("Region").label_of("05") == "Östergötlands län"


def test_recorded_cells_by_hand(recordings):
    """Row-major: Region 05 is the 4th of 21, age 0-9 the 1st of 11, TotSa the 1st of 3, so
    its first month sits at ((3*11 + 0)*3 + 0)*4 + 0 = 396; the months follow one by one."""
    data = jsonstat.parse((recordings / "TAB6471_data.json").read_text(encoding="utf-8"))
    cells = list(data.cells({"Region": {"05"}, "Alder": {"0-9"}}))
    assert [(c.codes["Kon"], c.codes["Tid"], c.value) for c in cells[:4]] == [
        ("TotSa", "2026M01", 43421),
        ("TotSa", "2026M02", 43752),
        ("TotSa", "2026M03", 44075),
        ("TotSa", "2026M04", 44438),
    ]
    assert cells[0].index == 396
    men, women = cells[4].value, cells[8].value
    # SCB's total is not the sum of its parts from 2025 (cell-key method): 22440 + 20986.
    assert (men, women) == (22440, 20986)
    assert men + women == 43426 != 43421


def test_recorded_metadata_has_no_values_and_312_regions(recordings):
    meta = jsonstat.parse((recordings / "TAB6471_metadata.json").read_text(encoding="utf-8"))
    assert meta.has_values is False
    region = meta.dimension("Region")
    assert len(region.codes) == 312
    assert region.label_of("0581") == "Norrköping"
    assert meta.dimension("Region").extension["elimination"] is True
    assert meta.dimension("Alder").extension["elimination"] is False


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("<html>Service Unavailable</html>", "not_json"),
        ("[1, 2, 3]", "not_dataset"),
        ('{"class": "collection", "version": "2.0"}', "not_dataset"),
        (
            '{"class":"dataset","version":"2.0","id":["A"],"size":[2],'
            '"dimension":{"A":{"category":{"index":{"x":0,"y":1}}}},"value":[1]}',
            "value_count",
        ),
        (
            '{"class":"dataset","version":"2.0","id":["A"],"size":[1],'
            '"dimension":{"A":{"category":{"index":{"x":0}}}},"value":["12"]}',
            "bad_value",
        ),
        (
            '{"class":"dataset","version":"2.0","id":["A","B"],"size":[1,1],'
            '"dimension":{"A":{"category":{"index":{"x":0}}}},"value":[1]}',
            "missing_dimension",
        ),
        (
            '{"class":"dataset","version":"2.0","id":["A"],"size":[3],'
            '"dimension":{"A":{"category":{"index":{"x":0}}}},"value":[1,2,3]}',
            "size_mismatch",
        ),
    ],
)
def test_what_is_not_a_dataset_says_why(payload, reason):
    with pytest.raises(jsonstat.JsonStatError) as error:
        jsonstat.parse(payload)
    assert error.value.reason == reason


def _one_dim(value, status):
    return json.dumps(
        {
            "class": "dataset",
            "version": "2.0",
            "id": ["A"],
            "size": [3],
            "dimension": {"A": {"category": {"index": ["x", "y", "z"]}}},
            "value": value,
            "status": status,
        }
    )


def test_status_as_string_array_or_object_and_sparse_values():
    assert jsonstat.parse(_one_dim([1, None, 3], "..")).status == {0: "..", 1: "..", 2: ".."}
    assert jsonstat.parse(_one_dim([1, None, 3], [None, "..", ""])).status == {1: ".."}
    assert jsonstat.parse(_one_dim([1, None, 3], {"1": ":"})).status == {1: ":"}
    sparse = jsonstat.parse(_one_dim({"0": 5, "2": 7}, None))
    assert [c.value for c in sparse.cells()] == [5, None, 7]
