"""Find the agenda items of a meeting document, and the meeting's date and body.

Three document shapes are recognised, each by general layout rules rather than by any one
municipality's template:

* ``notice`` (kallelse): a bullet list of item titles, usually after a line such as
  "Följande ärenden behandlas vid sammanträdet";
* ``agenda`` (föredragningslista, dagordning): numbered entries, the number either before the
  title on one line ("3. Title", "Ärende 3 Title") or alone on the line above it, as meeting
  portals print it;
* ``minutes`` (protokoll): "§ 12 Title" paragraphs with case references, decisions and
  signatures, including text extracted from PDFs where paragraphs run together on one line.

``titles`` is the shape of :func:`segment_titles`: one title per line, nothing to find.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

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
    """The items of a document in order, its shape and the meeting found in its text."""

    shape: Shape
    items: list[Item] = field(default_factory=list)
    meeting_date: dt.date | None = None
    body: str | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    raw: str

    @property
    def stripped(self) -> str:
        return self.raw.strip()


@dataclass(slots=True)
class _Found:
    """An item while it is being collected: offsets of its title and its whole text."""

    number: str
    title: str
    start: int
    end: int


# --- public entry points --------------------------------------------------------------------


def segment(text: str) -> Segmentation:
    """Split a meeting document's text into agenda items and read its date and body.

    The shape is detected from the text; a text with no recognisable item list becomes one
    item covering the whole text, so a single officer's report is still analysed.
    """
    lines = _split_lines(text)
    meeting_date = find_meeting_date(text)
    body = find_body(text)
    shape: Shape
    minutes = _looks_like_minutes(text)
    candidates: list[tuple[Shape, list[_Found]]] = []
    paragraphs: list[_Found] = []
    if minutes:
        paragraphs = _parse_minutes(text, lines)
        # Paragraph-numbered items without minutes' wording or text of their own are an
        # agenda.
        is_minutes = minutes == "minutes" or _with_text(paragraphs)
        candidates.append(("minutes" if is_minutes else "agenda", paragraphs))
    if minutes == "minutes" and paragraphs:
        shape, found = candidates[0]
    else:
        candidates.append(("agenda", _parse_agenda(lines)))
        candidates.append(("notice", _parse_notice(lines)))
        # The richest reading wins; on a tie paragraphs beat numbers, numbers beat bullets.
        shape, found = max(candidates, key=lambda c: len(c[1]))
    if not found:
        found = _whole_text(text)
        shape = "minutes" if minutes == "minutes" else "agenda"
    items = [_make_item(text, f, i) for i, f in enumerate(found, start=1)]
    return Segmentation(shape=shape, items=items, meeting_date=meeting_date, body=body)


def segment_titles(lines: list[str]) -> Segmentation:
    """Treat each non-blank line as one item title (for ``omvarld analyse --titles``).

    Offsets refer to the lines joined with newlines, blank lines included.
    """
    items: list[Item] = []
    offset = 0
    for line in lines:
        title = _collapse(line)
        if title:
            lead = len(line) - len(line.lstrip())
            start = offset + lead
            end = start + len(line.strip())
            items.append(Item(str(len(items) + 1), len(items) + 1, title, title, start, end))
        offset += len(line) + 1
    return Segmentation(shape="titles", items=items)


# --- lines and small text helpers -------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    for match in re.finditer(r"\r?[\n\f]|\r", text):
        lines.append(_Line(start, match.start(), text[start : match.start()]))
        start = match.end()
    lines.append(_Line(start, len(text), text[start:]))
    return lines


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _make_item(text: str, found: _Found, position: int) -> Item:
    start, end = found.start, found.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    number = found.number or str(position)
    return Item(number, position, found.title, text[start:end], start, end)


def _whole_text(text: str) -> list[_Found]:
    stripped = text.strip()
    if not stripped:
        return []
    first = _collapse(re.split(r"[\n\f]", stripped, maxsplit=1)[0])[:200].rstrip()
    start = text.index(stripped[0])
    return [_Found("1", first, start, start + len(stripped))]


_BULLET = re.compile(r"^\s*(?:[•●▪◦·‣∙*■□►▸➢\uf0b7\uf0a7]|[-–—](?=\s|$))\s*(?P<text>.*)$")
# The line that opens the list of items: "Följande ärenden behandlas vid sammanträdet",
# "Ärenden som ska behandlas:", "Föredragningslista kommunstyrelsen 2024-03-05".
_LIST_ANCHOR = re.compile(
    r"^(?:(?:följande|nedanstående|dessa)\s+ärenden\b.{0,60}"
    r"|ärenden\b.{0,40}"
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


def _title_like(text: str, *, limit: int = 200) -> bool:
    """Short enough for a title, with letters, and not a paragraph of several sentences."""
    text = text.strip()
    if not text or len(text) > limit or not re.search(r"[A-Za-zÅÄÖåäö]{2}", text):
        return False
    return len(_SENTENCE_BREAK.findall(text)) < 2


# --- notices: bullet lists ----------------------------------------------------------------


def _parse_notice(lines: list[_Line]) -> list[_Found]:
    """Bullet items after the list's heading (or, without a heading, every title-like bullet).

    Short lines between bullets are section headings ("Beslutsärenden") and are skipped; the
    list ends at the signature or at text that no bullet follows. A heading followed by plain
    lines, as some pages lose their list markers, gives one item per title-like line.
    """
    anchor = next(
        (i for i, line in enumerate(lines) if _LIST_ANCHOR.match(_bullet_text(line.stripped))),
        None,
    )
    first = (anchor + 1) if anchor is not None else 0
    found: list[_Found] = []
    previous_was_item = False
    for index in range(first, len(lines)):
        line = lines[index]
        stripped = line.stripped
        if not stripped:
            previous_was_item = False
            continue
        bullet = _BULLET.match(line.raw)
        if bullet:
            title = _collapse(bullet.group("text"))
            previous_was_item = False
            if _not_a_notice_title(title) or (anchor is None and not _title_like(title)):
                continue
            found.append(_Found("", title, line.start + bullet.start("text"), line.end))
            previous_was_item = True
            continue
        if found and previous_was_item:
            if stripped[0].islower():
                # A title wrapped onto the next line.
                last = found[-1]
                last.title = f"{last.title} {_collapse(stripped)}"
                last.end = line.end
                continue
            if anchor is not None and line.raw[:1].isspace() and _title_like(stripped):
                # An indented line inside the list that lost its bullet in extraction.
                offset = line.start + line.raw.index(stripped[0])
                found.append(_Found("", _collapse(stripped), offset, line.end))
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
        or bool(_LIST_ANCHOR.match(title))
        or bool(_TIMETABLE.match(title))
        or bool(_META_FIELD.match(title))
    )


def _is_section_heading(stripped: str) -> bool:
    return (
        len(stripped) <= 60
        and not _CLOSING_LINE.match(stripped)
        and not _is_date_line(stripped)
        and _title_like(stripped)
    )


def _next_is_bullet(lines: list[_Line], index: int) -> bool:
    for line in lines[index + 1 :]:
        if line.stripped:
            return bool(_BULLET.match(line.raw))
    return False


def _plain_list(lines: list[_Line], first: int) -> list[_Found]:
    """Title-like lines after a list heading, up to the signature or a paragraph of text.

    A list written line after line ends at its first blank line; one written with blank
    lines between its entries goes on past them.
    """
    found: list[_Found] = []
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
            # A numbered list is the agenda reading's to take.
            return []
        if _CLOSING_LINE.match(stripped) or _SIGNATURE_DATE.match(stripped):
            break
        if not _title_like(stripped, limit=160) or _SENTENCE_BREAK.search(stripped):
            if found:
                break
            continue
        if stripped.endswith(":") or _not_a_notice_title(stripped):
            continue
        if len(found) == 1 and spaced is None:
            spaced = blank_since_last
        offset = line.start + line.raw.index(stripped[0])
        found.append(_Found("", _collapse(stripped), offset, line.end))
        blank_since_last = False
    return found


def _bullet_text(stripped: str) -> str:
    match = _BULLET.match(stripped)
    return _collapse(match.group("text")) if match else stripped


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
_DNR_LINE = re.compile(
    r"^(?:dnr|diarienummer|diarienr)\b|^[A-ZÅÄÖ]{1,6}[ -]\d{4}[/:-]\d{1,6}(?:[ -]\d+)?$", re.I
)
_CLOSING_LINE = re.compile(
    r"^(?:[A-ZÅÄÖ][\wåäö-]+\s+den\s+\d{1,2}\s+[a-zåäö]+\s+\d{4}|ordförande|sekreterare|"
    r"justerare|justerande|utdragsbestyrkande|underskrifter|.{0,40}kommunfullmäktiges ordförande)"
    r"\s*$",
    re.I,
)


@dataclass(slots=True)
class _Entry:
    index: int
    number: str
    ordinal: str | None
    title_index: int
    title: str
    title_start: int
    inline: bool
    bullet: bool


def _parse_agenda(lines: list[_Line]) -> list[_Found]:
    entries = _agenda_entries(lines)
    if any(e.ordinal not in (None, "§") for e in entries):
        # A portal list ("4.  4  Title") where entries with only the list's ordinal are
        # collapsed descriptions of items, not titles.
        entries = [e for e in entries if e.ordinal is not None]
    entries = _increasing(entries)
    boundaries = {e.index for e in entries}
    found: list[_Found] = []
    for k, entry in enumerate(entries):
        stop = entries[k + 1].index if k + 1 < len(entries) else len(lines)
        end = lines[entry.title_index].end
        for j in range(entry.title_index + 1, stop):
            line = lines[j]
            stripped = line.stripped
            if (
                j in boundaries
                or _SEPARATOR.match(stripped)
                or _CLOSING_LINE.match(stripped)
                or _ENTRY_START.match(line.raw)
            ):
                break
            if entry.bullet and _BULLET.match(line.raw):
                break
            if stripped:
                end = line.end
        number = f"§ {entry.number}" if entry.ordinal == "§" else entry.number
        found.append(_Found(number, entry.title, entry.title_start, end))
    bodies = (_has_body(lines, e, f) for f, e in zip(found[:-1], entries[:-1], strict=True))
    if found and not any(bodies):
        # A bare list of titles: what follows the last one after a blank line is the
        # notice's closing text, not that item's.
        last = entries[-1]
        found[-1].end = _list_tail_end(lines, last.title_index)
    return found


def _has_body(lines: list[_Line], entry: _Entry, found: _Found) -> bool:
    """True when an item has text besides its title and case reference."""
    for line in lines[entry.title_index + 1 :]:
        if line.end > found.end:
            return False
        if line.stripped and not _DNR_LINE.match(line.stripped):
            return True
    return False


def _list_tail_end(lines: list[_Line], title_index: int) -> int:
    end = lines[title_index].end
    for line in lines[title_index + 1 :]:
        if not line.stripped or _ENTRY_START.match(line.raw):
            break
        if _DNR_LINE.match(line.stripped) or line.raw[:1].isspace():
            end = line.end
            continue
        break
    return end


def _agenda_entries(lines: list[_Line]) -> list[_Entry]:
    entries: list[_Entry] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        alone = _NUMBER_ALONE.match(line.raw)
        if alone:
            j = i + 1
            while j < len(lines) and not lines[j].stripped:
                j += 1
            if j < len(lines) and _agenda_title_ok(lines[j].stripped):
                title_line = lines[j]
                ordinal = "§" if alone.group("par") else alone.group("ordinal")
                offset = title_line.start + title_line.raw.index(title_line.stripped[0])
                entries.append(
                    _Entry(
                        i,
                        alone.group("num"),
                        ordinal,
                        j,
                        _collapse(title_line.raw),
                        offset,
                        inline=False,
                        bullet=bool(_BULLET.match(line.raw)),
                    )
                )
                i = j + 1
                continue
        inline = _NUMBER_INLINE.match(line.raw)
        if (
            inline
            and _agenda_title_ok(inline.group("title"))
            and not _TIMETABLE.match(line.stripped)
        ):
            number = inline.group("num") or inline.group("letter")
            ordinal = "§" if inline.group("par") else inline.group("ordinal")
            title = _strip_dnr(_collapse(inline.group("title")))
            entries.append(
                _Entry(
                    i,
                    number,
                    ordinal,
                    i,
                    title,
                    line.start + inline.start("title"),
                    inline=True,
                    bullet=bool(_BULLET.match(line.raw)),
                )
            )
        i += 1
    return entries


def _agenda_title_ok(text: str) -> bool:
    text = text.strip()
    if not text or (not text[0].isupper() and text[0] not in "\"”'«("):
        return False
    if _NUMBER_ALONE.match(text) or _SEPARATOR.match(text) or _DNR_LINE.match(text):
        return False
    if _TIMETABLE.match(text) or _is_date_line(text):
        return False
    return _title_like(text, limit=180)


def _increasing(entries: list[_Entry]) -> list[_Entry]:
    """Keep entries whose numbers increase; a number going back is a list inside a text."""
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
        if value > last or (value == last and entry.number != kept[-1].number):
            kept.append(entry)
            last = value
    return kept


_DNR_TAIL = re.compile(
    r"\s*[,(]?\s*(?:dnr\.?|diarienummer)?\s*[A-ZÅÄÖ]{1,6}[ -]\d{4}[/:-]\d{1,6}\)?\s*$", re.I
)


def _strip_dnr(title: str) -> str:
    stripped = _DNR_TAIL.sub("", title)
    stripped = re.sub(r"\s*\bdnr\b.*$", "", stripped, flags=re.I)
    return stripped or title


def _is_date_line(text: str) -> bool:
    return bool(_DATE_TEXT.fullmatch(text.strip(" .,")) or _ISO_DATE.fullmatch(text.strip()))


# --- minutes ----------------------------------------------------------------------------------

_MINUTES_CUES = re.compile(
    r"protokoll fört|protokollet föres|protokoll från|sammanträdesprotokoll|utdragsbestyrkande|"
    r"justerandes signatur|justerare\s*:|justerande\b|närvarande\b|beslutande\b|"
    r"protokollet omfattar|paragrafer\s*:?\s*§",
    re.I,
)
# A paragraph heading at the start of a line or page ("§ 12 Title"); pages end in form feeds.
_PARAGRAPH_LINE = re.compile(
    r"(?:\A|(?<=[\n\f]))[ \t]*(?:[•·*]\s*)?§\s*(\d{1,4}[a-z]?)\b[ \t]*([^\n\f]*)"
)


def _looks_like_minutes(text: str) -> Literal["minutes", "paragraphs", ""]:
    """ "minutes" for minutes' wording, "paragraphs" for § headings alone, else ""."""
    cues = len(_MINUTES_CUES.findall(text))
    paragraphs = len(_PARAGRAPH_LINE.findall(text))
    if cues >= 2 or (cues >= 1 and paragraphs >= 1):
        return "minutes"
    return "paragraphs" if paragraphs >= 3 else ""


