"""Read meeting documents (PDF, DOCX, HTML, plain text) into one plain-text string.

The type is detected from the file's content, never from its name: uploads and downloads from
meeting portals are often misnamed (an HTML error page saved as ``.pdf``, a ``.doc`` that is
really ``.docx``). Every failure is a :class:`DocumentError` carrying a one-line Swedish reason
that can be shown to the user as it is.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

__all__ = [
    "CorruptDocumentError",
    "Document",
    "DocumentError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "ScannedDocumentError",
    "UnreadableDocumentError",
    "UnsupportedDocumentError",
    "clean_pdf_pages",
    "decode_text",
    "html_to_text",
    "read_document",
]

DocumentFormat = Literal["pdf", "docx", "html", "text"]


class DocumentError(Exception):
    """A document that cannot be read; ``reason`` is one line of Swedish for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ScannedDocumentError(DocumentError):
    """A PDF whose pages are images without a text layer."""


class EncryptedDocumentError(DocumentError):
    """A password-protected document."""


class CorruptDocumentError(DocumentError):
    """A damaged or truncated file."""


class EmptyDocumentError(DocumentError):
    """A file without any text."""


class UnsupportedDocumentError(DocumentError):
    """A file type the engine does not read."""


class UnreadableDocumentError(DocumentError):
    """A file that could not be opened at all (missing, no permission)."""


@dataclass(frozen=True, slots=True)
class Document:
    """The text of one document; PDF pages are joined with form feeds (``\\f``)."""

    path: Path
    format: DocumentFormat
    text: str
    pages: int
    sha256: str


# A page with fewer visible characters than this is taken to have no text layer; a scanned
# page often still carries a few characters (a stamp, an OCR-less page number).
_MIN_CHARS_PER_TEXT_PAGE = 25


def read_document(path: Path) -> Document:
    """Read ``path`` and return its text, detecting the type from the content.

    Raises a subclass of :class:`DocumentError` with a Swedish reason when the file is
    missing, empty, scanned, encrypted, damaged or of a type the engine does not read.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise UnreadableDocumentError("Sökvägen är en mapp, inte en fil.") from exc
    except FileNotFoundError as exc:
        raise UnreadableDocumentError("Filen finns inte.") from exc
    except OSError as exc:
        raise UnreadableDocumentError(f"Filen kunde inte läsas ({exc.strerror}).") from exc
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise EmptyDocumentError("Filen är tom.")

    kind = _sniff(data)
    if kind == "pdf":
        text, pages = _read_pdf(data)
    elif kind == "docx":
        text, pages = _read_docx(data), 1
    elif kind == "html":
        text, pages = html_to_text(decode_text(data, html=True)), 1
    else:
        text, pages = _normalise_newlines(decode_text(data)), 1
    if not text.strip():
        raise EmptyDocumentError("Dokumentet innehåller ingen text.")
    return Document(path=path, format=kind, text=text, pages=pages, sha256=digest)


# --- type detection -----------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|ul|ol|li|table|h[1-6]|span|a)\b[^>]*>", re.I)


def _sniff(data: bytes) -> DocumentFormat:
    """Tell the format from the bytes, raising for types the engine does not read."""
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if head.startswith(_OLE_MAGIC):
        # Office encrypts DOCX files by wrapping them in an OLE container with this stream.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise EncryptedDocumentError("Dokumentet är lösenordsskyddat.")
        raise UnsupportedDocumentError(
            "Äldre Office-format (.doc/.xls) stöds inte; spara som .docx eller PDF."
        )
    if head.startswith(_IMAGE_MAGICS):
        raise UnsupportedDocumentError(
            "Filen är en bild utan text; skanna om med textigenkänning (OCR)."
        )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedDocumentError("Filtypen stöds inte (binär fil).")
    body = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(body) or len(_HTML_TAGS.findall(body)) >= 3:
        return "html"
    return "text"


def _sniff_zip(data: bytes) -> DocumentFormat:
    """A ZIP container is read only when it is a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CorruptDocumentError("Filen är skadad (trasigt ZIP-arkiv).") from exc
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedDocumentError("OpenDocument-filer stöds inte; spara som .docx eller PDF.")
    raise UnsupportedDocumentError("Filtypen stöds inte (ZIP-arkiv utan Word-dokument).")


