"""Find the agenda items of a meeting document, and the meeting's date and body.

The pipeline:

1. :mod:`.normalise` blanks out page furniture (site menus, repeated page headers, page
   counters), keeping every offset;
2. one detector per document family reads the text its own way: bullet lists of notices and
   numbered agendas (:mod:`.lists`), paragraphs of minutes and their tables of contents
   (:mod:`.minutes`), lists whose line breaks were lost (:mod:`.runs`, with the title rules of
   :mod:`.titles`) and decision summaries (:mod:`.headings`);
3. :mod:`.readings` keeps the most consistent reading.

A text with no recognisable item list becomes one item covering the whole text, so a single
officer's report is still analysed. Shapes are ``notice`` (a notice or a summary of decisions),
``agenda``, ``minutes``, and ``titles`` for :func:`segment_titles`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from omvarld.euimpact.kinds import item_kind
from omvarld.euimpact.segment.headings import read_headings
from omvarld.euimpact.segment.lists import read_bullets, read_numbered
from omvarld.euimpact.segment.meeting import find_body, find_meeting_date
from omvarld.euimpact.segment.minutes import (
    looks_like_minutes,
    paragraph_prefixes,
    read_contents_lines,
    read_paragraphs,
)
from omvarld.euimpact.segment.normalise import mask
from omvarld.euimpact.segment.readings import Reading, choose
from omvarld.euimpact.segment.run_regions import run_regions
from omvarld.euimpact.segment.run_words import ANCHOR, run_words
from omvarld.euimpact.segment.runs import read_run
from omvarld.euimpact.segment.text import Found, collapse, split_lines
from omvarld.euimpact.segment.titles import document_names

__all__ = [
    "Item",
    "Segmentation",
    "Shape",
    "find_body",
    "find_meeting_date",
    "segment",
    "segment_titles",
]

Shape = Literal["notice", "agenda", "minutes", "titles"]


@dataclass(frozen=True, slots=True)
class Item:
    """One agenda item; ``start``/``end`` are offsets of ``text`` in the document text."""

    number: str
    position: int
    title: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The items of a document in order, its shape and the meeting found in its text.

    ``family`` names the reading that found the items: ``bullet-list``, ``numbered-list``,
    ``minutes``, ``contents``, ``run-on``, ``summary``, ``whole-text`` or ``titles``.
    """

    shape: Shape
    items: list[Item] = field(default_factory=list)
    meeting_date: dt.date | None = None
    body: str | None = None
    family: str = ""


def segment(text: str) -> Segmentation:
    """Split a meeting document's text into agenda items and read its date and body."""
    reading = _read(text)
    meeting_date = find_meeting_date(text)
    body = find_body(text)
    if reading is None:
        found = _whole_text(text)
        shape: Shape = "minutes" if looks_like_minutes(text, frozenset()) == "minutes" else "agenda"
        family = "whole-text"
    else:
        found, family = reading.items, reading.family
        shape = _SHAPES.get(reading.shape, "agenda")
    items = [_make_item(text, f, i) for i, f in enumerate(found, start=1)]
    return Segmentation(shape, items, meeting_date, body, family)


_SHAPES: dict[str, Shape] = {"notice": "notice", "agenda": "agenda", "minutes": "minutes"}


def _read(text: str) -> Reading | None:
    masked = mask(text)
    lines = split_lines(masked)
    prefixes = paragraph_prefixes(masked)
    names = document_names(masked)
    minutes = looks_like_minutes(masked, prefixes, lines)
    listing = "minutes" if minutes == "minutes" else "agenda"
    readings: list[Reading] = []
    paragraphs = read_paragraphs(text, masked, lines, prefixes, names)
    if paragraphs:
        shape = "minutes" if minutes == "minutes" or _with_text(paragraphs) else "agenda"
        # Paragraphs carry their decision texts: they win over the same titles read as a list.
        readings.append(Reading("minutes", shape, paragraphs, bonus=0.5))
    numbered = read_numbered(lines, lambda title: item_kind(title) == "formal")
    readings.append(Reading("numbered-list", "agenda", numbered))
    readings.append(Reading("bullet-list", "notice", read_bullets(lines)))
    anchors = [i for i, line in enumerate(lines) if _contents_anchor(line.stripped)]
    if anchors:
        contents = read_contents_lines(masked, lines, anchors)
        readings.append(Reading("contents", listing, _with_paragraphs(contents, paragraphs)))
    for start, end, anchored in run_regions(masked, lines):
        words = run_words(masked, start, end, prefixes)
        found = read_run(masked, words, names, anchored=anchored, paragraphs=listing == "minutes")
        family = "contents" if any(w.kind == "leader" for w in words) else "run-on"
        readings.append(Reading(family, listing, _with_paragraphs(found, paragraphs)))
    readings.append(Reading("summary", "notice", read_headings(lines)))
    return choose(readings)


def _contents_anchor(stripped: str) -> bool:
    return bool(stripped) and len(stripped) <= 60 and bool(ANCHOR.match(stripped))


def _with_paragraphs(entries: list[Found], paragraphs: list[Found]) -> list[Found]:
    """Entries of a list of contents, each replaced by its paragraph where the minutes have it
    (same number, same title), so the item carries its decision text."""
    by_number = {p.number.removeprefix("§ "): p for p in paragraphs}
    result = []
    for entry in entries:
        paragraph = by_number.get(entry.number.removeprefix("§ ")) if entry.number else None
        same = (
            paragraph is not None
            and collapse(paragraph.title).lower() == collapse(entry.title).lower()
        )
        result.append(paragraph if same and paragraph is not None else entry)
    return result


def _with_text(found: list[Found]) -> bool:
    """True when the items carry text of their own, on average more than a short line."""
    extra = [f.end - f.start - len(f.title) for f in found]
    return bool(extra) and sum(extra) / len(extra) > 80


def _whole_text(text: str) -> list[Found]:
    stripped = text.strip()
    if not stripped:
        return []
    first = collapse(re.split(r"[\n\f]", stripped, maxsplit=1)[0])[:200].rstrip()
    start = text.index(stripped[0])
    return [Found("1", first, start, start + len(stripped))]


def _make_item(text: str, found: Found, position: int) -> Item:
    start, end = found.start, found.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    number = found.number or str(position)
    return Item(number, position, collapse(found.title), text[start:end], start, end)


def segment_titles(lines: list[str]) -> Segmentation:
    """Treat each non-blank line as one item title (for ``omvarld analyse --titles``).

    Offsets refer to the lines joined with newlines, blank lines included.
    """
    items: list[Item] = []
    offset = 0
    for line in lines:
        title = collapse(line)
        if title:
            lead = len(line) - len(line.lstrip())
            start = offset + lead
            end = start + len(line.strip())
            items.append(Item(str(len(items) + 1), len(items) + 1, title, title, start, end))
        offset += len(line) + 1
    return Segmentation(shape="titles", items=items, family="titles")