def _with_text(found: list[_Found]) -> bool:
    """True when the items carry text of their own, on average more than a short line."""
    if not found:
        return False
    extra = [f.end - f.start - len(f.title) for f in found]
    return sum(extra) / len(extra) > 80


_FURNITURE_WORDS = re.compile(
    r"närvarande|sammanträdestid|protokoll fört|beslutande|ledamöter\s*:|tjänstgörande|"
    r"ersättare\s*:|underskrifter|utses att justera|justeringens|protokollet omfattar|"
    r"övriga deltagare|plats och tid",
    re.I,
)
_FURNITURE_TITLE = re.compile(
    r"^(?:den\s+)?\d{1,2}\s+[a-zåäö]+\s+\d{4}|^(?:justerare|justerande|ordförande|sekreterare|"
    r"utdragsbestyrkande|underskrifter|närvarande|beslutande|paragrafer|plats och tid|"
    r"protokoll fört|protokollet|sammanträdesdatum|ärendelista|innehåll|sida|"
    r"justering|utses|den\s+\d)\b",
    re.I,
)
_RUN_TOGETHER = 300
_TOC = re.compile(r"\b(?:ÄRENDELISTA|Ärendelista|INNEHÅLLSFÖRTECKNING|Innehållsförteckning)\b")


def _parse_minutes(text: str, lines: list[_Line]) -> list[_Found]:
    """Paragraphs of minutes; a table of contents stands in when the paragraphs are missing.

    Extracted minutes are often cut after the first pages, where only the table of contents
    ("ÄRENDELISTA") lists the items: it is used when it names clearly more items than the
    paragraph headings found, and a paragraph found keeps its own text.
    """
    starts = _paragraph_starts(text, lines)
    found: list[_Found] = []
    for k, (offset, number, title) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        end = _minutes_item_end(text, offset, stop)
        found.append(_Found(number, title, offset, end))
    toc = _table_of_contents(text)
    if toc and (not found or len(toc) > 2 * len(found)):
        by_number = {f.number: f for f in found if f.number}
        return [by_number.get(entry.number, entry) if entry.number else entry for entry in toc]
    return found


