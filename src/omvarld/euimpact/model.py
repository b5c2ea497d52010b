"""Value types of the EU-impact engine: the coding of one agenda item and its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What kind of agenda item it is (codebook, DOMAIN.md §3)."""

    FORMAL = "formal"
    ELECTION = "election"
    DECISION = "decision"
    MOTION = "motion"
    INTERPELLATION = "interpellation"
    INFORMATION = "information"


class EuLevel(StrEnum):
    """How EU law or policy touches the item; the order of the members is the precedence."""

    LEGAL = "legal"
    POLICY = "policy"
    NONE = "none"


KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
EU_LEVELS: tuple[str, ...] = tuple(e.value for e in EuLevel)

# The statistics report shares among these as well as among all items (DOMAIN.md §3).
SUBSTANTIVE_KINDS: frozenset[str] = frozenset(
    {Kind.DECISION.value, Kind.MOTION.value, Kind.INTERPELLATION.value}
)

AREA_CODES: tuple[str, ...] = (
    "procurement",
    "state_aid_competition",
    "environment_health",
    "water_sewage",
    "waste",
    "climate_energy",
    "planning_building",
    "housing",
    "transport",
    "food",
    "social_care",
    "health",
    "education",
    "labour_market",
    "integration_migration",
    "culture_leisure",
    "digital_data",
    "business_regional",
    "employment_hr",
    "finance_governance",
    "safety_security",
    "equality_rights",
    "international",
)
AREA_SET: frozenset[str] = frozenset(AREA_CODES)

MAX_AREAS = 3


def eu_rank(level: str) -> int:
    """Precedence of an ``eu`` value: 2 for legal, 1 for policy, 0 for none."""
    return {EuLevel.LEGAL.value: 2, EuLevel.POLICY.value: 1}.get(level, 0)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One quoted span of the item's text that supports the coding.

    ``start`` and ``end`` are offsets into the ``text`` given to ``classify``; ``ref`` is a CELEX
    number, an SFS number, a policy id or a cue id; ``why`` is the reason in Swedish.
    """

    text: str
    start: int
    end: int
    ref: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        """The evidence as plain JSON-ready data."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "ref": self.ref,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class Coding:
    """The engine's coding of one agenda item by the codebook of DOMAIN.md §3."""

    kind: str
    eu: str
    funding: bool
    areas: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.eu not in EU_LEVELS:
            raise ValueError(f"unknown eu value {self.eu!r}")
        unknown = [a for a in self.areas if a not in AREA_SET]
        if unknown:
            raise ValueError(f"unknown area codes {unknown!r}")
        if len(self.areas) > MAX_AREAS:
            raise ValueError(f"at most {MAX_AREAS} areas, got {len(self.areas)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside 0..1")

    @property
    def refs(self) -> tuple[str, ...]:
        """The distinct references (CELEX, SFS, policy ids) of the evidence, in order."""
        return tuple(dict.fromkeys(e.ref for e in self.evidence if e.ref))

    @property
    def substantive(self) -> bool:
        """True for decisions, motions and interpellations."""
        return self.kind in SUBSTANTIVE_KINDS

    def to_dict(self) -> dict[str, Any]:
        """The coding as plain JSON-ready data (the interface the CLI and the web app store)."""
        return {
            "kind": self.kind,
            "eu": self.eu,
            "funding": self.funding,
            "areas": list(self.areas),
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": self.confidence,
        }
