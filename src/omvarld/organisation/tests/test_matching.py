"""Body matching by areas: the computation EU monitoring and EU funding share."""

from __future__ import annotations

from omvarld.euimpact.knowledge import load_knowledge
from omvarld.organisation import matching
from omvarld.organisation.matching import BodyAreas, Signal


def _plain(signal: Signal, label: str) -> str:
    return f"{signal.source}: {label}"


def test_scores_and_reasons_by_hand():
    signals = [
        Signal("education", 1.0, "area", ""),
        Signal("labour_market", 0.5, "text", "x"),
        Signal("labour_market", 0.5, "programme", "ESF+"),
    ]
    bodies = [
        BodyAreas(1, frozenset({"education", "labour_market"})),
        BodyAreas(2, frozenset({"labour_market"})),
        BodyAreas(3, frozenset({"transport"})),
    ]
    found = matching.suggest(
        signals=signals, bodies=bodies, labels={"education": "Utbildning"}, explain=_plain
    )
    # labour_market: 1 - 0.5 × 0.5 = 0.75; body 1: 1.0 + 0.25 × 0.75 = 1.1875.
    assert [(s.body_id, s.score) for s in found] == [(1, 1.188), (2, 0.75)]
    assert [r["text"] for r in found[0].reasons] == [
        "area: Utbildning",
        "text: labour_market",
        "programme: labour_market",
    ]


def test_below_the_threshold_nobody_is_suggested():
    signals = [Signal("transport", matching.MIN_SCORE - 0.01, "text", "x")]
    found = matching.suggest(
        signals=signals, bodies=[BodyAreas(1, frozenset({"transport"}))], labels={}, explain=_plain
    )
    assert found == []


def test_the_engine_reads_swedish_text_into_areas():
    signals = matching.text_signals(
        "Översyn av avfallsplanen",
        "Kommunens avfallsplan och renhållningsordning",
        load_knowledge(),
    )
    assert signals[0].area == "waste"
    assert signals[0].weight == matching.WEIGHT_TEXT
    assert all(s.area not in matching.GENERIC_TEXT_AREAS for s in signals)


def test_a_text_without_eu_subject_gives_no_signal():
    assert matching.text_signals("Val av justerare", "", load_knowledge()) == []
    assert matching.text_signals("", "  ", load_knowledge()) == []