def _paragraph_starts(text: str, lines: list[_Line]) -> list[tuple[int, str, str]]:
    """(offset, "§ n", title) of every paragraph heading, in order, numbers increasing."""
    candidates: list[tuple[int, str | None, str, bool]] = []
    for index, line in enumerate(lines):
        if len(line.raw) > _RUN_TOGETHER:
            candidates.extend((*start, True) for start in _run_together_starts(line))
            continue
        heading = _PARAGRAPH_LINE.match(line.raw)
        if not heading or line.stripped.startswith("§§") or _TOC_LEADER.search(line.raw):
            continue
        title = _strip_dnr(_collapse(heading.group(2)))
        if not title or _DNR_LINE.match(title):
            title = _next_title(lines, index)
        if title and title[0].isupper() and not _FURNITURE_TITLE.match(title):
            candidates.append((line.start + line.raw.index("§"), heading.group(1), title, False))
    starts: list[tuple[int, str, str]] = []
    last = first = -1
    for offset, number, title, run_together in candidates:
        if number is None:
            # A heading whose number the PDF extraction lost: it follows the previous one.
            number = str(last + 1) if last >= 0 else ""
        digits = re.match(r"\d+", number)
        value = int(digits.group()) if digits else last
        if digits and value <= last:
            if value == first and _is_listing(text, starts, offset):
                # The numbers start over: what came before was a list of contents.
                starts, last = [], -1
            else:
                continue
        # In run-together text, a "heading" inside the attendance list or the signature
        # block is a page number or a count followed by a name.
        if run_together and _FURNITURE_WORDS.search(text[offset : offset + len(title) + 100]):
            continue
        if not starts:
            first = value
        last = value
        starts.append((offset, f"§ {number}" if number else "", title))
    return starts


