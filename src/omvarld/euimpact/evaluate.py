"""Agreement metrics for comparing the engine's codes with reference labels.

Pure functions over parallel sequences of labels; no I/O. Used by ``benchmarks/eval_engine.py``
and by the tests that guard the engine's agreement with the labelled meetings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = [
    "accuracy",
    "binary_f1",
    "cohen_kappa",
    "confusion_matrix",
    "format_confusion",
    "macro_f1",
    "match_titles",
    "micro_f1_sets",
    "normalise_title",
    "per_class_f1",
    "shares",
]


def _check(reference: Sequence[object], predicted: Sequence[object]) -> None:
    if len(reference) != len(predicted):
        raise ValueError(
            f"reference and predicted differ in length: {len(reference)} != {len(predicted)}"
        )


def accuracy(reference: Sequence[str], predicted: Sequence[str]) -> float:
    """Share of items where the prediction equals the reference (0.0 for no items)."""
    _check(reference, predicted)
    if not reference:
        return 0.0
    return sum(r == p for r, p in zip(reference, predicted, strict=True)) / len(reference)


def confusion_matrix(
    reference: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> list[list[int]]:
    """Counts ``m[i][j]`` of items with reference ``labels[i]`` predicted as ``labels[j]``.

    Items whose reference or prediction is not in ``labels`` are left out.
    """
    _check(reference, predicted)
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for r, p in zip(reference, predicted, strict=True):
        if r in index and p in index:
            matrix[index[r]][index[p]] += 1
    return matrix


def per_class_f1(
    reference: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, float]:
    """F1 of each label, treating it as the positive class (0.0 when it never occurs)."""
    matrix = confusion_matrix(reference, predicted, labels)
    result = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        fp = sum(matrix[j][i] for j in range(len(labels))) - tp
        fn = sum(matrix[i]) - tp
        result[label] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return result


def macro_f1(reference: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    """Unweighted mean of the per-label F1 over ``labels``."""
    if not labels:
        return 0.0
    scores = per_class_f1(reference, predicted, labels)
    return sum(scores.values()) / len(labels)


def cohen_kappa(reference: Sequence[str], predicted: Sequence[str]) -> float:
    """Cohen's κ: agreement corrected for the agreement expected by chance.

    1.0 is perfect agreement, 0.0 chance level; when chance agreement is already 1.0 (both
    raters always give the same single label) the result is 1.0 if they agree.
    """
    _check(reference, predicted)
    n = len(reference)
    if n == 0:
        return 0.0
    observed = sum(r == p for r, p in zip(reference, predicted, strict=True)) / n
    ref_counts = Counter(reference)
    pred_counts = Counter(predicted)
    expected = sum(ref_counts[c] * pred_counts.get(c, 0) for c in ref_counts) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1.0 - expected)


def binary_f1(reference: Sequence[bool], predicted: Sequence[bool]) -> float:
    """F1 of the positive class of a yes/no code; 1.0 when neither side has any positive."""
    _check(reference, predicted)
    tp = sum(r and p for r, p in zip(reference, predicted, strict=True))
    fp = sum(p and not r for r, p in zip(reference, predicted, strict=True))
    fn = sum(r and not p for r, p in zip(reference, predicted, strict=True))
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def micro_f1_sets(reference: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> float:
    """Micro-averaged F1 of set-valued codes (areas): pooled over all items' members."""
    _check(reference, predicted)
    tp = fp = fn = 0
    for r, p in zip(reference, predicted, strict=True):
        rs, ps = set(r), set(p)
        tp += len(rs & ps)
        fp += len(ps - rs)
        fn += len(rs - ps)
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def shares(values: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    """Share of each label among ``values`` (all 0.0 for no values)."""
    counts = Counter(values)
    total = len(values)
    return {label: (counts[label] / total if total else 0.0) for label in labels}


def format_confusion(matrix: list[list[int]], labels: Sequence[str]) -> str:
    """The confusion matrix as an aligned text table: rows reference, columns predicted."""
    width = max([len(label) for label in labels] + [6])
    header = " " * (width + 6) + " ".join(f"{label:>{width}}" for label in labels)
    lines = [header]
    for label, row in zip(labels, matrix, strict=True):
        lines.append(f"ref {label:>{width}}  " + " ".join(f"{n:>{width}}" for n in row))
    return "\n".join(lines)


def normalise_title(title: str) -> str:
    """A title compared case-insensitively, with runs of white space and edge punctuation
    (" .:;,") ignored: a list's full stop after a title is not part of it."""
    return " ".join(title.casefold().split()).strip(" .:;,")


def match_titles(reference: Sequence[str], found: Sequence[str]) -> list[int | None]:
    """For each reference title, the index of the found title it is matched to, or None.

    Titles match when equal after :func:`normalise_title`; each found title is used at most
    once. The matching keeps document order where it can (the longest common subsequence);
    titles left over are then matched in any order, so one item found out of place costs
    nothing but its position.
    """
    ref = [normalise_title(t) for t in reference]
    got = [normalise_title(t) for t in found]
    n, m = len(ref), len(got)
    # lcs[i][j]: longest common subsequence of ref[i:] and got[j:].
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = lcs[i], lcs[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if ref[i] == got[j] else max(below[j], row[j + 1])
    result: list[int | None] = [None] * n
    used = [False] * m
    i = j = 0
    while i < n and j < m:
        if ref[i] == got[j]:
            result[i], used[j] = j, True
            i += 1
            j += 1
        elif lcs[i + 1][j] >= lcs[i][j + 1]:
            i += 1
        else:
            j += 1
    for k, title in enumerate(ref):
        if result[k] is None:
            spare = next((j for j in range(m) if not used[j] and got[j] == title), None)
            if spare is not None:
                result[k], used[spare] = spare, True
    return result