# --- plain text -----------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_text(data: bytes, *, html: bool = False) -> str:
    """Decode bytes as UTF-8, else Windows-1252, else Latin-1 (which never fails).

    Swedish files from older Windows programs are cp1252; a byte-order mark or an HTML
    ``<meta charset>`` wins over guessing.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- PDF ------------------------------------------------------------------------------------


def _read_pdf(data: bytes) -> tuple[str, int]:
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
        [line.strip() for line in _normalise_newlines(page.translate(_LIGATURES)).split("\n")]
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
        cleaned.append(_strip_blank_edges(_INLINE_HYPHEN.sub(_join_inline, text)))
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


def _strip_blank_edges(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# --- DOCX -----------------------------------------------------------------------------------

_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocumentError("Word-filen är skadad och kan inte öppnas.") from exc
    except Exception as exc:  # lxml raises its own XMLSyntaxError for damaged XML parts
        raise CorruptDocumentError("Word-filen är skadad och kan inte öppnas.") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == _W_NS + "p":
            paragraph = Paragraph(child, document)
            lines.append(_docx_paragraph_line(paragraph))
        elif child.tag == _W_NS + "tbl":
            lines.extend(_docx_table_lines(Table(child, document)))
    return _strip_blank_edges("\n".join(lines))


def _docx_paragraph_line(paragraph: object) -> str:
    text = str(getattr(paragraph, "text", "")).strip()
    element = getattr(paragraph, "_p", None)
    is_list = element is not None and element.find(f"{_W_NS}pPr/{_W_NS}numPr") is not None
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    # Word keeps list numbering outside the text; mark list paragraphs as bullets so the
    # segmenter still sees the list.
    if text and (is_list or style.startswith(("List", "Liststycke"))):
        return "• " + text
    return text


def _docx_table_lines(table: object) -> list[str]:
    lines: list[str] = []
    for row in getattr(table, "rows", []):
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # Merged cells are repeated by python-docx once per grid column.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        lines.append(" ".join(cells))
    return lines


# --- HTML -----------------------------------------------------------------------------------


def html_to_text(markup: str) -> str:
    """Turn HTML into text lines: block elements become lines, list items "• " lines.

    Scripts, styles and the navigation furniture of web pages (nav, aside, footer,
    forms) are dropped.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.text()


class _TextExtractor(HTMLParser):
    _SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "nav",
            "aside",
            "footer",
            "form",
            "button",
            "select",
            "iframe",
            "head",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "main",
            "header",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "table",
            "tr",
            "blockquote",
            "pre",
            "figure",
            "figcaption",
            "address",
            "hr",
            "body",
            "caption",
            "tbody",
            "thead",
        }
    )
    _VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._skip_stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_stack[-1] and tag not in self._VOID:
                self._skip_depth += 1
            return
        role = dict(attrs).get("role") or ""
        if tag in self._SKIP or role in {"navigation", "banner", "contentinfo", "search"}:
            if tag not in self._VOID:
                self._skip_stack.append(tag)
                self._skip_depth = 1
            return
        if tag == "br":
            self._flush(blank=False)
        elif tag == "li":
            self._flush(blank=False)
            self._current.append("• ")
        elif tag in {"td", "th"}:
            self._current.append(" ")
        elif tag in self._BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag == self._skip_stack[-1]:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_stack.pop()
            return
        if tag == "li":
            self._flush(blank=False)
        elif tag in self._BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._current.append(data)

    def _flush(self, *, blank: bool = True) -> None:
        line = " ".join("".join(self._current).split())
        self._current = []
        if line in {"", "•"}:
            if blank and self._lines and self._lines[-1] != "":
                self._lines.append("")
            return
        self._lines.append(line)

    def text(self) -> str:
        """The text collected so far, one block per line."""
        self._flush()
        return _strip_blank_edges("\n".join(self._lines))
