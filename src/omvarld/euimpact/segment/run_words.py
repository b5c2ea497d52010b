"""The words of a run-together list, typed: title words, and the markers between titles.

Numbers before a title ("93", "5a", "1)"), paragraph marks ("§", "Kf"), case references ("Dnr",
"2015/", "(KS )", "12/30"), appendix marks ("Bilaga"), dot leaders with their page numbers
("...12"), letter points ("A/", "b)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ANCHOR", "MAX_GAP", "PROPERTY", "Word", "run_words"]

ANCHOR = re.compile(
    r"(?<![\w-])(?:ärendelista|föredragningslista|dagordning|innehållsförteckning|"
    r"ärendeförteckning|innehåll|förteckning över ärenden|ärende/föredragande)(?![\w-])",
    re.I,
)
_NUMBER = re.compile(r"^(?P<n>\d{1,3})(?P<letter>[a-z])?[.):]?$")
_LETTER_POINT = re.compile(r"^[A-Za-z][/)]$")
_SEPARATOR = re.compile(r"^(?:bilaga|sid\.?|sidan|sida|änr|dnr\.?)$", re.I)
_PREFIX = re.compile(r"^(?:§|[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,4})$")
PROPERTY = re.compile(r"^\d{1,4}:\d{1,4},?$")
# A chain of item numbers may skip this many numbers between two markers.
MAX_GAP = 8
_LONG_NUMBER = re.compile(r"^\d{5,8}[,.]?$")


@dataclass(slots=True)
class Word:
    """A token of the run: a word of a title, or a marker between titles."""

    text: str
    start: int
    end: int
    kind: str = "word"  # "word", "number", "leader", "reference", "point"
    value: int | None = None


_CASE_GROUP = re.compile(
    r"^\((?:dnr\.?\s*)?(?!(?:S|M|C|L|KD|V|MP|SD|FP)\))[A-ZÅÄÖ]{1,6}[\s/-]*"
    r"(?:\d{2,4}[/:.-]\d{0,6})?\s*\)[,.;]?$",
    re.I,
)
# Slash references ("12/30", "2015/", "KS 2013/0463") separate titles; "SOU 2019:40" and
# "(1998:808)" are part of theirs.
_SLASH_REFERENCE = re.compile(r"^\(?(?:[A-ZÅÄÖ]{1,6}[ -]?)?\d{1,4}/\d{0,6}\)?[,.;]?$")


def run_words(text: str, start: int, end: int, prefixes: frozenset[str]) -> list[Word]:
    """The words of ``text[start:end]``, markers typed; dot leaders split off their words."""
    raw_tokens = [(m.group(), start + m.start()) for m in re.finditer(r"\S+", text[start:end])]
    result: list[Word] = []
    k = 0
    while k < len(raw_tokens):
        raw, offset = raw_tokens[k]
        if raw.startswith("(") and not raw.endswith(")"):
            group = _case_group(raw_tokens, k)
            if group:
                for raw_part, part_offset in raw_tokens[k : k + group]:
                    result.append(
                        Word(raw_part, part_offset, part_offset + len(raw_part), "reference")
                    )
                k += group
                continue
        result.extend(_typed(raw, offset, prefixes))
        k += 1
    return result


def _leader(raw: str) -> tuple[str, str, str] | None:
    """(word, leader, page) of a token ending in a dot leader ("Justering...2"), else None.

    Read from the end without a regular expression, so a token of a million dots costs one
    pass.
    """
    cut = len(raw)
    while cut > 0 and len(raw) - cut < 3 and raw[cut - 1].isdigit():
        cut -= 1
    core = raw[:cut]
    word = core.rstrip(_LEADER_CHARS)
    dots = core[len(word) :]
    if len(dots) < 3 and "…" not in dots:
        return None
    return word, dots, raw[cut:]


def _case_group(raw_tokens: list[tuple[str, int]], k: int) -> int:
    """How many tokens from ``k`` make a bracketed case reference: "(KS )", "(KS 2014/12)"."""
    for size in (2, 3):
        joined = " ".join(t for t, _ in raw_tokens[k : k + size])
        if len(raw_tokens) >= k + size and _CASE_GROUP.match(joined):
            return size
    return 0


_SEPARATOR_WORDS = frozenset({"bilaga", "sid", "sidan", "sida", "änr", "dnr"})
_LEADER_CHARS = ".…_"


def _typed(raw: str, offset: int, prefixes: frozenset[str]) -> list[Word]:
    end = offset + len(raw)
    if raw.isalpha():
        # Most tokens are plain words: a set lookup decides.
        if raw in prefixes:
            return [Word(raw, offset, end, "prefix")]
        kind = "reference" if raw.lower() in _SEPARATOR_WORDS else "word"
        return [Word(raw, offset, end, kind)]
    leader = _leader(raw)
    if leader is not None:
        word, dots, page = leader
        typed: list[Word] = []
        if word:
            typed.append(Word(word, offset, offset + len(word)))
        typed.append(Word(dots, offset, end, "leader"))
        if page:
            typed.append(Word(page, offset, end, "page"))
        return typed
    number = _NUMBER.match(raw)
    if number:
        return [Word(raw, offset, end, "number", int(number.group("n")))]
    if _LONG_NUMBER.match(raw):
        # A date or a case number written as digits ("Ks 120521").
        return [Word(raw, offset, end, "reference")]
    if _LETTER_POINT.match(raw) or raw == ")":
        return [Word(raw, offset, end, "point")]
    if raw == "§" or raw in prefixes:
        return [Word(raw, offset, end, "prefix")]
    if _SEPARATOR.match(raw) or _CASE_GROUP.match(raw) or _SLASH_REFERENCE.match(raw):
        return [Word(raw, offset, end, "reference")]
    return [Word(raw, offset, end)]
