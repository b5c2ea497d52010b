"""Which bodies a text concerns, and why: body matching by policy areas, a pure computation.

Signals point to policy areas: areas set on the record itself (the strongest), the Swedish text
through the EU-impact engine's ``classify`` and its cue lexicon, and whatever further signals a
caller adds (EuroVoc subjects for EU initiatives, programme areas for funding calls). A body's
areas (``Body.areas``) meet those signals. Per area the signals combine as independent evidence
(1 - Π(1 - w)); a body's score is its best area plus a quarter of each further area, so a
committee whose core area is hit outranks the executive board that merely shares a side area.
A body is suggested at :data:`MIN_SCORE` or more. Every suggestion carries its reasons, one
Swedish sentence each, worded by the caller (``explain``).

EU monitoring routes initiatives with it (``eu_monitoring.routing``) and EU funding matches
calls with it (``funding.matching``): the same scores, so a committee sees both the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from omvarld.euimpact.classify import classify
from omvarld.euimpact.knowledge import Knowledge

__all__ = [
    "FURTHER_AREA",
    "GENERIC_TEXT_AREAS",
    "MIN_SCORE",
    "WEIGHT_AREA",
    "WEIGHT_TEXT",
    "WEIGHT_TEXT_SECONDARY",
    "BodyAreas",
    "Signal",
    "Suggestion",
    "suggest",
    "text_areas",
    "text_signals",
]

WEIGHT_AREA = 1.0
WEIGHT_TEXT = 0.6
WEIGHT_TEXT_SECONDARY = 0.45
FURTHER_AREA = 0.25
MIN_SCORE = 0.4

#: Areas the engine gives any EU text ("names the EU": international) or local-organisation words
#: ("budget", "revision"): they say nothing about which committee an EU text concerns.
GENERIC_TEXT_AREAS = frozenset({"international", "finance_governance"})


@dataclass(frozen=True)
class Signal:
    """One piece of evidence that a record concerns an area.

    ``source`` names the kind of evidence ("area", "text", or a caller's own such as "eurovoc");
    ``detail`` is what the reason quotes (a subject's label, the engine's explanation).
    """

    area: str
    weight: float
    source: str
    detail: str


def text_areas(coding: Any) -> list[str]:
    """The areas of an EU-relevant coding that point to a subject, most important first."""
    if coding.eu == "none" or not coding.evidence:
        return []
    return [area for area in coding.areas if area not in GENERIC_TEXT_AREAS]


def text_signals(title: str, text: str, knowledge: Knowledge) -> list[Signal]:
    """Area signals from the engine's reading of the text.

    Only a text the engine finds EU-relevant counts: the areas of a ``none`` coding come from
    cues about local matters, which say nothing about an EU text's subject.
    """
    if not (title.strip() or text.strip()):
        return []
    coding = classify(title, text or title, knowledge)
    areas = text_areas(coding)
    if not areas:
        return []
    why = coding.evidence[0].why
    return [
        Signal(area, WEIGHT_TEXT if index == 0 else WEIGHT_TEXT_SECONDARY, "text", why)
        for index, area in enumerate(areas)
    ]


@dataclass(frozen=True)
class BodyAreas:
    """A body as the matcher sees it: its id and the codes of the areas it is responsible for."""

    pk: int
    areas: frozenset[str]


@dataclass
class Suggestion:
    """A body the record concerns: how strongly, and why (one Swedish sentence a reason)."""

    body_id: int
    score: float
    reasons: list[dict[str, str]] = field(default_factory=list)


def _combined(weights: Iterable[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining


def suggest(
    *,
    signals: Sequence[Signal],
    bodies: Iterable[BodyAreas],
    labels: Mapping[str, str],
    explain: Callable[[Signal, str], str],
) -> list[Suggestion]:
    """The bodies the signals point to, best first.

    ``labels`` names the areas in Swedish; ``explain(signal, area_label)`` words one reason.
    """
    by_area: dict[str, list[Signal]] = {}
    for signal in signals:
        by_area.setdefault(signal.area, []).append(signal)
    strength = {area: _combined(s.weight for s in found) for area, found in by_area.items()}
    suggestions = []
    for body in bodies:
        hit = sorted((a for a in body.areas if a in strength), key=lambda a: (-strength[a], a))
        if not hit:
            continue
        score = strength[hit[0]] + FURTHER_AREA * sum(strength[a] for a in hit[1:])
        if score < MIN_SCORE:
            continue
        reasons = []
        seen: set[str] = set()
        for area in hit:
            for signal in sorted(by_area[area], key=lambda s: -s.weight):
                text = explain(signal, labels.get(area, area))
                if text not in seen:
                    seen.add(text)
                    reasons.append({"source": signal.source, "area": area, "text": text})
        suggestions.append(Suggestion(body.pk, round(score, 3), reasons))
    suggestions.sort(key=lambda s: (-s.score, s.body_id))
    return suggestions
