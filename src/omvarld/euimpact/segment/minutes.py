"""Minutes: numbered paragraphs with their decision texts.

A paragraph opens with "§ 12", or with the body's own abbreviation and number ("KS 259",
"Kf 130", "TN 2", "Sn 49", "KSAU 1"), at the start of a line or, in text whose line breaks were
lost, anywhere in a line. Case references and references to earlier paragraphs ("Dnr KS
2013/0463", "Au 84 Sn 34", "Kod 146") may stand between the number and the title; the title
ends where the decision text starts (see :func:`~omvarld.euimpact.segment.titles.title_stop`).
An item's text runs to the next paragraph, without the signature block and page furniture
that close it. A table of contents written one entry a line ("§ 12 Title ....... 3") is read
here too, for minutes cut after their first pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Literal

from omvarld.euimpact.segment.meeting import is_date_line
from omvarld.euimpact.segment.text import (
    MAX_LINE,
    Found,
    Line,
    collapse,
    leader_start,
    split_lines,
    title_like,
)
from omvarld.euimpact.segment.titles import is_capitalised, is_reference, title_stop
from omvarld.euimpact.segment.vocabulary import words

__all__ = [
    "looks_like_minutes",
    "paragraph_prefixes",
    "read_contents_lines",
    "read_paragraphs",
]

_MINUTES_CUES = re.compile(
    r"protokoll fört|protokollet föres|protokoll från|sammanträdesprotokoll|utdragsbestyrkande|"
    r"justerandes signatur|justerare\s*:|justerande\b|närvarande\b|beslutande\b|"
    r"protokollet omfattar|paragrafer\s*:?\s*§|utses att justera|justeringens",
    re.I,
)
_PREFIX_NUMBER = re.compile(
    r"(?<![\w/.:-])(?P<prefix>§|[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,4})\s?(?P<num>\d{1,4})(?=\s|$)"
)
# Words written before a number that are no paragraph marks.
_NOT_PREFIXES = words("not_prefixes")
_FURNITURE_WORDS = re.compile(
    r"\b(?:närvarande|sammanträdestid|protokoll fört|beslutande|ledamöter\s*:|"
    r"tjänstgörande ersätt|ersättare\s*:|underskrifter|utses att justera|justeringens|"
    r"protokollet omfattar|övriga deltagare|plats och tid)\b",
    re.I,
)
FURNITURE_TITLE = re.compile(
    r"^(?:den\s+)?\d{1,2}\s+[a-zåäö]+\s+\d{4}|^(?:justerare|justerande|ordförande|sekreterare|"
    r"utdragsbestyrkande|underskrifter|närvarande|beslutande|paragrafer|plats och tid|"
    r"protokoll fört|protokollet|sammanträdesdatum|ärendelista|innehåll|sida|sid|"
    r"justering\s*:|utses|den\s+\d|anslag|bevis|organ|datum för)(?![\wåäö])"
    r"|^[\wåäö-]*(?:fullmäktige|styrelsen?|nämnden?|utskott(?:et)?)\s+(?:protokoll|kallelse|"
    r"sammanträdesprotokoll|föredragningslista|dagordning)(?![\wåäö])"
    r"|^(?:[\wåäö-]*(?:fullmäktige|styrelsen|nämnden|utskottet)|protokoll|kallelse|"
    r"sammanträdesprotokoll)$",
    re.I,
)
# A title longer than this many words has run into the text.
MAX_TITLE_WORDS = 45
# Run-together lines: paragraphs found anywhere in a line this long.
RUN_TOGETHER = 300
# A line this long that opens with a number is a paragraph with its text, not a list entry.
_PARAGRAPH_LINE = 120
# Enough of a line after a paragraph mark to hold its references and title.
_TITLE_WINDOW = 600


def looks_like_minutes(
    text: str, prefixes: frozenset[str], lines: list[Line] | None = None
) -> Literal["minutes", "paragraphs", ""]:
    """ "minutes" for minutes' wording, "paragraphs" for paragraph marks alone, else ""."""
    cues = len(_MINUTES_CUES.findall(text[:100_000]))
    paragraphs = sum(1 for _ in _line_marks(lines or split_lines(text[:100_000]), prefixes))
    if cues >= 2 or (cues >= 1 and paragraphs >= 1):
        return "minutes"
    return "paragraphs" if paragraphs >= 3 else ""