_TOC_LEADER = re.compile(r"[.…_]{4,}\s*\d{1,3}\s*$")


def _is_listing(text: str, starts: list[tuple[int, str, str]], restart: int) -> bool:
    """True when the headings found so far carry almost no text: a list, not paragraphs."""
    offsets = [offset for offset, _, _ in starts] + [restart]
    spans = [offsets[k + 1] - offsets[k] - len(starts[k][2]) for k in range(len(starts))]
    return bool(spans) and sum(spans) / len(spans) < 40


def _next_title(lines: list[_Line], index: int) -> str:
    for line in lines[index + 1 : index + 4]:
        stripped = line.stripped
        if stripped and not _DNR_LINE.match(stripped):
            return _strip_dnr(_collapse(stripped)) if _title_like(stripped) else ""
    return ""


_SIGNATURE_WORDS = re.compile(
    r"justerandes signatur|utdragsbestyrkande|justerare|justerande|ordförande|sekreterare|"
    r"underskrifter|vid protokollet|ort och datum|signatur",
    re.I,
)
_NAME_LINE = re.compile(
    r"^[A-ZÅÄÖ][\w'-]+(?:\s+[A-ZÅÄÖ][\w'-]+){0,3}(?:\s*\([A-ZÅÄÖa-zåäö]{1,4}\))?$"
)


