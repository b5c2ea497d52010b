"""Plain text: decoding bytes and tidying line breaks."""

from __future__ import annotations

import re

__all__ = ["decode_text", "normalise_newlines", "strip_blank_edges"]

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


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line breaks made "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_blank_edges(text: str) -> str:
    """Runs of blank lines made one, and no blank lines at the start or end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