def _line_marks(lines: list[Line], prefixes: frozenset[str]) -> list[re.Match[str]]:
    marks = []
    for line in lines:
        if not line.stripped:
            continue
        match = _PREFIX_NUMBER.match(line.raw.lstrip(" \t•·*"))
        if match and (match.group("prefix") == "§" or match.group("prefix") in prefixes):
            marks.append(match)
    return marks


def paragraph_prefixes(masked: str) -> frozenset[str]:
    """The marks this document writes before its paragraph numbers ("§", "KS", "Kf" …).

    A word counts when it stands before a number at least twice with different numbers, at
    least once at the start of a line or before a capitalised title.
    """
    numbers: dict[str, set[int]] = {}
    before_title: Counter[str] = Counter()
    for match in _PREFIX_NUMBER.finditer(masked[:200_000]):
        prefix = match.group("prefix")
        if prefix in _NOT_PREFIXES or (prefix != "§" and prefix.lower() == prefix):
            continue
        numbers.setdefault(prefix, set()).add(int(match.group("num")))
        after = masked[match.end() : match.end() + 40].split()
        if after and (is_capitalised(after[0]) or is_reference(after[0])):
            before_title[prefix] += 1
    return frozenset(
        p for p, values in numbers.items() if len(values) >= 2 and before_title[p] >= 1
    )


def read_paragraphs(
    text: str, masked: str, lines: list[Line], prefixes: frozenset[str], names: frozenset[str]
) -> list[Found]:
    """The paragraphs of minutes, in order of their numbers (see the module docstring);
    ``lines`` are the lines of ``masked``."""
    starts = _paragraph_starts(masked, lines, prefixes, names)
    found: list[Found] = []
    for k, (offset, number, title) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        found.append(Found(number, title, offset, _item_end(masked, offset, stop)))
    return found


def _paragraph_starts(
    masked: str, lines: list[Line], prefixes: frozenset[str], names: frozenset[str]
) -> list[tuple[int, str, str]]:
    """(offset, "§ n", title) of every paragraph heading, in order, numbers increasing."""
    candidates: list[tuple[int, str, str, bool]] = []
    for index, full in enumerate(lines):
        if not full.stripped:
            continue
        # A line longer than MAX_LINE is read only so far: no list runs that long.
        line = full
        if len(full.raw) > MAX_LINE:
            line = Line(full.start, full.start + MAX_LINE, full.raw[:MAX_LINE])
        run_together = len(line.raw) > RUN_TOGETHER
        lead = len(line.raw) - len(line.raw.lstrip(" \t•·*"))
        contents_line = leader_start(line.raw, page=True) is not None
        for match in _PREFIX_NUMBER.finditer(line.raw):
            prefix = match.group("prefix")
            if prefix != "§" and prefix not in prefixes:
                continue
            at_start = match.start() == lead
            if not (at_start or run_together) or (contents_line and not run_together):
                continue
            window = line.raw[match.end() : match.end() + _TITLE_WINDOW]
            following = _next_mark(line.raw, match, prefixes)
            if following is not None:
                window = line.raw[match.end() : following]
            contents = bool(_LEADER.search(window))
            words = _before_leader(window).split()
            if at_start and not words and index + 1 < len(lines):
                words = _next_words(lines, index)
            title = _title(words, prefixes, names, contents=contents)
            if title and not FURNITURE_TITLE.match(title):
                offset = line.start + match.start()
                candidates.append((offset, match.group("num"), title, run_together))
        if not any(c[0] >= line.start for c in candidates[-1:]):
            if run_together:
                candidates.extend(_bare_numbers(line, prefixes, names))
            elif len(line.raw) >= _PARAGRAPH_LINE:
                # A paragraph of its own that opens with its number ("133 Delårsrapport …").
                first = _bare_numbers(line, prefixes, names)[:1]
                candidates.extend(c for c in first if c[0] == line.start + lead)
        if run_together:
            candidates.extend(_caps_titles(line, candidates))
    return _increasing(masked, candidates)