def _minutes_item_end(text: str, start: int, stop: int) -> int:
    """End an item before the signature block, page furniture and names that close it.

    Only the tail is trimmed: a signature box in the middle of an item is a page break,
    and the item goes on after it ("§ 13 forts.").
    """
    lines = _split_lines(text[start:stop])
    while lines and _is_trailing_furniture(lines[-1].stripped, first_line=len(lines) == 1):
        lines.pop()
    if not lines:
        return stop
    end = start + lines[-1].end
    # Run-together text: the signature words close the paragraph within its line.
    tail = re.search(r"\s(?:justerandes signatur|utdragsbestyrkande)\b", text[start:end], re.I)
    if tail and end - (start + tail.start()) < 200 and "\n" not in text[start + tail.start() : end]:
        end = start + tail.start()
    return end


def _is_trailing_furniture(stripped: str, *, first_line: bool) -> bool:
    """Blank lines, signature captions, names under them, page numbers and dates."""
    return (
        not stripped
        or (bool(_SIGNATURE_WORDS.match(stripped)) and len(stripped) <= 60)
        or (bool(_NAME_LINE.match(stripped)) and not first_line)
        or bool(_PAGE_LINE.match(stripped))
        or _is_date_line(stripped)
    )


_PAGE_LINE = re.compile(r"^(?:sida\s*)?\d{1,4}(?:\s*(?:\(|av|/)\s*\d{1,4}\)?)?$", re.I)


# Mid-line heading starts in text where the PDF extraction ran paragraphs together:
# "... sekreterare. 24 Ordförandens upplysning ..." or "2 1 PROTOKOLLSJUSTERING ...",
# with or without the § sign (some extractions drop it).
_RUN_START = re.compile(
    r"(?:^\s*(?:\d{1,3}\s+)?|(?<=[.!?:]\s)|§\s*)(?P<num>\d{1,4})\s+(?P<title>[A-ZÅÄÖ][^\s]*)"
)
# Enough of a run-together line to hold a title and the first words of its text.
_TITLE_WINDOW = 600


