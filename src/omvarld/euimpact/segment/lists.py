"""Lists laid out one item a line: bullet lists of notices and numbered agendas.

* ``read_bullets``: the bullet list of a meeting notice, usually after a line such as
  "Följande ärenden behandlas vid sammanträdet"; a title wrapped onto the next line stays with
  its item, section headings between bullets are skipped, and a list that lost its bullets
  gives one item per title-like line.
* ``read_numbered``: numbered entries, the number before the title on one line ("3. Title",
  "Ärende 3 Title", "5a Title") or alone on the line above it, as meeting portals print it.
  Numbering may start again under section headings; the procedural items an agenda lists
  without numbers before its first number are kept, and so are dash points under an entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from omvarld.euimpact.segment.meeting import SIGNATURE_DATE, is_date_line
from omvarld.euimpact.segment.minutes import FURNITURE_TITLE
from omvarld.euimpact.segment.text import (
    BULLET,
    Found,
    Line,
    bullet_text,
    collapse,
    leader_start,
    strip_dnr,
    title_like,
)
from omvarld.euimpact.segment.titles import title_stop

__all__ = ["CLOSING_LINE", "DNR_LINE", "read_bullets", "read_numbered"]

# The line that opens the list of items: "Följande ärenden behandlas vid sammanträdet",
# "Ärenden som ska behandlas:", "Föredragningslista kommunstyrelsen 2024-03-05".
LIST_ANCHOR = re.compile(
    r"^(?:(?:följande|nedanstående|dessa|de)\s+ärenden\b.{0,60}"
    r"|här är de punkter\b.{0,60}|ärenden\b.{0,40}"
    r"|(?:ärendelista|föredragningslista|dagordning|förteckning över ärenden)\b.{0,50})$",
    re.I,
)
_TIMETABLE = re.compile(r"^(?:kl\.?|klockan)\s*\d{1,2}[.:]?\d{0,2}", re.I)
# "Lokal: Stadshuset", "Datum: 28 februari": the meeting's particulars, not items.
_META_FIELD = re.compile(
    r"^(?:lokal|plats|tid|datum|förslag|ordförande|sekreterare|justerare|närvarande|"
    r"sammanträdesdatum|justering)\s*:",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")
CLOSING_LINE = re.compile(
    r"^(?:[A-ZÅÄÖ][\wåäö-]+\s+den\s+\d{1,2}\s+[a-zåäö]+\s+\d{4}|ordförande|sekreterare|"
    r"justerare|justerande|utdragsbestyrkande|underskrifter|.{0,40}kommunfullmäktiges ordförande)"
    r"\s*$",
    re.I,
)
DNR_LINE = re.compile(
    r"^(?:dnr|diarienummer|diarienr)\b|^[A-ZÅÄÖ]{1,6}[ -]\d{4}[/:-]\d{1,6}(?:[ -]\d+)?$", re.I
)


# --- notices: bullet lists ----------------------------------------------------------------


def read_bullets(lines: list[Line]) -> list[Found]:
    """Bullet items after the list's heading (or, without a heading, every title-like bullet)."""
    anchor = next(
        (
            i
            for i, line in enumerate(lines)
            if line.stripped and LIST_ANCHOR.match(bullet_text(line.stripped))
        ),
        None,
    )
    first = (anchor + 1) if anchor is not None else 0
    found: list[Found] = []
    previous_was_item = False
    for index in range(first, len(lines)):
        line = lines[index]
        stripped = line.stripped
        if not stripped:
            previous_was_item = False
            continue
        bullet = BULLET.match(line.raw)
        if bullet:
            title = collapse(bullet.group("text"))
            previous_was_item = False
            if _not_a_notice_title(title) or (anchor is None and not title_like(title)):
                continue
            found.append(Found("", title, line.start + bullet.start("text"), line.end))
            previous_was_item = True
            continue
        if found and previous_was_item:
            if stripped[0].islower():
                # A title wrapped onto the next line.
                last = found[-1]
                last.title = f"{last.title} {collapse(stripped)}"
                last.end = line.end
                continue
            if anchor is not None and line.raw[:1].isspace() and title_like(stripped):
                # An indented line inside the list that lost its bullet in extraction.
                offset = line.start + line.raw.index(stripped[0])
                found.append(Found("", collapse(stripped), offset, line.end))
                continue
        previous_was_item = False
        if found and anchor is not None:
            if _is_section_heading(stripped) and _next_is_bullet(lines, index):
                continue
            break
    if not found and anchor is not None:
        return _plain_list(lines, first)
    return found