def _caps_titles(
    line: Line, candidates: list[tuple[int, str, str, bool]]
) -> list[tuple[int, str, str, bool]]:
    """All-capital headings whose number the extraction lost ("… januari DELEGATIONSBESLUT
    M.M. Protokoll …"), in a line whose numbered headings are all-capital too.

    Scanned word by word: a regular expression for this shape backtracks on long runs.
    """
    on_line = [c for c in candidates if line.start <= c[0] < line.end]
    if not any(_caps(c[2].split()[0]) for c in on_line):
        return []
    words = list(re.finditer(r"\S+", line.raw))
    found: list[tuple[int, str, str, bool]] = []
    k = 0
    while k < len(words):
        if not _caps(words[k].group()):
            k += 1
            continue
        j = k
        while j < len(words) and _caps(words[j].group()):
            j += 1
        run = [w.group() for w in words[k:j]]
        closes = j == len(words) or re.match(r"[A-ZÅÄÖ][a-zåäö]", words[j].group())
        letters = sum(c.isalpha() for w in run for c in w)
        offset = line.start + words[k].start()
        near = any(
            abs(offset - c[0]) < 12 or c[0] <= offset < c[0] + len(c[2]) + 12 for c in on_line
        )
        if closes and letters >= 8 and any(sum(c.isalpha() for c in w) >= 4 for w in run):
            title = collapse(" ".join(run)).rstrip(" ,;.")
            if not near and not FURNITURE_TITLE.match(title):
                found.append((offset, "", title, True))
        k = j
    return found


_LEADER = re.compile(r"[.…_]{3,}")


def _before_leader(window: str) -> str:
    """A contents entry's title ends at its dot leader."""
    leader = _LEADER.search(window)
    return window[: leader.start()] if leader else window


def _next_mark(raw: str, match: re.Match[str], prefixes: frozenset[str]) -> int | None:
    """Where the next paragraph of the same mark and a higher number starts on the line."""
    prefix, number = match.group("prefix"), int(match.group("num"))
    end = min(len(raw), match.end() + _TITLE_WINDOW)
    for other in _PREFIX_NUMBER.finditer(raw, match.end(), end):
        if other.group("prefix") == prefix and int(other.group("num")) > number:
            return other.start()
    return None


def _next_words(lines: list[Line], index: int) -> list[str]:
    for line in lines[index + 1 : index + 4]:
        if line.stripped:
            return line.raw[:_TITLE_WINDOW].split()
    return []


def _skip_references(words: list[str], prefixes: frozenset[str]) -> int:
    """How many words at the start are case references, codes or marks of other paragraphs."""
    k = 0
    while k < len(words):
        word = words[k]
        following = words[k + 1] if k + 1 < len(words) else ""
        if (
            word.lower().rstrip(".:") in {"dnr", "änr", "kod", "diarienummer", "ärendenr"}
            or is_reference(word)
            or re.fullmatch(r"\d{1,4}/[A-ZÅÄÖ]{1,6}", word)
            or (k and re.fullmatch(r"\d{2,6}[.:]?", word))
        ):
            k += 1
        elif word in prefixes and re.fullmatch(r"\d{1,4}", following):
            k += 2
        elif re.fullmatch(r"[A-ZÅÄÖ]{1,6}", word) and is_reference(following):
            # "KS 2019/123": a body's letters before its case number.
            k += 2
        elif re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]?", word) and re.fullmatch(r"\d{1,4}", following):
            # "Au 84": a reference to the working committee's paragraph.
            k += 2
        else:
            break
    return k


