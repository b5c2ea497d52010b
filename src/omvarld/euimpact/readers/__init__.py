"""Read meeting documents (PDF, DOCX, HTML, plain text) into one plain-text string.

The type is detected from the file's content, never from its name: uploads and downloads from
meeting portals are often misnamed (an HTML error page saved as ``.pdf``, a ``.doc`` that is
really ``.docx``). Every failure is a :class:`DocumentError` carrying a one-line Swedish reason
that can be shown to the user as it is; a Word package is measured before it is unpacked
(:mod:`.office`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from omvarld.euimpact.readers.errors import (
    CorruptDocumentError,
    DocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    OversizedDocumentError,
    ScannedDocumentError,
    UnreadableDocumentError,
    UnsupportedDocumentError,
)
from omvarld.euimpact.readers.html import html_to_text
from omvarld.euimpact.readers.office import package_kind, read_docx
from omvarld.euimpact.readers.pdf import clean_pdf_pages, read_pdf
from omvarld.euimpact.readers.text import decode_text, normalise_newlines

__all__ = [
    "CorruptDocumentError",
    "Document",
    "DocumentError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "OversizedDocumentError",
    "ScannedDocumentError",
    "UnreadableDocumentError",
    "UnsupportedDocumentError",
    "clean_pdf_pages",
    "decode_text",
    "html_to_text",
    "read_bytes",
    "read_document",
]

DocumentFormat = Literal["pdf", "docx", "html", "text"]


@dataclass(frozen=True, slots=True)
class Document:
    """The text of one document; PDF pages are joined with form feeds (``\\f``)."""

    path: Path
    format: DocumentFormat
    text: str
    pages: int
    sha256: str


def read_document(path: Path) -> Document:
    """Read ``path`` and return its text, detecting the type from the content.

    Raises a subclass of :class:`DocumentError` with a Swedish reason when the file is
    missing, empty, scanned, encrypted, damaged, too large unpacked or of a type the engine
    does not read.
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
    return read_bytes(data, path)


def read_bytes(data: bytes, path: Path | None = None) -> Document:
    """Read a document held in memory (``path`` only names it); see :func:`read_document`."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise EmptyDocumentError("Filen är tom.")
    kind = _sniff(data)
    if kind == "pdf":
        text, pages = read_pdf(data)
    elif kind == "docx":
        text, pages = read_docx(data), 1
    elif kind == "html":
        text, pages = html_to_text(decode_text(data, html=True)), 1
    else:
        text, pages = normalise_newlines(decode_text(data)), 1
    if not text.strip():
        raise EmptyDocumentError("Dokumentet innehåller ingen text.")
    return Document(path=path or Path(""), format=kind, text=text, pages=pages, sha256=digest)


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
        package_kind(data)
        return "docx"
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
