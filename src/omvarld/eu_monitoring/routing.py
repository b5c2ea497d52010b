"""Which bodies an EU initiative concerns, and why: the router's pure computation.

Three kinds of signal point to policy areas:

- the initiative's own areas (set by a source or a coordinator), the strongest;
- its EuroVoc subjects, through ``data/eurovoc_areas.yaml`` (a concept label weighs more than
  the four-digit microthesaurus, which weighs more than the two-digit domain);
- its Swedish title and summary, through the EU-impact engine's ``classify``.

A body's areas (``Body.areas``) meet those signals through the body matching shared with EU
funding, :mod:`omvarld.organisation.matching` (scores, thresholds and the engine's reading of the
text); what is particular to initiatives stays here: EuroVoc and the wording of the reasons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from omvarld.organisation import matching

# Re-exported: the router's callers import these from here, as before the matching moved out.
from omvarld.organisation.matching import WEIGHT_AREA as WEIGHT_AREA
from omvarld.organisation.matching import BodyAreas as BodyAreas
from omvarld.organisation.matching import Signal as Signal
from omvarld.organisation.matching import Suggestion as Suggestion
from omvarld.organisation.matching import text_areas as text_areas
from omvarld.organisation.matching import text_signals as text_signals

DATA_FILE = Path(__file__).resolve().parent / "data" / "eurovoc_areas.yaml"

WEIGHT_CONCEPT = 0.7
WEIGHT_MICROTHESAURUS = 0.6
WEIGHT_DOMAIN = 0.4

_CODE = re.compile(r"^\s*(\d{2}|\d{4})\b\s*(.*)$")


@dataclass(frozen=True)
class EurovocMap:
    """The mapping of EuroVoc concepts, microthesauri and domains to area codes."""

    concepts: Mapping[str, tuple[str, ...]]
    microthesauri: Mapping[str, tuple[str, ...]]
    domains: Mapping[str, tuple[str, ...]]


def parse_eurovoc_map(data: Mapping[str, Any]) -> EurovocMap:
    """The mapping from the data file's parsed YAML; raises ValueError on a malformed entry."""
    concepts: dict[str, tuple[str, ...]] = {}
    for entry in data.get("concepts") or []:
        areas = tuple(entry["areas"])
        for label in entry["labels"]:
            concepts[str(label).casefold()] = areas
    micro_entries = data.get("microthesauri") or {}
    microthesauri = {str(code): tuple(e["areas"]) for code, e in micro_entries.items()}
    domains = {str(code): tuple(e["areas"]) for code, e in (data.get("domains") or {}).items()}
    for code in [*microthesauri, *domains]:
        if not code.isdigit() or len(code) not in (2, 4):
            raise ValueError(f"{code!r} is neither a EuroVoc domain nor a microthesaurus code")
    return EurovocMap(concepts=concepts, microthesauri=microthesauri, domains=domains)


@lru_cache(maxsize=1)
def eurovoc_map() -> EurovocMap:
    """The mapping shipped with the platform, read once per process."""
    return parse_eurovoc_map(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Subject:
    """One EuroVoc subject as a source gave it, normalised."""

    labels: tuple[str, ...] = ()
    microthesaurus: str = ""
    domain: str = ""

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.microthesaurus or self.domain


def _code(value: object) -> str:
    match = _CODE.match(str(value or ""))
    return match.group(1) if match else ""


def subject_from(raw: object) -> Subject:
    """A subject from what a source stored: a label, "5206 environmental policy", a concept
    URI (which alone says nothing) or a mapping with label(s), microthesaurus and domain."""
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith(("http://", "https://")):
            return Subject()
        match = _CODE.match(text)
        if match:
            code, rest = match.groups()
            named = (rest,) if rest else ()
            if len(code) == 4:
                return Subject(labels=named, microthesaurus=code, domain=code[:2])
            return Subject(labels=named, domain=code)
        return Subject(labels=(text,) if text else ())
    if isinstance(raw, Mapping):
        labels: list[str] = []
        for key in ("label", "prefLabel", "label_sv", "label_en"):
            if isinstance(raw.get(key), str) and raw[key].strip():
                labels.append(raw[key].strip())
        extra = raw.get("labels")
        if isinstance(extra, Mapping):
            labels += [str(v).strip() for v in extra.values() if str(v).strip()]
        elif isinstance(extra, list):
            labels += [str(v).strip() for v in extra if str(v).strip()]
        micro = _code(raw.get("microthesaurus"))
        micro = micro if len(micro) == 4 else ""
        domain = _code(raw.get("domain")) or micro[:2]
        return Subject(labels=tuple(labels), microthesaurus=micro, domain=domain[:2])
    return Subject()


def eurovoc_signals(subjects: Iterable[object], mapping: EurovocMap) -> list[Signal]:
    """Area signals from EuroVoc subjects; subjects the mapping does not know give none."""
    signals = []
    for raw in subjects:
        subject = subject_from(raw)
        keys = [label.casefold() for label in subject.labels]
        concept = next((mapping.concepts[k] for k in keys if k in mapping.concepts), None)
        if concept is not None:
            areas, weight = concept, WEIGHT_CONCEPT
        elif subject.microthesaurus in mapping.microthesauri:
            areas, weight = mapping.microthesauri[subject.microthesaurus], WEIGHT_MICROTHESAURUS
        elif subject.domain in mapping.domains:
            areas, weight = mapping.domains[subject.domain], WEIGHT_DOMAIN
        else:
            continue
        signals += [Signal(area, weight, "eurovoc", subject.label) for area in areas]
    return signals


def _reason(signal: Signal, label: str) -> str:
    if signal.source == "area":
        return f"Initiativet gäller området {label}."
    if signal.source == "eurovoc":
        return f"EuroVoc-ämnet ”{signal.detail}” hör till området {label}."
    return f"Texten pekar på området {label}: {signal.detail}."


def suggest(
    *,
    signals: Sequence[Signal],
    bodies: Iterable[BodyAreas],
    labels: Mapping[str, str],
) -> list[Suggestion]:
    """The bodies the signals point to, best first; ``labels`` names the areas in Swedish."""
    return matching.suggest(signals=signals, bodies=bodies, labels=labels, explain=_reason)
