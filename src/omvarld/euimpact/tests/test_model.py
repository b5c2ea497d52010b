"""Tests of the engine's value types."""

from __future__ import annotations

import dataclasses

import pytest

from omvarld.euimpact.model import (
    AREA_CODES,
    EU_LEVELS,
    KINDS,
    SUBSTANTIVE_KINDS,
    Coding,
    Evidence,
    eu_rank,
)


def test_codebook_constants() -> None:
    assert len(AREA_CODES) == 23
    assert len(set(AREA_CODES)) == 23
    assert set(KINDS) == {
        "formal",
        "election",
        "decision",
        "motion",
        "interpellation",
        "information",
    }
    assert EU_LEVELS == ("legal", "policy", "none")
    assert {"decision", "motion", "interpellation"} == SUBSTANTIVE_KINDS


def test_precedence() -> None:
    assert eu_rank("legal") > eu_rank("policy") > eu_rank("none")


def test_to_dict_has_exactly_the_interface_keys() -> None:
    evidence = Evidence(text="avfallstaxa", start=0, end=11, ref="32008L0098", why="Avfall")
    coding = Coding(
        kind="decision",
        eu="legal",
        funding=False,
        areas=("waste",),
        evidence=(evidence,),
        confidence=0.9,
    )
    data = coding.to_dict()
    assert set(data) == {"kind", "eu", "funding", "areas", "evidence", "confidence"}
    assert data["areas"] == ["waste"]
    assert data["evidence"] == [
        {"text": "avfallstaxa", "start": 0, "end": 11, "ref": "32008L0098", "why": "Avfall"}
    ]
    assert coding.refs == ("32008L0098",)
    assert coding.substantive


def test_coding_is_frozen() -> None:
    coding = Coding(kind="formal", eu="none", funding=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        coding.eu = "legal"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "speech"),
        ("eu", "maybe"),
        ("areas", ("nowhere",)),
        ("areas", ("waste", "food", "health", "transport")),
        ("confidence", 1.5),
    ],
)
def test_invalid_codings_are_refused(field: str, value: object) -> None:
    values: dict[str, object] = {"kind": "decision", "eu": "none", "funding": False}
    values[field] = value
    with pytest.raises(ValueError, match=r"."):
        Coding(**values)  # type: ignore[arg-type]
