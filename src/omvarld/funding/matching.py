"""Which bodies a call concerns, and why: the body matching of EU monitoring applied to calls.

The signals, weakest to strongest:

- the programme's areas (``Programme.areas``, from the programme file): a call of Erasmus+ is
  likely about education, but the programme alone never suggests a body;
- English terms of the call's title, description and keywords (``data/call_terms.yaml``), since
  the portal writes in English;
- the engine's reading of a Swedish title and description, through its cue lexicon (calls
  entered by hand from Swedish sources);
- the areas a coordinator sets on the call.

They meet the bodies' areas in :func:`omvarld.organisation.matching.suggest`, the same scores and
threshold that route EU initiatives. Plain Python: the services give it the records' values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from omvarld.euimpact.knowledge import Knowledge
from omvarld.euimpact.model import AREA_SET
from omvarld.organisation import matching
from omvarld.organisation.matching import WEIGHT_AREA, BodyAreas, Signal, Suggestion

TERMS_FILE = Path(__file__).resolve().parent / "data" / "call_terms.yaml"

WEIGHT_PROGRAMME = 0.25
WEIGHT_TERM_TITLE = 0.45
WEIGHT_TERM_TEXT = 0.25


@dataclass(frozen=True)
class Term:
    area: str
    pattern: re.Pattern[str]


def parse_terms(data: Mapping[str, Any]) -> tuple[Term, ...]:
    """The terms of the data file's parsed YAML; raises ValueError on an unknown area or a
    pattern that does not compile."""
    terms = []
    for entry in data.get("terms") or []:
        area = str(entry["area"])
        if area not in AREA_SET:
            raise ValueError(f"{area!r} is not a policy area")
        try:
            terms.append(Term(area, re.compile(str(entry["pattern"]))))
        except re.error as exc:
            raise ValueError(f"pattern of {area}: {exc}") from None
    return tuple(terms)


@lru_cache(maxsize=1)
def call_terms() -> tuple[Term, ...]:
    """The terms shipped with the platform, read once per process."""
    return parse_terms(yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8")))


def term_signals(*, title: str, text: str, terms: Sequence[Term] | None = None) -> list[Signal]:
    """One signal per area and distinct term found: heavier in the title than in the text."""
    terms = call_terms() if terms is None else terms
    signals: list[Signal] = []
    seen: set[tuple[str, str]] = set()
    for where, weight in ((title.lower(), WEIGHT_TERM_TITLE), (text.lower(), WEIGHT_TERM_TEXT)):
        for term in terms:
            for found in term.pattern.finditer(where):
                word = found.group(0)
                if (term.area, word) in seen:
                    continue
                seen.add((term.area, word))
                signals.append(Signal(term.area, weight, "term", word))
    return signals


@dataclass(frozen=True)
class CallText:
    """What the matching reads of a call."""

    title: str
    title_sv: str = ""
    description: str = ""
    #: The title and description are Swedish (a call entered from a Swedish source); the
    #: portal's are English, which the engine's Swedish lexicon would misread.
    swedish: bool = False
    keywords: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    programme: str = ""
    programme_areas: tuple[str, ...] = ()


def call_signals(call: CallText, knowledge: Knowledge) -> list[Signal]:
    """Every signal of a call, strongest kinds first."""
    signals = [Signal(area, WEIGHT_AREA, "area", "") for area in call.areas]
    # The engine's lexicon is Swedish: it reads a Swedish title, and the description only when
    # that is Swedish too.
    if call.swedish:
        heading = call.title_sv or call.title
        signals += matching.text_signals(heading, f"{heading}\n\n{call.description}", knowledge)
    elif call.title_sv:
        signals += matching.text_signals(call.title_sv, call.title_sv, knowledge)
    text = "\n".join([call.description, *call.keywords])
    signals += term_signals(title=call.title, text=text)
    signals += [
        Signal(area, WEIGHT_PROGRAMME, "programme", call.programme) for area in call.programme_areas
    ]
    return signals


def _reason(signal: Signal, label: str) -> str:
    if signal.source == "area":
        return f"Utlysningen gäller området {label}."
    if signal.source == "programme":
        return f"Programmet {signal.detail} finansierar området {label}."
    if signal.source == "term":
        return f"Utlysningen nämner ”{signal.detail}”, som hör till området {label}."
    return f"Texten pekar på området {label}: {signal.detail}."


def suggest(
    *,
    signals: Sequence[Signal],
    bodies: Iterable[BodyAreas],
    labels: Mapping[str, str],
) -> list[Suggestion]:
    """The bodies the call's signals point to, best first, with the reasons in Swedish."""
    return matching.suggest(signals=signals, bodies=bodies, labels=labels, explain=_reason)