def _title(
    words: list[str], prefixes: frozenset[str], names: frozenset[str], *, contents: bool = False
) -> str:
    """The title after a paragraph mark; an entry of contents (``contents``) runs to its dot
    leader, a paragraph's title stops where its text starts."""
    words = words[_skip_references(words, prefixes) :][: MAX_TITLE_WORDS + 5]
    if not words or not (is_capitalised(words[0]) or words[0][:1].islower()):
        return ""
    if _caps(words[0]) and len(words[0]) >= 3:
        # An all-capital title ends at the first word in lower case.
        return collapse(" ".join(_leading(words, _caps))).rstrip(" ,;.")
    title = collapse(" ".join(words[: title_stop(words, names, minutes=not contents)]))
    title = title.rstrip(" ,;/-–")
    if title.endswith(".") and not title.endswith(("m.fl.", "m.m.")):
        title = title[:-1]
    if len(title.split()) > MAX_TITLE_WORDS or not title_like(title, limit=300):
        return ""
    return title


def _caps(word: str) -> bool:
    return any(c.isalpha() for c in word) and not any(c.islower() for c in word)


def _leading(words: list[str], test: Callable[[str], bool]) -> list[str]:
    taken = []
    for word in words:
        if not test(word):
            break
        taken.append(word)
    return taken


# Mid-line paragraph starts without a mark, in minutes whose extraction dropped the "§":
# "… sekreterare. 24 Ordförandens upplysning …".
_BARE_START = re.compile(
    r"(?:^[ \t]*(?:\d{1,3}[ \t]+)?|(?<=[.!?:]\s)|(?<=ärenden\s))(?P<num>\d{1,4})\s+(?=[A-ZÅÄÖ])"
)


def _bare_numbers(
    line: Line, prefixes: frozenset[str], names: frozenset[str]
) -> list[tuple[int, str, str, bool]]:
    found = []
    matches = list(_BARE_START.finditer(line.raw))
    for k, match in enumerate(matches):
        # A title cannot run past the next paragraph start.
        stop = matches[k + 1].start() if k + 1 < len(matches) else len(line.raw)
        window = line.raw[match.end() : min(stop, match.end() + _TITLE_WINDOW)]
        title = _title(_before_leader(window).split(), prefixes, names)
        if title and not FURNITURE_TITLE.match(title):
            found.append((line.start + match.start(), match.group("num"), title, True))
    return found


def _increasing(
    masked: str, candidates: list[tuple[int, str, str, bool]]
) -> list[tuple[int, str, str]]:
    starts: list[tuple[int, str, str]] = []
    last = first = -1
    for offset, number, title, run_together in sorted(candidates, key=lambda c: c[0]):
        if not number:
            # A heading whose number the extraction lost follows the previous one.
            if last < 0:
                continue
            number = str(last + 1)
        value = int(number)
        if value <= last:
            if value == first and _is_listing(starts, offset):
                # The numbers start over: what came before was a list of contents.
                starts, last = [], -1
            else:
                continue
        # In run-together text, a "heading" inside the attendance list or the signature
        # block is a page number or a count followed by a name.
        if run_together and _FURNITURE_WORDS.search(masked[offset : offset + len(title) + 100]):
            continue
        if not starts:
            first = value
        last = value
        starts.append((offset, f"§ {number}", title))
    return starts


def _is_listing(starts: list[tuple[int, str, str]], restart: int) -> bool:
    """True when the headings found so far carry almost no text: a list, not paragraphs."""
    offsets = [offset for offset, _, _ in starts] + [restart]
    spans = [offsets[k + 1] - offsets[k] - len(starts[k][2]) for k in range(len(starts))]
    return bool(spans) and sum(spans) / len(spans) < 40


