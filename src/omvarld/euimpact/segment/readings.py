"""The step that picks, among the readings of the detectors, the most consistent one.

Every detector reads the whole document its own way and may find items where there are none
(a numbered decision inside a summary, a paragraph of text split at its capitals). A reading
scores by its items: a title that reads as a title counts one, one that reads as prose or page
furniture counts against; item numbers that count up by one add a little. The highest score
wins; on a tie, readings whose items carry text (minutes) come first, then tables of contents,
numbered lists, bullet lists, run-together lists and decision summaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from omvarld.euimpact.segment.minutes import FURNITURE_TITLE
from omvarld.euimpact.segment.text import Found

__all__ = ["Reading", "choose", "title_quality"]

# Ties are broken by this order (lower first).
PRIORITY = {
    "minutes": 0,
    "contents": 1,
    "numbered-list": 2,
    "bullet-list": 3,
    "run-on": 4,
    "summary": 5,
    "whole-text": 9,
}
_SENTENCE_BREAK = re.compile(r"[a-zåäö]{2}[.!?]\s+[A-ZÅÄÖ]")
_PROSE_END = re.compile(r"[a-zåäö]{3}\.$")
_LETTERS = re.compile(r"[A-Za-zÅÄÖåäö]")
_FINITE_VERBS = frozenset(
    ["har", "är", "ska", "skall", "kan", "får", "blir", "var", "hade", "finns", "gäller", "innebär"]
)


@dataclass(slots=True)
class Reading:
    """One detector's reading of a document: the items it found and the document's shape."""

    family: str
    shape: str
    items: list[Found] = field(default_factory=list)
    bonus: float = 0.0

    @property
    def score(self) -> float:
        """Titles that read as titles, less those that do not, plus counting numbers."""
        qualities = [title_quality(item.title) for item in self.items]
        good = sum(q for q in qualities if q > 0)
        bad = sum(-q for q in qualities if q < 0)
        return good - bad + _numbering(self.items) + self.bonus


def title_quality(title: str) -> float:
    """1 for a title, 0.5 for a doubtful one, negative for prose or furniture."""
    words = title.split()
    if not words or not _LETTERS.search(title) or FURNITURE_TITLE.match(title):
        return -1.0
    breaks = len(_SENTENCE_BREAK.findall(title))
    if len(words) > 40 or breaks >= 2:
        return -1.0
    if breaks:
        return 0.5
    if len(words) > 12 and _PROSE_END.search(title):
        return -0.5
    if len(words) > 6 and sum(1 for w in words if w.lower() in _FINITE_VERBS) >= 2:
        return 0.5
    first = title.lstrip("\"”“'«(")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return 0.5
    return 1.0


def _numbering(items: list[Found]) -> float:
    """A quarter point for each item whose number follows the previous one's."""
    values = []
    for item in items:
        digits = re.search(r"\d+", item.number)
        values.append(int(digits.group()) if digits else None)
    steps = sum(1 for a, b in pairwise(values) if a is not None and b is not None and b == a + 1)
    return 0.25 * steps


def choose(readings: list[Reading]) -> Reading | None:
    """The reading with the highest score (see the module docstring), or None if none found."""
    useful = [r for r in readings if r.items]
    if not useful:
        return None
    return max(useful, key=lambda r: (round(r.score, 3), -PRIORITY.get(r.family, 8)))
