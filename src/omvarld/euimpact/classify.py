"""Code one agenda item by the codebook of DOMAIN.md §3: kind, EU influence, funding, areas.

The coding is deterministic and explained: every EU signal is an :class:`Evidence` quoting the
span of text it rests on. Precedence is legal > policy > none. Only what the item itself decides
counts: formal and election items are always ``none``, signals outside the title weigh less than
the title's own, and weak cues ("something may be purchased some day") do not reach the
``legal`` threshold on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from omvarld.euimpact.citations import Citation, find_citations
from omvarld.euimpact.kinds import MAX_TITLE, PROCEDURAL, clean_title, item_kind
from omvarld.euimpact.knowledge import Knowledge
from omvarld.euimpact.model import (
    MAX_AREAS,
    Coding,
    EuLevel,
    Evidence,
    Kind,
)

__all__ = ["classify", "clean_title", "item_kind"]

# A cue at or above this weight decides the level on its own.
THRESHOLD = 0.5
# Text beyond this many characters is not searched: the title and the opening of the officer's
# report carry the subject, and long documents would otherwise collect incidental mentions.
MAX_TEXT = 20_000
# Without the title in the text, this much of its opening stands for the title.
OPENING = 200
# Weight factors for signals outside the title (see ``_damped``).
BODY_CITATION = 0.8
BODY_CUE = 0.45
MAX_EVIDENCE = 6
# Areas: weight of an entry's second and third area, and the share of the main area's score
# another area needs to be listed.
SECONDARY = 0.6
AREA_CUTOFF = 0.5

# Plain strings rather than enum members in the hot path: enum attribute access is slow.
LEGAL, POLICY, NONE = EuLevel.LEGAL.value, EuLevel.POLICY.value, EuLevel.NONE.value
_RANK = {LEGAL: 2, POLICY: 1, NONE: 0}
_NON_SUBSTANTIVE = frozenset({Kind.FORMAL.value, Kind.ELECTION.value})

# Items whose head is the municipality's own organisation or accounts: an annual report, a budget,
# a committee's rules, a company's articles. They are "local organisation" in the codebook and
# coded none whatever body or subject they name ("Årsredovisning för Samordningsförbundet ...");
# only an explicit EU act or programme in them still counts.
_GOVERNANCE = re.compile(
    r"^(?:(?:ändring(?:ar)? (?:av|i)|revidering av|reviderade?t?|revidera|översyn av|"
    r"justering av|uppdatering av|förslag till|godkännande av|fastställande av|antagande av|"
    r"ny|nytt|nya)\s+)?(?:[\w-]+(?:\s+och\s+[\w-]+)?s\s+)?(?:gemensamt?\s+)?"
    r"(?:reglemente|bolagsordning|ägardirektiv|ägarpolicy|arbetsordning|förbundsordning|"
    r"delegationsordning|årsredovisning|årsbokslut|bokslut|delårsrapport|delårsbokslut|"
    r"tertialrapport|månadsrapport|revisionsberättelse|ansvarsfrihet|budget|mål och budget|"
    r"exploateringsavtal|exploateringskalkyl|gatukostnad\w{0,12}|köpekontrakt|"
    r"driftbudget|investeringsbudget|tilläggsbudget|kompletteringsbudget|partistöd|arvode|"
    r"sammanträdes)"
)


@dataclass(frozen=True, slots=True)
class _Signal:
    level: str
    weight: float
    areas: tuple[str, ...]
    funding: bool
    evidence: Evidence
    source: str  # "act", "statute", "policy" or "cue"


def _citation_signals(citations: list[Citation], knowledge: Knowledge) -> list[_Signal]:
    signals = []
    for c in citations:
        if c.kind == "act":
            act = knowledge.acts.get(c.ref)
            if act is None:
                # Sector 3 acts of these types and treaty articles bind; recommendations and
                # sector 5 preparatory documents (Commission proposals) are policy.
                binding = (c.ref[:1] == "3" and c.ref[5:6] in ("L", "R", "D")) or c.ref[:1] == "1"
                level = "legal" if binding else "policy"
                why = (
                    f"Hänvisar till EU-rättsakten {c.ref}"
                    if binding
                    else f"Hänvisar till EU-dokumentet {c.ref}, som inte är bindande"
                )
                areas: tuple[str, ...] = ()
            else:
                level = "legal" if act.binding else "policy"
                why = f"Hänvisar till {act.label} ({act.citation or act.celex}), " + (
                    "bindande EU-rätt" if act.binding else "en EU-rekommendation"
                )
                if act.status == "repealed" and act.replaced_by:
                    why += f", numera ersatt av {_act_label(act.replaced_by, knowledge)}"
                areas = act.areas
            signals.append(_Signal(level, 0.95, areas, False, _ev(c, c.ref, why), "act"))
        elif c.kind == "statute":
            statute = knowledge.statutes.get(c.ref)
            if statute is None:
                continue
            if statute.eu == "legal" and statute.celex:
                names = [_act_label(celex, knowledge) for celex in statute.celex[:2]]
                why = f"{_capital(statute.label)} genomför {' och '.join(names)}"
                signals.append(
                    _Signal("legal", 0.9, statute.areas, False, _ev(c, c.ref, why), "statute")
                )
            else:
                why = f"{_capital(statute.label)} bygger inte på EU-rätt"
                signals.append(
                    _Signal("none", 0.5, statute.areas, False, _ev(c, c.ref, why), "statute")
                )
        else:
            policy = knowledge.policies.get(c.ref)
            if policy is None:
                continue
            why = f"Berör EU:s {policy.label}" + (" (EU-medel)" if policy.funding else "")
            signals.append(
                _Signal("policy", 0.85, policy.areas, policy.funding, _ev(c, c.ref, why), "policy")
            )
    return signals


def _act_label(celex: str, knowledge: Knowledge) -> str:
    act = knowledge.acts.get(celex)
    if act is None:
        return celex
    return f"{act.label} ({act.citation})" if act.citation else act.label


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ev(c: Citation, ref: str, why: str) -> Evidence:
    return Evidence(text=c.text, start=c.start, end=c.end, ref=ref, why=why)


# Names of municipal companies and committees mention subjects ("Norrköping Vatten och Avfall AB",
# "byggnads- och miljöskyddsnämnden") without the item being about them: an item on a company's
# articles or a committee's rules decides on organisation, not on waste or environmental law.
_COMPANY = re.compile(
    r"(?:[A-ZÅÄÖ][\w.&-]*\s+(?:(?:och|i|&)\s+)?){1,6}(?:AB|Aktiebolag|HB|KB|ek\. ?för\.)(?!\w)"
)
_COMMITTEE = re.compile(
    r"(?<!\w)(?:[\w]+-?\s+(?:och|,)\s+)?[\w-]*(?:nämnd|styrelse)(?:en|ens|er|erna|s)?(?!\w)"
    r"(?:\s+(?:verksamhetsområde|ansvarsområde)\w*)?",
    re.IGNORECASE,
)


def _masked(text: str) -> str:
    """Lower-cased text with company and committee names blanked out, offsets unchanged."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    # Cheap substring tests first: most titles name neither.
    if "AB" in text or "ktiebolag" in text or "KB" in text or "HB" in text:
        spans += [m.span() for m in _COMPANY.finditer(text)]
    if "nämnd" in lowered or "styrelse" in lowered:
        spans += [m.span() for m in _COMMITTEE.finditer(text)]
    if not spans:
        return lowered
    chars = list(lowered)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _cue_signals(text: str, kind: str, knowledge: Knowledge) -> list[_Signal]:
    signals = []
    for cue, start, end in knowledge.cue_matcher.find(_masked(text)):
        if kind not in cue.kinds:
            continue
        ref = cue.refs[0] if cue.refs else f"cue:{cue.id}"
        evidence = Evidence(text=text[start:end], start=start, end=end, ref=ref, why=cue.why_sv)
        signals.append(_Signal(cue.eu, cue.weight, cue.areas, cue.funding, evidence, "cue"))
    return signals