def _caps_runs(raw: str) -> list[tuple[int, str]]:
    """Runs of capitalised words ("DELEGATIONSBESLUT M.M.") ending before a sentence word.

    Scanned word by word: a regular expression for this shape backtracks exponentially on
    long runs of capitals.
    """
    tokens = list(re.finditer(r"\S+", raw))
    runs: list[tuple[int, str]] = []
    k = 0
    while k < len(tokens):
        if not _is_caps(tokens[k].group()):
            k += 1
            continue
        j = k
        while j < len(tokens) and _is_caps(tokens[j].group()):
            j += 1
        if j == len(tokens) or re.match(r"[A-ZÅÄÖ][a-zåäö]", tokens[j].group()):
            words = [t.group() for t in tokens[k:j]]
            letters = sum(c.isalpha() for word in words for c in word)
            if letters >= 8 and any(sum(c.isalpha() for c in w) >= 4 for w in words):
                start = tokens[k].start()
                runs.append((start, raw[start : tokens[j - 1].end()]))
        k = j
    return runs


def _is_caps(word: str) -> bool:
    return any(c.isalpha() for c in word) and not any(c.islower() for c in word)


_LEADING_DNR = re.compile(r"^(?:dnr\.?\s*)?[A-ZÅÄÖ]{1,6}[ -]\d{4}[/:-]\d{1,6}\s+|^dnr\.?\s+", re.I)


def _run_together_starts(line: _Line) -> list[tuple[int, str | None, str]]:
    raw = line.raw
    found: list[tuple[int, str | None, str]] = []
    for match in _RUN_START.finditer(raw):
        window = raw[match.start("title") : match.start("title") + _TITLE_WINDOW]
        rest = _LEADING_DNR.sub("", window)
        title = _strip_dnr(_run_title(rest))
        if title and not _FURNITURE_TITLE.match(title):
            paragraph_sign = raw.rfind("§", match.start(), match.start("num"))
            offset = match.start("num") if paragraph_sign < 0 else paragraph_sign
            found.append((line.start + offset, match.group("num"), title))
    caps_style = any(t.isupper() for _, _, t in found)
    if caps_style:
        for start, title in _caps_runs(raw):
            offset = line.start + start
            if _FURNITURE_TITLE.match(title):
                continue
            if any(abs(offset - o) < 8 or o <= offset < o + len(t) + 8 for o, _, t in found):
                continue
            found.append((offset, None, title))
    found.sort(key=lambda f: f[0])
    return found


_FUNCTION_WORDS = frozenset(
    [
        "i",
        "av",
        "för",
        "till",
        "från",
        "om",
        "med",
        "på",
        "vid",
        "mot",
        "inom",
        "under",
        "över",
        "efter",
        "enligt",
        "och",
        "samt",
        "eller",
        "den",
        "det",
        "de",
        "en",
        "ett",
        "att",
        "som",
        "är",
        "har",
        "kring",
        "mellan",
        "hos",
        "utan",
        "genom",
    ]
)


def _run_title(rest: str) -> str:
    """The title at the start of run-together text, up to where the body's first sentence starts.

    An all-capital title ends at the first word in lower case; otherwise the title ends at a
    full stop, or at a capitalised word following a lower-case word that is not a function
    word (a sentence that starts without a full stop before it), unless a number follows
    the capitalised word (a property or a report: "Lindö 2:1", "SOU 2019:40").
    """
    tokens = rest.split()
    if not tokens:
        return ""
    if tokens[0].isupper() and len(re.sub(r"\W", "", tokens[0])) >= 3:
        caps = []
        for token in tokens:
            if not token.isupper():
                break
            caps.append(token)
        return " ".join(caps)
    return " ".join(_split_run_titles(tokens, first_only=True)[0][:25]).rstrip(".")


# Words that open the text of a minuted paragraph rather than continue its title.
_BODY_START_WORDS = frozenset(
    [
        "Kommunstyrelsen",
        "Kommunfullmäktige",
        "Nämnden",
        "Ärendet",
        "Bakgrund",
        "Sammanfattning",
        "Beslut",
        "Yrkanden",
        "Yrkande",
        "Förslag",
        "Ordföranden",
        "Stadskontoret",
        "Kommunledningskontoret",
        "Förvaltningen",
        "Beslutsunderlag",
        "Utses",
    ]
)