def _not_a_notice_title(title: str) -> bool:
    return (
        not title
        or bool(LIST_ANCHOR.match(title))
        or bool(_TIMETABLE.match(title))
        or bool(_META_FIELD.match(title))
    )


def _is_section_heading(stripped: str) -> bool:
    return (
        len(stripped) <= 60
        and not CLOSING_LINE.match(stripped)
        and not is_date_line(stripped)
        and title_like(stripped)
    )


def _next_is_bullet(lines: list[Line], index: int) -> bool:
    for following in range(index + 1, len(lines)):
        line = lines[following]
        if line.stripped:
            return bool(BULLET.match(line.raw))
    return False


def _plain_list(lines: list[Line], first: int) -> list[Found]:
    """Title-like lines after a list heading, up to the signature or a paragraph of text.

    A list written line after line ends at its first blank line; one written with blank
    lines between its entries goes on past them.
    """
    found: list[Found] = []
    spaced: bool | None = None
    blank_since_last = False
    for line in lines[first:]:
        stripped = line.stripped
        if not stripped:
            blank_since_last = bool(found)
            continue
        if found and spaced is False and blank_since_last:
            break
        if _NUMBER_INLINE.match(line.raw) or _NUMBER_ALONE.match(line.raw):
            # A numbered list is the numbered reading's to take.
            return []
        if CLOSING_LINE.match(stripped) or SIGNATURE_DATE.match(stripped):
            break
        if not title_like(stripped, limit=160) or _SENTENCE_BREAK.search(stripped):
            if found:
                break
            continue
        if stripped.endswith(":") or _not_a_notice_title(stripped):
            continue
        if len(found) == 1 and spaced is None:
            spaced = blank_since_last
        offset = line.start + line.raw.index(stripped[0])
        found.append(Found("", collapse(stripped), offset, line.end))
        blank_since_last = False
    return found


# --- agendas: numbered entries ------------------------------------------------------------

_NUMBER_ALONE = re.compile(
    r"^\s*(?:[•●▪◦·*]\s*)?(?:(?P<ordinal>\d{1,3})\.\s+)?(?:(?:ärende|punkt)\s+)?"
    r"(?P<par>§\s*)?(?P<num>\d{1,4}[a-z]?|[a-zA-Z])[.):]?\s*$",
    re.I,
)
_NUMBER_INLINE = re.compile(
    r"^\s*(?:[•●▪◦·*]\s*)?(?:(?P<ordinal>\d{1,3})\.\s+(?=\d))?"
    r"(?P<word>(?:ärende|punkt)\s+)?(?P<par>§\s*)?"
    r"(?:(?P<num>\d{1,3}(?:\s?(?-i:[a-z])\b)?)(?:\s*[.):–—-]\s*|\s+)"
    r"|(?P<letter>(?-i:[a-z]))(?:[.)]\s*|\s{2,}))"
    r"(?P<title>[A-ZÅÄÖ\"”'«(].*)$",
    re.I,
)
# Any line opening a list entry ends the previous item's text, even when the entry itself is
# not an item (a portal's collapsed description).
_ENTRY_START = re.compile(r"^\s*(?:\d{1,3}\.|§\s*\d{1,4})\s")
_SEPARATOR = re.compile(r"^\s*[-–—_=*]{1,}\s*$")
_DASH_POINT = re.compile(r"^\s*[-–]\s+(?P<text>[A-ZÅÄÖ\"”].*)$")


