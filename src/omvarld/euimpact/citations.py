"""Find citations of EU acts, Swedish statutes and EU policies in Swedish (and English) text.

EU acts are normalised to CELEX numbers from every form of DOMAIN.md §4: numbered citations
("direktiv 2014/24/EU", "förordning (EG) nr 1370/2007"), CELEX numbers, ELI URIs and common names.
Statutes are found by SFS number, name or abbreviation and carry the CELEX numbers of the EU acts
they implement or supplement, as recorded in the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from omvarld.euimpact.knowledge import Knowledge

__all__ = [
    "Citation",
    "celex_for",
    "find_citations",
    "find_eu_numbers",
]

SUFFIXES = r"EU|EG|EEG|Euratom|EURATOM|EC|EEC|EKSG|EGKS"

# The word in front of a number tells its type; without one, the suffix-after form is a directive
# (regulations before 2015 are written "(EG) nr N/YYYY", from 2015 "(EU) YYYY/N").
_TYPE_WORDS = (
    r"(?P<tw>direktiv\w*|directive\w*|förordning\w*|regulation\w*|beslut\w*|decision\w*|"
    r"rekommendation\w*|recommendation\w*|genomförandeförordning\w*|genomförandebeslut\w*|"
    r"delegerade?\s+förordning\w*|implementing\s+regulation|delegated\s+regulation)"
)
_PREFIX = rf"(?:{_TYPE_WORDS}(?:\s+(?:\w+\s+){{0,4}}?)?\s*)?"
_TYPE_WORD = re.compile(_TYPE_WORDS, re.IGNORECASE)

# "2014/24/EU", "91/271/EEG", "direktiv 2000/60/EG"
SUFFIX_AFTER = re.compile(
    rf"{_PREFIX}(?<![\d/])(?P<a>\d{{2}}|\d{{4}})/(?P<b>\d{{1,4}})/(?P<s>{SUFFIXES})\b",
    re.IGNORECASE,
)
# "(EU) 2016/679", "(EG) nr 1370/2007", "(EEG) nr 1408/71", "(EU) No 1303/2013"
SUFFIX_BEFORE = re.compile(
    rf"{_PREFIX}\((?P<s>{SUFFIXES})\)\s*(?P<nr>(?:nr|no)\.?\s*)?"
    r"(?P<a>\d{1,4})/(?P<b>\d{1,4})(?![\d/])",
    re.IGNORECASE,
)
CELEX_TEXT = re.compile(r"(?<![\w/])(?:CELEX[:\s]*)?(?P<c>[1-9]\d{4}[A-Z]{1,2}\d{3,4})(?![\w])")
ELI = re.compile(
    r"(?:https?://)?data\.europa\.eu/eli/(?P<t>dir|reg|dec|reco|dir_impl|reg_impl|reg_del|"
    r"dec_impl|dec_del|dir_del)/(?P<y>\d{4})/(?P<n>\d{1,4})(?:/oj)?",
    re.IGNORECASE,
)
# Commission documents: "COM(2021) 551 final" is a proposal (sector 5, PC) or a communication (DC).
COM_DOC = re.compile(r"\bCOM\s*\(\s*(?P<y>\d{4})\s*\)\s*(?P<n>\d{1,4})(?:\s+final)?", re.IGNORECASE)
_PROPOSAL = re.compile(r"förslag|proposal", re.IGNORECASE)
# SFS numbers need context: a bare "2016:12" could be anything.
SFS = re.compile(r"(?:\bSFS\s*(?P<a>\d{4}):(?P<b>\d{1,4})\b|\((?P<c>\d{4}):(?P<d>\d{1,4})\))")
_ELI_TYPES = {"dir": "L", "reg": "R", "dec": "D", "reco": "H"}
_QUICK = re.compile(r"\d/\d|\d:\d|eli/|\d{4}[A-Z]|COM\s*\(", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation found in a text.

    ``kind`` is ``act``, ``statute`` or ``policy``; ``ref`` the CELEX number, SFS number or policy
    id; ``celex`` the EU acts behind it (for a statute: the acts it implements or supplements).
    """

    kind: str
    ref: str
    start: int
    end: int
    text: str
    celex: tuple[str, ...] = ()


def _year(value: str) -> int:
    year = int(value)
    if len(value) == 2:
        # Two-digit years were used until 1998; "00"–"49" never occur in that form.
        return 1900 + year if year >= 50 else 2000 + year
    return year


def _type_letter(type_word: str | None, default: str) -> str:
    if not type_word:
        return default
    word = type_word.lower()
    if word.startswith(("direktiv", "directive")):
        return "L"
    if "förordning" in word or "regulation" in word:
        return "R"
    if word.startswith(("beslut", "decision", "genomförandebeslut")):
        return "D"
    if word.startswith(("rekommendation", "recommendation")):
        return "H"
    return default


# A text citing more than this many acts of one form is read only so far: the coding is
# decided long before, and the checks for overlapping citations stay cheap (issue 9).
MAX_CITATIONS = 100


def celex_for(year: int, number: int, letter: str) -> str:
    """The CELEX number of a legislative act: ``celex_for(2014, 24, "L") == "32014L0024"``."""
    return f"3{year:04d}{letter}{number:04d}"


def _plausible_year(year: int) -> bool:
    return 1951 <= year <= 2099