def _split_run_titles(tokens: list[str], *, first_only: bool = False) -> list[list[str]]:
    titles: list[list[str]] = [[]]
    for k, token in enumerate(tokens):
        current = titles[-1]
        if current:
            previous = current[-1]
            following = tokens[k + 1] if k + 1 < len(tokens) else ""
            number_start = re.fullmatch(r"\d{1,4}", token) and following[:1].isupper()
            new_sentence = previous.endswith(".") and token[:1].isupper()
            capital_after_word = (
                token[:1].isupper()
                and not previous[:1].isupper()
                and previous.lower() not in _FUNCTION_WORDS
                and not any(c.isupper() for c in previous)
                and not re.match(r"\d", following)
                and not previous.endswith(("-", "–"))
            )
            body_start = (
                token.rstrip(":,") in _BODY_START_WORDS and previous.lower() not in _FUNCTION_WORDS
            )
            if number_start or new_sentence or capital_after_word or body_start:
                if first_only:
                    return [current]
                titles.append([])
                if number_start:
                    continue
        titles[-1].append(token)
    return [t for t in titles if t]


def _table_of_contents(text: str) -> list[_Found]:
    """Items listed after an "ÄRENDELISTA" heading, one per line or run together on one line."""
    match = _TOC.search(text)
    if not match:
        return []
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    if len(text[match.end() : line_end].strip()) < 20:
        return _toc_lines(text, line_end)
    region = text[match.end() : line_end]
    tokens = region.split()
    first_number: int | None = None
    if tokens and re.fullmatch(r"\d{1,4}", tokens[0]):
        first_number = int(tokens[0])
        tokens = tokens[1:]
    found: list[_Found] = []
    cursor = match.end()
    for words in _split_run_titles(tokens):
        title = " ".join(words)
        position = text.find(words[0], cursor)
        position = cursor if position < 0 else position
        cursor = position + len(words[0])
        if not _title_like(title) or _FURNITURE_TITLE.match(title):
            continue
        number = f"§ {first_number + len(found)}" if first_number is not None else ""
        found.append(_Found(number, title, position, position + len(title)))
    return found


_TOC_ENTRY = re.compile(
    r"^\s*(?:§\s*)?(?P<num>\d{1,4}[a-z]?)?[.)]?\s*(?P<title>.*?)[\s.…_]*(?:\d{1,3})?\s*$"
)


def _toc_lines(text: str, after: int) -> list[_Found]:
    """A table of contents laid out one entry a line: "§ 12 Title ....... 3"."""
    found: list[_Found] = []
    for line in _split_lines(text[after:]):
        stripped = line.stripped
        if not stripped:
            if found:
                break
            continue
        # A contents entry is one short line; the length bound also keeps the lazy match cheap.
        entry = _TOC_ENTRY.match(line.raw) if len(line.raw) <= _RUN_TOGETHER else None
        title = _collapse(entry.group("title")) if entry else ""
        if not entry or not _title_like(title, limit=160) or _FURNITURE_TITLE.match(title):
            if found:
                break
            continue
        number = f"§ {entry.group('num')}" if entry.group("num") else ""
        start = after + line.start + entry.start("title")
        found.append(_Found(number, title, start, start + len(entry.group("title"))))
    return found


# --- meeting date and body ----------------------------------------------------------------

_MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_DATE_TEXT = re.compile(
    r"(?:(?:den|måndag(?:en)?|tisdag(?:en)?|onsdag(?:en)?|torsdag(?:en)?|fredag(?:en)?|"
    r"lördag(?:en)?|söndag(?:en)?)\s+)*(?:den\s+)?(?P<day>\d{1,2})(?::e|:a)?\s+"
    r"(?P<month>" + "|".join(_MONTHS) + r")(?:,?\s+(?P<year>(?:19|20)\d{2}))?",
    re.I,
)
_ISO_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_MEETING_WORDS = re.compile(
    r"sammanträd|kallas|kallelse|möte|protokoll|kungörelse|föredragningslista\b|"
    r"dagordning\b|\blive\b|^datum\s*:",
    re.I,
)
_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_NOT_MEETING_WORDS = re.compile(
    r"publicerad|uppdaterad|justerad|anslag|beslutade den|inkom|\bden\s+\d.*\bkl\s+\d", re.I
)
_SIGNATURE_DATE = re.compile(r"^[A-ZÅÄÖ][\wåäö-]+\s+den\s+\d{1,2}\s+[a-zåäö]+\s+\d{4}\s*$")