@dataclass(slots=True)
class _Entry:
    index: int
    number: str
    ordinal: str | None
    title_index: int
    title: str
    title_start: int
    bullet: bool


def read_numbered(
    lines: list[Line], is_formal: Callable[[str], bool] = lambda _: False
) -> list[Found]:
    """Numbered entries in order; lines for which ``is_formal`` holds (procedural items such
    as "Upprop") are taken too when they stand unnumbered just before the first entry."""
    entries = _entries(lines)
    if any(e.ordinal not in (None, "§") for e in entries):
        # A portal list ("4.  4  Title") where entries with only the list's ordinal are
        # collapsed descriptions of items, not titles.
        entries = [e for e in entries if e.ordinal is not None]
    entries = _increasing(entries, lines)
    boundaries = {e.index for e in entries}
    found: list[Found] = []
    main: list[Found] = []
    for k, entry in enumerate(entries):
        stop = entries[k + 1].index if k + 1 < len(entries) else len(lines)
        end = lines[entry.title_index].end
        points: list[Found] = []
        for j in range(entry.title_index + 1, stop):
            line = lines[j]
            stripped = line.stripped
            if (
                j in boundaries
                or _SEPARATOR.match(stripped)
                or CLOSING_LINE.match(stripped)
                or _ENTRY_START.match(line.raw)
            ):
                break
            dash = _DASH_POINT.match(line.raw) if not entry.bullet else None
            if dash and title_like(dash.group("text"), limit=160):
                offset = line.start + dash.start("text")
                points.append(Found("", collapse(dash.group("text")), offset, line.end))
                continue
            if entry.bullet and BULLET.match(line.raw):
                break
            if stripped and not points:
                end = line.end
        number = f"§ {entry.number}" if entry.ordinal == "§" else entry.number
        item = Found(number, entry.title, entry.title_start, end)
        main.append(item)
        found.append(item)
        if len(points) >= 2:
            found.extend(points)
    pairs = zip(main[:-1], entries[:-1], strict=True)
    if main and not any(_has_body(lines, e, f) for f, e in pairs):
        # A bare list of titles: what follows the last one after a blank line is the
        # notice's closing text, not that item's.
        main[-1].end = _list_tail_end(lines, entries[-1].title_index)
    if entries:
        found = _openers(lines, entries[0].index, is_formal) + found
    return found


def _openers(lines: list[Line], first: int, is_formal: Callable[[str], bool]) -> list[Found]:
    """Procedural items listed without numbers right before the first numbered entry."""
    taken: list[Found] = []
    for index in range(first - 1, max(-1, first - 12), -1):
        line = lines[index]
        if not line.stripped:
            continue
        if not _opener(line.stripped, is_formal):
            break
        title = collapse(line.raw)
        if taken and taken[0].title == title:
            taken.pop(0)
        offset = line.start + line.raw.index(line.stripped[0])
        taken.insert(0, Found("", title, offset, line.end))
    return taken


def _opener(stripped: str, is_formal: Callable[[str], bool]) -> bool:
    """A short line that reads as a procedural item ("Upprop", "Val av justerare")."""
    if len(stripped) > 90 or stripped.endswith((":", ".")):
        return False
    return not LIST_ANCHOR.match(bullet_text(stripped)) and is_formal(stripped)


def _has_body(lines: list[Line], entry: _Entry, found: Found) -> bool:
    """True when an item has text besides its title and case reference."""
    for following in range(entry.title_index + 1, len(lines)):
        line = lines[following]
        if line.end > found.end:
            return False
        if line.stripped and not DNR_LINE.match(line.stripped):
            return True
    return False


def _list_tail_end(lines: list[Line], title_index: int) -> int:
    end = lines[title_index].end
    for following in range(title_index + 1, len(lines)):
        line = lines[following]
        if not line.stripped or _ENTRY_START.match(line.raw):
            break
        if DNR_LINE.match(line.stripped) or line.raw[:1].isspace():
            end = line.end
            continue
        break
    return end