_SIGNATURE_WORDS = re.compile(
    r"justerandes signatur|utdragsbestyrkande|justerare|justerande|ordförande|sekreterare|"
    r"underskrifter|vid protokollet|ort och datum|signatur",
    re.I,
)
_NAME_LINE = re.compile(
    r"^[A-ZÅÄÖ][\w'-]{0,30}(?:\s+[A-ZÅÄÖ][\w'-]{0,30}){0,3}(?:\s*\([A-ZÅÄÖa-zåäö]{1,4}\))?$"
)
_PAGE_LINE = re.compile(r"^(?:sida\s*)?\d{1,4}(?:\s*(?:\(|av|/)\s*\d{1,4}\)?)?$", re.I)
_TAIL_SIGNATURE = re.compile(r"\s(?:justerandes signatur|utdragsbestyrkande)\b", re.I)


def _item_end(text: str, start: int, stop: int) -> int:
    """End an item before the signature block, page furniture and names that close it.

    Only the tail is trimmed, read line by line from the end: a signature box in the middle of
    an item is a page break, and the item goes on after it ("§ 13 forts.").
    """
    end = stop
    while end > start:
        line_start = _line_start(text, start, end)
        stripped = text[line_start:end].strip()
        if not _trailing_furniture(stripped, first_line=line_start == start):
            break
        end = max(start, line_start - 1)
    if end <= start:
        return stop
    # Run-together text: the signature words close the paragraph within its line.
    line_start = _line_start(text, start, end)
    tail = _TAIL_SIGNATURE.search(text, max(line_start, end - 400), end)
    if tail and end - tail.start() < 200:
        end = tail.start()
    return end


def _line_start(text: str, start: int, end: int) -> int:
    """Where the line that ends at ``end`` starts (not before ``start``)."""
    breaks = max(
        text.rfind("\n", start, end), text.rfind("\f", start, end), text.rfind("\r", start, end)
    )
    return start if breaks < 0 else breaks + 1


def _trailing_furniture(stripped: str, *, first_line: bool) -> bool:
    """Blank lines, signature captions, names under them, page numbers and dates."""
    return (
        not stripped
        or (bool(_SIGNATURE_WORDS.match(stripped)) and len(stripped) <= 60)
        or (bool(_NAME_LINE.match(stripped)) and not first_line)
        or bool(_PAGE_LINE.match(stripped))
        or is_date_line(stripped)
    )


_TOC_ENTRY = re.compile(
    r"^\s*(?:(?:§|[A-ZÅÄÖ][A-Za-zåäö]{0,4})\s*)?(?P<num>\d{1,4}[a-z]?)?[.)]?\s*"
    r"(?P<title>\S.{0,300}?)(?P<leader>\s*[.…_]{3,}\s*\d{1,3})?\s*$"
)


def read_contents_lines(masked: str, lines: list[Line], anchors: list[int]) -> list[Found]:
    """A table of contents one entry a line after one of the ``anchors`` (line indexes)."""
    best: list[Found] = []
    for anchor in anchors:
        found: list[Found] = []
        for following in range(anchor + 1, len(lines)):
            line = lines[following]
            stripped = line.stripped
            if not stripped:
                if len(found) >= 2:
                    break
                continue
            entry = _TOC_ENTRY.match(line.raw) if len(line.raw) <= RUN_TOGETHER else None
            if entry and not (entry.group("num") or entry.group("leader")):
                entry = None
            words = entry.group("title").split() if entry else []
            title = collapse(" ".join(words[: title_stop(words, frozenset(), minutes=False)]))
            title = title.rstrip(" ,;/-–.")
            if not entry or not title_like(title, limit=200) or FURNITURE_TITLE.match(title):
                if found:
                    break
                continue
            number = f"§ {entry.group('num')}" if entry.group("num") else ""
            start = line.start + entry.start("title")
            found.append(Found(number, title, start, start + len(entry.group("title"))))
        if len(found) > len(best):
            best = found
    return best
