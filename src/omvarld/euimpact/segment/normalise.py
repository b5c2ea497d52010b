"""Page furniture blanked out before the detectors read a document.

Copies of meeting documents carry text that belongs to no item: the menus and buttons of the
site the copy came from ("Save this PDF as", "Till sidans huvudinnehåll", "Länk till annan
webbplats"), page headers repeated on every page of a PDF ("Kommunstyrelsen 2013-10-01 2(47)"),
page counters and the page numbers a transcript puts before each page. :func:`mask` replaces
them with spaces, so every offset into the masked text is an offset into the original text and
the items keep pointing at what the document says.
"""

from __future__ import annotations

import re
from collections import Counter

from omvarld.euimpact.segment.text import Line, split_lines

__all__ = ["mask"]

# Whole lines of the chrome of document-sharing and municipal sites.
_CHROME_LINE = re.compile(
    r"(?:storlek:\s*px|starta visningen från sidan:?|download\s+\".{0,600}|transkript|"
    r"save this pdf as:?|(?:word|png|txt|jpg|pdf)(?:\s+(?:word|png|txt|jpg|pdf)){2,}|"
    r"•?\s*no results found|n/a|protected|academic year:.{0,40}|share\s+\".{0,600}|copied!?|"
    r"loading\.{2,}.{0,40}|full text|\(\d{1,3}\)|signature reference:.{0,80}|skriv ut|"
    r"senast uppdaterad:?.{0,60}|hoppa (?:till|över) .{0,60}|till sidans huvudinnehåll|"
    r"skip to main content|stäng rutan|logotyp för .{0,60}|din position:.{0,200}|"
    r"språk/language|länk till startsidan|dela(?: sidan)?|tryck på .{0,60}|"
    r"information om tillgänglighet.{0,20}|lyssna|läs upp|"
    r"ikon som illustrerar filtyp.{0,80}|filer tillgängliga för nedladdning|"
    r".{1,200}\bpdf, [\d.,]+ [km]b, öppnas i nytt fönster\..{0,60})",
    re.I,
)
# Link captions inside a line ("… Länk till annan webbplats, öppnas i nytt fönster.").
_CHROME_INLINE = re.compile(
    r"länk till annan webbplats(?:,? ?(?:öppnas(?: i(?: nytt(?: fönster)?)?)?)?)?\.?"
    r"|\böppnas i nytt fönster\.?",
    re.I,
)
# "2 (7)", "1(47)", "Sid 3 (18)", "sidnr 1(1)": page counters inside run-together text.
_PAGE_COUNTER = re.compile(
    r"(?<![\w/.:-])(?:(?:sida|sid|sidnr|blad)\s*)?\d{1,3}\s?\(\d{1,3}\)(?![\w/-])", re.I
)
_DIGITS = re.compile(r"\d+")
_HEADER_WORDS = re.compile(
    r"kommun|nämnd|styrelse|fullmäktige|protokoll|kallelse|utskott|sammanträde|^sid(?:a|nr)?$|"
    r"^blad$",
    re.I,
)
_PAGE_MARK = re.compile(r"^(?:#|#\(#\)|\[#\]|\(#\)|#-#-#|#/#)$")
# Lines shorter than this are not run-together pages whose header could repeat.
_HEADER_LINE = 60
_HEADER_TOKENS = 6
# Lines read to find a repeated header: enough pages to see it repeat.
_HEADER_SAMPLE = 500


def mask(text: str) -> str:
    """``text`` with page furniture replaced by spaces (line breaks kept)."""
    chars = list(text)
    lines = split_lines(text)
    spans: list[tuple[int, int]] = []
    for line in lines:
        stripped = line.stripped
        if not stripped:
            continue
        if len(stripped) <= 800 and _CHROME_LINE.fullmatch(stripped):
            spans.append((line.start, line.end))
            continue
        spans.extend(_inline_spans(line))
    spans.extend(_page_index_spans(lines, text))
    spans.extend(_header_spans(lines))
    for start, end in spans:
        for k in range(start, end):
            if chars[k] not in "\n\f\r":
                chars[k] = " "
    return "".join(chars)


