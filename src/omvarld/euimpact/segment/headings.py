"""Decision summaries: each item a heading of its own, followed by paragraphs about it.

Municipal sites report a meeting as a news page ("Beslut i korthet", "Detta beslutade
kommunfullmäktige"): a heading line per item, in plain words or with its paragraph ("§ 40
Information revisionsplan"), then a few paragraphs of text. The page's own headings are not
items: its title (the first heading that names the body or the meeting), sections of an item
("Beslut", "Bakgrund"), and the site's calls to the reader ("Se webbsändningen", "Här hittar
du …", "Kontakta kommunen").
"""

from __future__ import annotations

import bisect
import re

from omvarld.euimpact.segment.text import Found, Line, collapse, leader_start, title_like

__all__ = ["read_headings"]

_SECTION = re.compile(
    r"^(?:beslut|bakgrund|sammanfattning\b.*|mer information|relaterad information|"
    r"ärendet|yrkanden?|förslag till beslut|[\wåäö-]+s beslut|protokoll|handlingar\b.*|"
    r"kortrapport|missiv|avsägelser|motioner|frågor|bilagor|dokument|kontakt\b.*|"
    r"öppettider|nyheter|publicerad\b.*|artikeln publicerades\b.*|"
    # The sections of an officer's report: a report alone stays one item.
    r"(?:[\wåäö-]+s\s)?(?:bedömning|synpunkter|yttrande|ställningstagande|överväganden)|"
    r"(?:ekonomiska |juridiska |sociala |miljömässiga )?konsekvenser\b.*|beslutsunderlag|"
    r"ärendebeskrivning|ekonomi|finansiering|barnperspektiv\w*|jämställdhet\w*|"
    r"uppföljning|tidplan|samråd|bilaga\b.*|handläggare\b.*)$",
    re.I,
)
_TO_READER = re.compile(
    r"\b(?:du|dig|din|ditt|dina|vi|oss|vår|våra)\b|^(?:se|läs|följ|lyssna|ring|kontakta|hitta|"
    r"prenumerera|dela|titta|ladda|besök|tryck|klicka|gå)\b|\d{2,3}-\d{2}|www\.|https?:|@",
    re.I,
)
_MEETING_PAGE = re.compile(r"sammanträd|\bmöte\b|\bmötet\b|beslutade\b|beslut i korthet", re.I)
_BODY = re.compile(r"fullmäktige|styrelse|nämnd|utskott", re.I)
_PARAGRAPH_MARK = re.compile(r"^§\s*(?P<num>\d{1,4})\s+(?P<title>\S.*)$")
_ENTRY = re.compile(r"^(?:§\s*)?\d{1,4}[.)]?\s")
# The paragraph after a heading must be at least this long to be text about an item.
_TEXT = 40


def read_headings(lines: list[Line]) -> list[Found]:
    """Headings each followed by a paragraph of text (see the module docstring)."""
    blocks = _blocks(lines)
    found: list[Found] = []
    page_title_seen = False
    for k, (first, last) in enumerate(blocks):
        if first != last:
            continue
        line = lines[first]
        stripped = line.stripped
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        if after is None or not _prose(lines, after):
            continue
        mark = _PARAGRAPH_MARK.match(stripped)
        heading = collapse(mark.group("title") if mark else stripped)
        if not _heading(heading):
            continue
        if not page_title_seen and (_BODY.search(heading) or _MEETING_PAGE.search(heading)):
            page_title_seen = True
            if not mark:
                continue
        if _MEETING_PAGE.search(heading):
            continue
        page_title_seen = True
        offset = line.start + line.raw.index(stripped[0])
        number = f"§ {mark.group('num')}" if mark else ""
        found.append(Found(number, heading, offset, line.end))
    # Each item's text runs to the next heading.
    for index, item in enumerate(found):
        stop = (
            found[index + 1].start
            if index + 1 < len(found)
            else len(lines[-1].raw) + lines[-1].start
        )
        item.end = _text_end(lines, item.start, stop)
    return found


def _blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, last) line indexes of each run of non-blank lines."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    for index, line in enumerate(lines):
        if line.stripped and start is None:
            start = index
        elif not line.stripped and start is not None:
            blocks.append((start, index - 1))
            start = None
    if start is not None:
        blocks.append((start, len(lines) - 1))
    return blocks


def _prose(lines: list[Line], block: tuple[int, int]) -> bool:
    """Text about an item: sentences, or a bullet list, or a paragraph cut off mid-way; not
    another entry of a list ("§ 2 …", "3. …")."""
    text = collapse(" ".join(lines[i].raw for i in range(block[0], block[1] + 1)))
    words = text.split()
    if _ENTRY.match(text) or leader_start(text) is not None:
        return False
    if text.endswith(".") and len(words) >= 2 and any(w.islower() for w in words[1:]):
        return True
    return len(text) >= _TEXT and ("." in text or len(words) >= 8 or text.startswith(("•", "-")))


def _heading(text: str) -> bool:
    if leader_start(text) is not None:
        return False
    return (
        4 <= len(text) <= 160
        and (text[0].isupper() or text[0] in '"”«')
        and not text.endswith((".", ":", "!", ";", ","))
        and title_like(text, limit=160)
        and not _SECTION.match(text)
        and not _TO_READER.search(text)
    )


def _text_end(lines: list[Line], start: int, stop: int) -> int:
    """The end of the last non-blank line that starts in ``start .. stop``."""
    index = bisect.bisect_left(lines, stop, key=lambda line: line.start) - 1
    while index >= 0 and lines[index].start >= start:
        if lines[index].stripped:
            return lines[index].end
        index -= 1
    return start