@dataclass(frozen=True, slots=True)
class _DateCandidate:
    score: int
    line_no: int
    year: int | None
    month: int
    day: int
    weekday: int | None


def find_meeting_date(text: str) -> dt.date | None:
    """The meeting's date, from a line about the meeting ("sammanträder", "kallas", "Möte").

    A date without a year ("måndagen den 21 mars") takes the year of the same date written
    in full elsewhere, else a year mentioned in the text on which that day falls on the
    weekday given, else the year of the nearest full date, else the year mentioned most.
    Dates on no line about a meeting (a publication date, a decision cited in the text) are
    not taken: None is better than a wrong date.
    """
    candidates: list[_DateCandidate] = []
    for line_no, line in enumerate(text[:6000].split("\n")):
        stripped = line.strip()
        score = 2 if _MEETING_WORDS.search(stripped) else 0
        if _NOT_MEETING_WORDS.search(stripped) or _SIGNATURE_DATE.match(stripped):
            score -= 3
        for match in _DATE_TEXT.finditer(stripped):
            year = int(match.group("year")) if match.group("year") else None
            words = match.group().lower()
            weekday = next((k for k, name in enumerate(_WEEKDAYS) if name in words), None)
            month = _MONTHS[match.group("month").lower()]
            candidates.append(
                _DateCandidate(score, line_no, year, month, int(match.group("day")), weekday)
            )
        for match in _ISO_DATE.finditer(stripped):
            year, month, day = (int(match.group(k)) for k in ("year", "month", "day"))
            candidates.append(_DateCandidate(score, line_no, year, month, day, None))
    meeting = [c for c in candidates if c.score > 0]
    if not meeting:
        return None
    best = max(meeting, key=lambda c: (c.score, c.year is not None, -c.line_no))
    year = best.year if best.year is not None else _year_for(candidates, best, text)
    if year is None:
        return None
    try:
        return dt.date(year, best.month, best.day)
    except ValueError:
        return None


def _year_for(candidates: list[_DateCandidate], best: _DateCandidate, text: str) -> int | None:
    for other in candidates:
        if other.year is not None and (other.month, other.day) == (best.month, best.day):
            return other.year
    mentioned = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text[:6000]))
    weekday = next(
        (
            c.weekday
            for c in candidates
            if c.weekday is not None and (c.month, c.day) == (best.month, best.day)
        ),
        None,
    )
    if weekday is not None:
        years = sorted({y + d for y in mentioned for d in (-1, 0, 1)}, key=lambda y: -mentioned[y])
        for year in years:
            try:
                if dt.date(year, best.month, best.day).weekday() == weekday:
                    return year
            except ValueError:
                continue
        return None
    # Without a weekday, the nearest date written with its year tells the year best: the
    # most mentioned year is often last year's accounts or next year's budget.
    dated = [c for c in candidates if c.year is not None]
    if dated:
        return min(dated, key=lambda c: abs(c.line_no - best.line_no)).year
    return mentioned.most_common(1)[0][0] if mentioned else None


_BODY = re.compile(
    r"\b(?P<name>kommunfullmäktige|kommunstyrelse|regionfullmäktige|regionstyrelse|"
    r"[a-zåäö]{3,}a\s+nämnd|[a-zåäö][a-zåäö-]{2,}nämnd|[a-zåäö][a-zåäö-]{2,}utskott)"
    r"(?:s|n|ns|en|ens|et|ets)?\b",
    re.I,
)
_BODY_CANONICAL = {
    "kommunstyrelse": "kommunstyrelsen",
    "regionstyrelse": "regionstyrelsen",
}


def find_body(text: str) -> str | None:
    """The body (council or committee) holding the meeting, in lower case, or None.

    Only a body named on a line about the meeting ("... kallas att sammanträda",
    "Protokoll fört vid ...") or in the document's first lines counts: bodies named in
    item texts say nothing about who meets.
    """
    nonblank = [line for line in text[:4000].split("\n") if line.strip()]
    for line in nonblank:
        match = _BODY.search(line)
        if match and _MEETING_WORDS.search(line):
            return _body_name(match.group("name"))
    for line in nonblank[:3]:
        match = _BODY.search(line)
        if match:
            return _body_name(match.group("name"))
    return None


def _body_name(raw: str) -> str:
    name = " ".join(raw.lower().split())
    if name.endswith("nämnd"):
        return name + "en"
    if name.endswith("utskott"):
        return name + "et"
    return _BODY_CANONICAL.get(name, name)