def _inline_spans(line: Line) -> list[tuple[int, int]]:
    spans = [
        (line.start + m.start(), line.start + m.end()) for m in _CHROME_INLINE.finditer(line.raw)
    ]
    if len(line.raw) >= _HEADER_LINE:
        spans += [
            (line.start + m.start(), line.start + m.end()) for m in _PAGE_COUNTER.finditer(line.raw)
        ]
    return spans


def _page_index_spans(lines: list[Line], text: str) -> list[tuple[int, int]]:
    """The page numbers a transcript writes before each page: "1 …", "2 …", "3 …".

    Only a run of lines that start with 1, 2, 3 … in order counts, so numbered items on lines
    of their own are left alone unless they are one page each.
    """
    if "transkript" not in text[:3000].lower():
        return []
    spans: list[tuple[int, int]] = []
    expected = 1
    for line in lines:
        if not line.stripped[:1].isdigit():
            continue
        match = re.match(r"\s*(\d{1,3})(?=\s|$)", line.raw)
        if match and int(match.group(1)) == expected and len(line.raw) > 20:
            spans.append((line.start + match.start(1), line.start + match.end(1)))
            expected += 1
    return spans if len(spans) >= 2 else []


def _header_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """A page header repeated at the start of run-together pages, with its page counter.

    The header is the run of words (digits masked) that starts at least two long lines, names
    the body or the document, and is seen most often; a line may start with up to two tokens of
    noise (a page index, a scanner's smudge). Words that follow it on a line are masked with
    it while they are header words or page numbers, never an item's marker ("KS 259").
    """
    long_lines = [line for line in lines if len(line.raw) >= _HEADER_LINE]
    if len(long_lines) < 2:
        return []
    words_of: list[list[tuple[str, int, int]]] = []
    counts: Counter[tuple[str, ...]] = Counter()
    # Chunks are compared without case and with digits masked; their first spelling is kept
    # to test which words they are made of.
    spelling: dict[tuple[str, ...], tuple[str, ...]] = {}
    for number, line in enumerate(long_lines):
        words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", line.raw[:300])]
        words = words[: _HEADER_TOKENS + 3]
        words_of.append(words)
        if number >= _HEADER_SAMPLE:
            # The header is known from the first pages; later lines are only masked.
            continue
        masked = [_DIGITS.sub("#", w[0]) for w in words]
        seen: set[tuple[str, ...]] = set()
        for offset in range(min(3, len(masked))):
            for size in range(2, _HEADER_TOKENS + 1):
                chunk = tuple(masked[offset : offset + size])
                if len(chunk) == size and _header_word(chunk[0]):
                    key = tuple(w.casefold() for w in chunk)
                    spelling.setdefault(key, chunk)
                    seen.add(key)
        counts.update(seen)
    good = [
        key
        for key, n in counts.items()
        if n >= 2
        and all(_header_word(w) or _PAGE_MARK.match(w) for w in spelling[key])
        and any(_HEADER_WORDS.search(w) for w in key)
        and (
            any(_PAGE_MARK.match(w) for w in key)
            or n >= max(3, min(len(long_lines), _HEADER_SAMPLE) // 2)
        )
    ]
    if not good:
        return []
    header = max(good, key=lambda c: (counts[c], -len(c)))
    spans: list[tuple[int, int]] = []
    for words, line in zip(words_of, long_lines, strict=True):
        masked = [_DIGITS.sub("#", w[0]).casefold() for w in words]
        for offset in range(min(3, len(words))):
            if tuple(masked[offset : offset + len(header)]) != header:
                continue
            end_word = offset + len(header)
            while end_word < len(words) and _HEADER_WORDS.search(masked[end_word]):
                end_word += 1
            # One page number may follow; a second number is an item's ("2 132 Titel").
            if end_word < len(words) and _PAGE_MARK.match(masked[end_word]):
                end_word += 1
            spans.append((line.start, line.start + words[end_word - 1][2]))
            break
    return spans


def _header_word(word: str) -> bool:
    """A word a page header is made of: the body, the document's name, the municipality."""
    return bool(_HEADER_WORDS.search(word)) or word[:1].isupper()