def _entries(lines: list[Line]) -> list[_Entry]:
    entries: list[_Entry] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.stripped:
            i += 1
            continue
        alone = _NUMBER_ALONE.match(line.raw) if len(line.raw) <= 40 else None
        if alone:
            j = i + 1
            while j < len(lines) and not lines[j].stripped:
                j += 1
            title = _entry_title(lines[j].raw) if j < len(lines) else ""
            if _title_ok(lines[j].stripped if j < len(lines) else "") and title_like(title):
                title_line = lines[j]
                ordinal = "§" if alone.group("par") else alone.group("ordinal")
                offset = title_line.start + title_line.raw.index(title_line.stripped[0])
                bullet = bool(BULLET.match(line.raw))
                entries.append(_Entry(i, alone.group("num"), ordinal, j, title, offset, bullet))
                i = j + 1
                continue
        inline = _NUMBER_INLINE.match(line.raw)
        title = _entry_title(inline.group("title")) if inline else ""
        if (
            inline
            and _title_ok(inline.group("title"))
            and title_like(title)
            and not _TIMETABLE.match(line.stripped)
        ):
            number = inline.group("num") or inline.group("letter")
            ordinal = "§" if inline.group("par") else inline.group("ordinal")
            bullet = bool(BULLET.match(line.raw))
            start = line.start + inline.start("title")
            entries.append(_Entry(i, number, ordinal, i, title, start, bullet))
        i += 1
    return entries


def _entry_title(raw: str) -> str:
    """The title of a numbered line, without a case reference, appendix mark, time or the dot
    leader and page number of a table of contents."""
    raw = raw[:2000]
    leader = leader_start(raw)
    words = (raw if leader is None else raw[:leader]).split()
    title = collapse(" ".join(words[: title_stop(words, frozenset(), minutes=False)]))
    title = _NAME_AFTER_COLON.sub("", title)
    title = strip_dnr(title).rstrip(",;")
    # A list's full stop after the title ("2. Fastställande av dagordning.") is no part of it.
    if title.endswith(".") and not title.endswith(("..", "m.m.", "m.fl.", " m.")):
        title = title[:-1]
    return title


# "Förslag till justerare: Anna Berg": the person proposed is no part of the title.
_NAME_AFTER_COLON = re.compile(r":\s[A-ZÅÄÖ][a-zåäöé]{1,20}(?:[\s-][A-ZÅÄÖ][a-zåäöé]{1,25}){1,3}$")


def _title_ok(text: str) -> bool:
    text = text.strip()
    if not text or (not text[0].isupper() and text[0] not in "\"”'«("):
        return False
    if FURNITURE_TITLE.match(text):
        return False
    if _NUMBER_ALONE.match(text) or _SEPARATOR.match(text) or DNR_LINE.match(text):
        return False
    if _TIMETABLE.match(text) or is_date_line(text):
        return False
    return len(text) <= 2000


def _increasing(entries: list[_Entry], lines: list[Line]) -> list[_Entry]:
    """Keep entries whose numbers increase; a number going back is a list inside a text,
    unless the numbering starts again at 1 under a section heading."""
    kept: list[_Entry] = []
    last = -1
    for entry in entries:
        digits = re.match(r"\d+", entry.number)
        if digits is None:
            # Lettered sub-items ("5 a", "b)") follow a numbered item or open the list with "a".
            if kept or entry.number.lower() == "a":
                kept.append(entry)
            continue
        value = int(digits.group())
        if (
            value > last
            or (value == last and entry.number != kept[-1].number)
            or (value == 1 and last >= 2 and _heading_before(lines, entry.index))
        ):
            kept.append(entry)
            last = value
    return kept


def _heading_before(lines: list[Line], index: int) -> bool:
    """A section heading ("Valärenden") on the last non-blank line before ``index``."""
    for back in range(index - 1, -1, -1):
        line = lines[back]
        stripped = line.stripped
        if not stripped:
            continue
        return (
            title_like(stripped, limit=100)
            and not stripped.endswith((":", ".", ","))
            and not _ENTRY_START.match(line.raw)
            and not _NUMBER_INLINE.match(line.raw)
        )
    return False
