"""Lines, tokens and the small tests of text that every detector shares.

Every pattern here is linear on long input: repetitions are bounded or anchored so that a
failed match at one position cannot rescan the rest of the line (issue 9).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from omvarld.euimpact.segment.vocabulary import words

__all__ = [
    "BULLET",
    "FUNCTION_WORDS",
    "MAX_LINE",
    "Found",
    "Line",
    "Token",
    "bullet_text",
    "collapse",
    "leader_start",
    "split_lines",
    "strip_dnr",
    "title_like",
    "tokens",
]


# A line longer than this is read only so far by the detectors of lists and paragraphs: no
# list runs that long, and every scan stays bounded on pathological input (issue 9).
MAX_LINE = 100_000


class Line:
    """One line of the text, with its offsets; ``raw`` excludes the line break, ``stripped``
    is ``raw`` without surrounding white space (computed once: every detector asks)."""

    __slots__ = ("end", "raw", "start", "stripped")

    def __init__(self, start: int, end: int, raw: str) -> None:
        self.start = start
        self.end = end
        self.raw = raw
        self.stripped = raw.strip()

    def __repr__(self) -> str:
        return f"Line({self.start}, {self.end}, {self.raw!r})"


@dataclass(slots=True)
class Found:
    """An item while it is being collected: its number, title and the span of its text."""

    number: str
    title: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """One run of non-space characters and its offsets in the text."""

    text: str
    start: int
    end: int


_LINE_BREAK = re.compile(r"\r?[\n\f]|\r")
_TOKEN = re.compile(r"\S+")


def split_lines(text: str) -> list[Line]:
    """The lines of ``text``; form feeds (PDF page breaks) end lines too.

    A run of blank lines is kept as its first line only: every detector reads "a blank line"
    the same as "blank lines", and a text of a million line breaks stays cheap.
    """
    lines: list[Line] = []
    start = 0
    blank = False
    for match in _LINE_BREAK.finditer(text):
        end = match.start()
        if not (blank and (start == end or text[start:end].isspace())):
            line = Line(start, end, text[start:end])
            blank = not line.stripped
            lines.append(line)
        start = match.end()
    lines.append(Line(start, len(text), text[start:]))
    return lines


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def collapse(text: str) -> str:
    """``text`` with every run of white space made one space, and no space at the ends."""
    return " ".join(text.split())


BULLET = re.compile(r"^\s*(?:[•●▪◦·‣∙*■□►▸➢\uf0b7\uf0a7]|[-–—](?=\s|$))\s*(?P<text>.*)$")


def bullet_text(stripped: str) -> str:
    """A line's text without its bullet."""
    match = BULLET.match(stripped)
    return collapse(match.group("text")) if match else stripped


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")
_TWO_LETTERS = re.compile(r"[A-Za-zÅÄÖåäö]{2}")


def title_like(text: str, *, limit: int = 200) -> bool:
    """Short enough for a title, with letters, and not a paragraph of several sentences."""
    text = text.strip()
    if not text or len(text) > limit or not _TWO_LETTERS.search(text):
        return False
    return len(_SENTENCE_BREAK.findall(text)) < 2


# Lower-case words that join the parts of a title: a capitalised word after one of them is a
# name inside the title ("Motion om Kungsparken"), not the start of the next title.
FUNCTION_WORDS = words("function_words")

# A case reference at the end of a title: "…, Dnr KS 2023/0456", "(KS-2024-13)".
_DNR_TAIL = re.compile(
    r"\s?[,(/]?\s?(?:(?i:dnr|diarienummer|änr)\.?\s?)?(?<![\wåäöÅÄÖ])[A-ZÅÄÖ]{1,6}[ -]\d{4}[/:-]"
    r"\d{1,6}\)?\s?$"
)
_DNR_WORD = re.compile(r"\s*[,(/]?\s*\b(?:dnr|änr|diarienr)\b", re.I)


def strip_dnr(title: str) -> str:
    """The title without a case reference at its end, or the title itself if nothing is left."""
    title = collapse(title)
    stripped = _DNR_TAIL.sub("", title)
    word = _DNR_WORD.search(stripped)
    if word:
        stripped = stripped[: word.start()]
    stripped = stripped.rstrip(" ,(/")
    return stripped or title


_LEADER_CHARS = ".…_"


def leader_start(text: str, *, page: bool = False) -> int | None:
    """Where a table of contents' dot leader ("Justering ....... 2") ends ``text``, or None.

    ``page`` requires the page number after the dots. Read from the end without a regular
    expression: a line of a million dots that never ends in a number costs one pass.
    """
    end = len(text.rstrip())
    digits = end
    while digits > 0 and end - digits < 3 and text[digits - 1].isdigit():
        digits -= 1
    if page and digits == end:
        return None
    stop = len(text[:digits].rstrip())
    start = stop
    while start > 0 and text[start - 1] in _LEADER_CHARS:
        start -= 1
    if stop - start < 3 and "…" not in text[start:stop]:
        return None
    return start