def find_eu_numbers(text: str) -> list[Citation]:
    """EU acts cited by number, CELEX or ELI in ``text``, normalised to CELEX, in text order."""
    if not _QUICK.search(text):
        return []
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []

    def nearest_type(m: re.Match[str], number_start: int) -> tuple[str | None, int]:
        # The prefix may span several words ("beslut om tillämpning av direktiv ..."): the type
        # word nearest to the number is the one that names it.
        words = list(_TYPE_WORD.finditer(text, m.start(), number_start))
        if not words:
            return None, number_start
        return words[-1].group(0), words[-1].start()

    def add(celex: str, start: int, end: int) -> None:
        if len(found) >= MAX_CITATIONS or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Citation("act", celex, start, end, text[start:end], (celex,)))

    for m in ELI.finditer(text):
        letter = _ELI_TYPES[m.group("t").lower().split("_")[0]]
        add(celex_for(int(m.group("y")), int(m.group("n")), letter), m.start(), m.end())
    for m in SUFFIX_BEFORE.finditer(text):
        a, b = m.group("a"), m.group("b")
        type_word, start = nearest_type(m, m.start("s") - 1)
        letter = _type_letter(type_word, "R")
        if m.group("nr") or not (len(a) == 4 and int(a) >= 2015):
            # "nr N/YYYY": the number comes first (regulations before 2015).
            number, year = int(a), _year(b)
        else:
            year, number = int(a), int(b)
        if letter == "L" and len(a) in (2, 4) and not m.group("nr") and int(a) >= 1951:
            year, number = _year(a), int(b)
        if _plausible_year(year):
            add(celex_for(year, number, letter), start, m.end())
    for m in SUFFIX_AFTER.finditer(text):
        year = _year(m.group("a"))
        type_word, start = nearest_type(m, m.start("a"))
        if _plausible_year(year):
            letter = _type_letter(type_word, "L")
            add(celex_for(year, int(m.group("b")), letter), start, m.end())
    for m in CELEX_TEXT.finditer(text):
        add(m.group("c"), m.start(), m.end())
    for m in COM_DOC.finditer(text):
        proposal = _PROPOSAL.search(text, max(0, m.start() - 60), m.start()) is not None
        kind = "PC" if proposal else "DC"
        add(f"5{m.group('y')}{kind}{int(m.group('n')):04d}", m.start(), m.end())
    found.sort(key=lambda c: c.start)
    return found


def _find_statute_numbers(text: str, knowledge: Knowledge) -> list[Citation]:
    found = []
    for m in SFS.finditer(text):
        sfs = f"{m.group('a') or m.group('c')}:{m.group('b') or m.group('d')}"
        statute = knowledge.statutes.get(sfs)
        celex = statute.celex if statute and statute.eu == "legal" else ()
        start, end = m.start(), m.end()
        # "lag (2016:1145)": include the word before the parenthesis in the quoted span.
        if m.group("c"):
            before = re.search(r"(\w[\w-]*)\s*$", text[max(0, start - 40) : start])
            if before:
                start -= len(text[max(0, start - 40) : start]) - before.start()
        found.append(Citation("statute", sfs, start, end, text[start:end], celex))
    return found


def _find_names(text: str, knowledge: Knowledge) -> list[Citation]:
    found = []
    lowered = text.lower()
    for m in knowledge.name_regex.finditer(lowered):
        name = m.group(1)
        if len(name) < 6 and m.end() < len(lowered) and (lowered[m.end()].isalnum()):
            continue
        targets = knowledge.names.get(name, [])
        # A funding programme is often also the name of the regulation that sets it up
        # ("Interreg", "ESF+"); for a municipality it is the programme, not binding law.
        if any(t.kind == "policy" for t in targets):
            targets = [t for t in targets if t.kind == "policy"]
        for target in targets:
            found.append(
                _target_citation(target.kind, target.ref, m.start(), m.end(), text, knowledge)
            )
    for m in knowledge.abbreviation_regex.finditer(text):
        targets = knowledge.abbreviations.get(m.group(1), [])
        if any(t.kind == "policy" for t in targets):
            targets = [t for t in targets if t.kind == "policy"]
        for target in targets:
            found.append(
                _target_citation(target.kind, target.ref, m.start(), m.end(), text, knowledge)
            )
    return found


def _target_citation(
    kind: str, ref: str, start: int, end: int, text: str, knowledge: Knowledge
) -> Citation:
    if kind == "statute":
        statute = knowledge.statutes[ref]
        celex = statute.celex if statute.eu == "legal" else ()
    elif kind == "act":
        celex = (ref,)
    else:
        celex = ()
    return Citation(kind, ref, start, end, text[start:end], celex)


def find_citations(text: str, knowledge: Knowledge | None = None) -> list[Citation]:
    """Every citation in ``text``: EU acts (by number, CELEX, ELI or name), statutes, policies.

    Without ``knowledge`` only numbered EU citations are found. Citations are in text order;
    spans are offsets into ``text``.
    """
    found = find_eu_numbers(text)
    if knowledge is not None:
        found.extend(_find_statute_numbers(text, knowledge)[:MAX_CITATIONS])
        found.extend(_find_names(text, knowledge)[:MAX_CITATIONS])
        found.sort(key=lambda c: (c.start, -c.end))
        found = _without_nested_repeats(found[: 2 * MAX_CITATIONS])
    return found


def _without_nested_repeats(citations: list[Citation]) -> list[Citation]:
    """Drop a citation lying inside another of the same reference ("miljöbalken (1998:808)")."""
    kept: list[Citation] = []
    for c in citations:
        if any(
            k.kind == c.kind and k.ref == c.ref and k.start <= c.start and c.end <= k.end
            for k in kept
        ):
            continue
        kept.append(c)
    return kept
