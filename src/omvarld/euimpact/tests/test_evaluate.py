"""Tests of the agreement metrics against hand-computed examples."""

from __future__ import annotations

import pytest

from omvarld.euimpact.evaluate import (
    accuracy,
    binary_f1,
    cohen_kappa,
    confusion_matrix,
    format_confusion,
    macro_f1,
    match_titles,
    micro_f1_sets,
    normalise_title,
    per_class_f1,
    shares,
)

LABELS = ("legal", "policy", "none")
# Ten items: reference vs predicted.
REF = ["legal", "legal", "legal", "policy", "policy", "none", "none", "none", "none", "none"]
PRED = ["legal", "legal", "none", "policy", "none", "none", "none", "none", "none", "legal"]


def test_accuracy() -> None:
    assert accuracy(REF, PRED) == pytest.approx(0.7)
    assert accuracy([], []) == 0.0


def test_confusion_matrix() -> None:
    assert confusion_matrix(REF, PRED, LABELS) == [[2, 0, 1], [0, 1, 1], [1, 0, 4]]


def test_per_class_and_macro_f1() -> None:
    # legal: tp 2, fp 1, fn 1 -> 4/6; policy: tp 1, fp 0, fn 1 -> 2/3;
    # none: tp 4, fp 2, fn 1 -> 8/11
    scores = per_class_f1(REF, PRED, LABELS)
    assert scores["legal"] == pytest.approx(2 / 3)
    assert scores["policy"] == pytest.approx(2 / 3)
    assert scores["none"] == pytest.approx(8 / 11)
    assert macro_f1(REF, PRED, LABELS) == pytest.approx((2 / 3 + 2 / 3 + 8 / 11) / 3)


def test_cohen_kappa_hand_computed() -> None:
    # p_o = 0.7; reference 3/2/5, predicted 3/1/6 -> p_e = (9 + 2 + 30) / 100 = 0.41
    assert cohen_kappa(REF, PRED) == pytest.approx((0.7 - 0.41) / (1 - 0.41))


def test_cohen_kappa_edges() -> None:
    assert cohen_kappa(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) == 1.0
    # Systematic disagreement is worse than chance.
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        accuracy(["a"], [])


def test_binary_f1() -> None:
    assert binary_f1([True, True, False, False], [True, False, True, False]) == pytest.approx(0.5)
    assert binary_f1([False, False], [False, False]) == 1.0


def test_micro_f1_sets() -> None:
    # tp 2 (waste, food), fp 1 (health), fn 1 (water_sewage) -> 4/6
    reference = [["waste"], ["food", "water_sewage"], []]
    predicted = [["waste"], ["food"], ["health"]]
    assert micro_f1_sets(reference, predicted) == pytest.approx(2 / 3)


def test_shares() -> None:
    assert shares(REF, LABELS) == {"legal": 0.3, "policy": 0.2, "none": 0.5}
    assert shares([], LABELS) == {"legal": 0.0, "policy": 0.0, "none": 0.0}


def test_format_confusion_rows_and_columns() -> None:
    table = format_confusion([[1, 2], [3, 4]], ("a", "b")).splitlines()
    assert len(table) == 3
    assert table[1].split()[-2:] == ["1", "2"]


def test_normalise_title_ignores_case_space_and_edge_punctuation() -> None:
    assert normalise_title("  Val av   JUSTERARE. ") == "val av justerare"
    assert normalise_title("Rapport: Idrott") == "rapport: idrott"


def test_match_titles_one_to_one_in_order_then_out_of_order() -> None:
    reference = ["Upprop", "Val av justerare", "Budget", "Avsägelser", "Avsägelser"]
    found = ["Val av justerare", "Upprop", "Avsägelser", "Taxa", "budget."]
    # Every title that is found is matched once, out of order where needed; one of the two
    # "Avsägelser" stays unmatched because it is found only once.
    result = match_titles(reference, found)
    assert result[:3] == [1, 0, 4]
    assert sorted([result[3], result[4]], key=str) == [2, None]
    assert match_titles([], found) == []
    assert match_titles(reference, []) == [None] * 5