def _areas(signals: list[_Signal]) -> tuple[str, ...]:
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    for s in signals:
        for rank, area in enumerate(s.areas):
            # The first area of an entry is its main one.
            score[area] = score.get(area, 0.0) + s.weight * (1.0 if rank == 0 else SECONDARY)
            first.setdefault(area, s.evidence.start)
    if not score:
        return ()
    top = max(score.values())
    # Most items have one subject: minor areas far below the main one are left out.
    ordered = sorted(
        (a for a in score if score[a] >= AREA_CUTOFF * top),
        key=lambda a: (-score[a], first[a], a),
    )
    return tuple(ordered[:MAX_AREAS])


def _strength(signals: list[_Signal], level: str | None) -> float:
    """Combined weight of independent signals of one level (any level for None): 1 - Π(1 - w)."""
    remaining = 1.0
    for s in signals:
        if level is None or s.level == level:
            remaining *= 1.0 - s.weight
    return 1.0 - remaining


def _distinct_spans(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    """The evidence without spans inside a span already quoted ("avfall" in "avfallstaxa")."""
    kept: list[Evidence] = []
    for e in evidence:
        if not any(k.start <= e.start and e.end <= k.end for k in kept):
            kept.append(e)
    return tuple(kept)


def _title_span(title: str, body: str) -> tuple[int, int]:
    """Where the title lies in the text; the text's opening when it is not found verbatim."""
    stripped = title.strip()
    index = body.find(stripped) if stripped else -1
    if index >= 0:
        return index, index + len(stripped)
    return 0, min(len(body), max(len(stripped), OPENING))


def _damped(signals: list[_Signal], span: tuple[int, int]) -> list[_Signal]:
    """Signals outside the title count less: the title says what the item decides.

    The body of an officer's report or of a minuted paragraph mentions much that the item does
    not decide ("upphandling kan bli aktuell"); a subject cue or statute found only there cannot
    decide the level alone, but it can confirm a weaker signal of the title. A cited EU act or a
    named EU programme still counts nearly in full.
    """
    result = []
    for s in signals:
        if span[0] <= s.evidence.start and s.evidence.end <= span[1]:
            result.append(s)
            continue
        factor = BODY_CITATION if s.source in ("act", "policy") else BODY_CUE
        weight = round(s.weight * factor, 3)
        result.append(_Signal(s.level, weight, s.areas, s.funding, s.evidence, s.source))
    return result


def classify(title: str, text: str, knowledge: Knowledge) -> Coding:
    """Code one agenda item: kind, EU influence (legal/policy/none), funding, areas, evidence.

    ``text`` is the item's full text (equal to ``title`` for notices); evidence offsets refer to
    it. The kind comes from the title's wording; EU influence from EU-act, statute and policy
    citations and from subject cues, with precedence legal > policy > none. Formal and election
    items are always ``none``: they decide nothing about their subject (codebook §3). Only the
    first ``MAX_TITLE`` characters of the title and ``MAX_TEXT`` of the text are read.
    """
    title = title[:MAX_TITLE]
    kind = item_kind(title)
    if kind in _NON_SUBSTANTIVE:
        return Coding(kind=kind, eu=NONE, funding=False, confidence=0.95)
    body = text[:MAX_TEXT] if text[:MAX_TEXT].strip() else title
    signals = _citation_signals(find_citations(body, knowledge), knowledge)
    cues = _cue_signals(body, kind, knowledge)
    if _GOVERNANCE.match(PROCEDURAL.sub("", clean_title(title).lower())):
        # Subjects named in an organisational item still give its areas, not its EU level.
        signals = [s for s in signals if s.source in ("act", "policy")]
        cues = [
            _Signal(NONE, s.weight, s.areas, False, s.evidence, s.source)
            for s in cues
            if s.level == NONE
        ]
    signals.extend(cues)
    if len(body) > len(title.strip()):
        signals = _damped(signals, _title_span(title, body))
    legal = _strength(signals, "legal")
    policy = _strength(signals, "policy")
    funding = _strength([s for s in signals if s.funding], None) >= THRESHOLD
    if legal >= THRESHOLD:
        eu, strength = LEGAL, legal
    elif policy >= THRESHOLD:
        eu, strength = POLICY, policy
    else:
        eu, strength = NONE, 1.0 - max(legal, policy)
    kept = [s for s in signals if _RANK[s.level] >= _RANK[eu] or s.funding]
    if eu != NONE:
        kept = [s for s in kept if s.level != NONE]
    kept.sort(key=lambda s: (-_RANK[s.level], -s.weight, s.evidence.start))
    # Only the strongest evidence is shown; the rest need not be compared.
    evidence = _distinct_spans([s.evidence for s in kept[: 8 * MAX_EVIDENCE]])
    confidence = round(min(0.99, max(0.5, 0.5 + 0.45 * strength)), 3)
    if eu == NONE and not signals:
        # Nothing points anywhere: none is likely, but an unknown subject may still be EU-bound.
        confidence = 0.7
    return Coding(
        kind=kind,
        eu=eu,
        funding=funding,
        areas=_areas(signals),
        evidence=evidence[:MAX_EVIDENCE],
        confidence=confidence,
    )
