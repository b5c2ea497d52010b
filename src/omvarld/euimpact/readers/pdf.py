"""PDF: the text of every page, with running headers, page numbers and hyphenation removed."""

from __future__ import annotations

import re
from collections import Counter

from omvarld.euimpact.readers.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ScannedDocumentError,
)
from omvarld.euimpact.readers.text import normalise_newlines, strip_blank_edges

__all__ = ["clean_pdf_pages", "read_pdf"]

# A page with fewer visible characters than this is taken to have no text layer; a scanned
# page often still carries a few characters (a stamp, an OCR-less page number).
_MIN_CHARS_PER_TEXT_PAGE = 25


def read_pdf(data: bytes) -> tuple[str, int]:
    """The text of a PDF (pages joined with form feeds) and its number of pages."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocumentError("PDF-filen är lösenordsskyddad.") from exc
        raise CorruptDocumentError("PDF-filen är skadad och kan inte öppnas.") from exc
    try:
        count = len(pdf)
        if count == 0:
            raise EmptyDocumentError("PDF-filen har inga sidor.")
        pages: list[str] = []
        for index in range(count):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
                page.close()
            except pdfium.PdfiumError as exc:
                raise CorruptDocumentError(
                    f"PDF-filen är skadad (sidan {index + 1} kan inte läsas)."
                ) from exc
    finally:
        pdf.close()
    visible = sum(len(re.sub(r"\s", "", page)) for page in pages)
    if visible < _MIN_CHARS_PER_TEXT_PAGE * max(1, count // 4):
        raise ScannedDocumentError(
            "PDF-filen saknar textlager (inskannad?); kör textigenkänning (OCR) och ladda upp igen."
        )
    return "\f".join(clean_pdf_pages(pages)), count


# Lines that are nothing but a page number, in the forms Swedish documents use.
_PAGE_NUMBER = re.compile(
    r"""^(?:
        \d{1,4}
      | (?:sida|sid\.?|s\.|page)\s*\d{1,4}(?:\s*(?:av|\(|/|of)\s*\d{1,4}\)?)?
      | \d{1,4}\s*\(\s*\d{1,4}\s*\)
      | \d{1,4}\s*(?:/|av|of)\s*\d{1,4}
      | [-–—]\s*\d{1,4}\s*[-–—]
    )$""",
    re.I | re.X,
)
# Unambiguous page-number lines are removed anywhere; a bare "3" only near the page's edges.
_EXPLICIT_PAGE_NUMBER = re.compile(r"^(?:sida|page)\s*\d{1,4}(?:\s*(?:av|of)\s*\d{1,4})?$", re.I)
_EDGE_LINES = 2
# Both patterns start only at a word's first letter ((?<!\w)), so a very long "word" (a
# line of garbage in a damaged PDF) is scanned once, not once per letter.
_HYPHEN_END = re.compile(r"(?<!\w)(\w+)[-\u00ad\ufffe\x02]$")
_SUSPENDED_HYPHEN_NEXT = {"och", "eller", "samt", "respektive", "resp.", "till", "som"}


# Typeset PDFs often carry ligature glyphs; the cue words are written with plain letters.
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)


def clean_pdf_pages(pages: list[str]) -> list[str]:
    """Remove page furniture from extracted PDF pages and join hyphenated line ends.

    Ligatures are spelled out ("ﬁ" → "fi"). Removed: lines repeated at the top or bottom of
    most pages (running headers and footers, compared with digits masked so "Sida 3" and
    "Sida 4" match) and bare page numbers. Hyphenation at a line end is joined
    ("avfalls-/plan" → "avfallsplan"), but a hyphen after an abbreviation or before a capital
    stays ("VA-taxa"), and a suspended compound keeps its space ("barn- och").
    """
    split = [
        [line.strip() for line in normalise_newlines(page.translate(_LIGATURES)).split("\n")]
        for page in pages
    ]
    repeated = _repeated_edge_lines(split)
    cleaned: list[str] = []
    for lines in split:
        kept_index = [i for i, line in enumerate(lines) if line]
        edges = set(kept_index[:_EDGE_LINES] + kept_index[-_EDGE_LINES:])
        kept: list[str] = []
        for i, line in enumerate(lines):
            if not line:
                kept.append("")
                continue
            if _EXPLICIT_PAGE_NUMBER.match(line):
                continue
            # A number right after a hyphenated line end continues it ("2019-" / "2022").
            continues = bool(kept) and kept[-1].endswith("-")
            if (
                i in edges
                and not continues
                and (
                    _PAGE_NUMBER.match(line)
                    or (_mask(line) in repeated and not line.startswith("§"))
                )
            ):
                continue
            kept.append(line)
        text = "\n".join(_join_hyphenation(kept))
        cleaned.append(strip_blank_edges(_INLINE_HYPHEN.sub(_join_inline, text)))
    return cleaned


# PDFium reports a hyphen it takes for end-of-line hyphenation as U+FFFE (sometimes U+0002)
# and drops the line break itself; such breaks are judged like the ones seen as lines.
_INLINE_HYPHEN = re.compile(r"(?<!\w)(\w+)[\ufffe\x02]\s*(\S+)")


def _join_inline(match: re.Match[str]) -> str:
    joined = _join_pair(match.group(1) + "-", match.group(2))
    return joined[0] if joined else match.group(0)


def _mask(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line)).casefold()


def _repeated_edge_lines(pages: list[list[str]]) -> set[str]:
    """Masked lines seen at a page edge on at least half of the pages (and on two or more)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        nonblank = [line for line in lines if line]
        counts.update({_mask(line) for line in nonblank[:_EDGE_LINES] + nonblank[-_EDGE_LINES:]})
    needed = max(2, (len(pages) + 1) // 2)
    return {line for line, n in counts.items() if n >= needed}


def _join_hyphenation(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line:
            joined = _join_pair(out[-1], line)
            if joined is not None:
                out[-1], rest = joined
                if rest:
                    out.append(rest)
                continue
        out.append(line)
    return out


def _join_pair(previous: str, line: str) -> tuple[str, str] | None:
    """Join a word broken over two lines, or None when ``previous`` does not end in one."""
    match = _HYPHEN_END.search(previous)
    if not match:
        return None
    first, _, rest = line.partition(" ")
    if first.casefold() in _SUSPENDED_HYPHEN_NEXT:
        return previous[:-1] + "- " + first, rest
    stem = match.group(1)
    head = previous[:-1]
    if (
        first[:1].isupper()
        or (stem.isupper() and len(stem) <= 5)
        or len(stem) == 1
        or not first[:1].isalpha()
    ):
        # A real hyphen: an abbreviation compound ("VA-taxa", "EU-medel", "e-tjänst"),
        # a name part or a number range.
        return head + "-" + first, rest
    return head + first, rest
