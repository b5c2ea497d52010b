"""Where run-together lists are: after a list heading on a long line, at an enumeration
"1) …", or a long line of titles on its own; and how far over the next lines they go on."""

from __future__ import annotations

import re

from omvarld.euimpact.segment.run_words import ANCHOR, MAX_GAP
from omvarld.euimpact.segment.text import MAX_LINE, Line
from omvarld.euimpact.segment.titles import HEAD_WORDS
from omvarld.euimpact.segment.vocabulary import words

__all__ = ["RUN_LINE", "run_regions"]


_ENUMERATION = re.compile(r"(?<!\S)1\)\s+[A-ZÅÄÖ]")
_NUMBER_BEFORE_TITLE = re.compile(r"(?<![\w/:.-])(\d{1,3})[.)]?\s+(?=[\"”«A-ZÅÄÖ])")
_SENTENCE_END = re.compile(r"(?<!\S)(?P<word>[A-Za-zÅÄÖåäö]{2,30})\.\s+(?=[A-ZÅÄÖ§])")
# A line at least this long is text whose line breaks were lost.
RUN_LINE = 150


def run_regions(masked: str, lines: list[Line]) -> list[tuple[int, int, bool]]:
    """(start, end, anchored) of each stretch of text that may be a run-together list.

    A stretch starts after a list heading ("Ärendelista", "Innehållsförteckning" …) on a long
    line, at an enumeration "1) …", or is a long line of its own; it goes on into the next
    lines while they carry on the item numbers.
    """
    regions: list[tuple[int, int, bool]] = []
    for index, full in enumerate(lines):
        if len(full.raw) < RUN_LINE:
            continue
        line = Line(full.start, min(full.end, full.start + MAX_LINE), full.raw[:MAX_LINE])
        starts: list[tuple[int, bool]] = []
        for match in ANCHOR.finditer(line.raw):
            starts.append((line.start + match.end(), True))
        enumeration = _ENUMERATION.search(line.raw)
        if enumeration:
            starts.append((line.start + enumeration.start(), True))
        ending = line.raw.rstrip()
        prose_end = ending.endswith(".") and not ending.endswith("...")
        listing = _sentences(line.raw) <= 1 and not _prose(line.raw) and not prose_end
        if listing and not _attendance(line.raw):
            starts.append((line.start, False))
        for start, anchored in starts:
            end = _continued(lines, index, masked[start : line.end])
            regions.append((start, end, anchored))
    return regions


# Finite verbs: a line with many of them is prose, not a list of titles.
_FINITE_VERBS = words("finite_verbs")


def _prose(raw: str) -> bool:
    words = raw.lower().split()
    verbs = sum(1 for w in words if w in _FINITE_VERBS)
    return verbs >= 1 and verbs * 60 > len(words)


_PARTY = re.compile(r"\((?:S|M|C|L|KD|V|MP|SD|FP|s|m|c|fp|kd|v|mp)\)")
_ATTENDANCE_WORDS = re.compile(
    r"närvarande|ersättare|justerande|beslutande|sekreterare|ordförande|underskrifter", re.I
)


def _attendance(raw: str) -> bool:
    """A list of the people at the meeting: parties in brackets and their roles."""
    return len(_PARTY.findall(raw)) >= 3 or len(_ATTENDANCE_WORDS.findall(raw)) >= 2


def _sentences(raw: str) -> int:
    """Sentences ended in a line, not counting a head word's full stop ("Motion. Titel")."""
    return sum(1 for m in _SENTENCE_END.finditer(raw) if m.group("word").lower() not in HEAD_WORDS)


def _continued(lines: list[Line], index: int, first: str) -> int:
    """The end of a list that may go on over the following lines (a transcript's pages)."""
    numbers = [int(n) for n in _NUMBER_BEFORE_TITLE.findall(first)]
    last = max(numbers) if numbers else None
    end = min(lines[index].end, lines[index].start + MAX_LINE)
    for position in range(index + 1, len(lines)):
        line = lines[position]
        if not line.stripped:
            continue
        if last is None:
            break
        head = line.raw[:200].split()[:4]
        following = [int(w.rstrip(".)")) for w in head if w.rstrip(".)").isdigit()]
        if not any(last < n <= last + MAX_GAP for n in following):
            break
        more = [int(n) for n in _NUMBER_BEFORE_TITLE.findall(line.raw[:MAX_LINE])]
        last = max([last, *more])
        end = min(line.end, line.start + MAX_LINE)
    return end
