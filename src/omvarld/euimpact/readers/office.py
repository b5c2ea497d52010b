"""Word (DOCX) documents, opened only after every part of the package has been measured.

A DOCX is a ZIP package: a file of 1 MB can hold parts that unpack to gigabytes (a
decompression bomb). Before python-docx parses anything, :func:`check_package` reads every
member's declared size and then unpacks each one in bounded steps to count what it really
holds, refusing the file with a Swedish reason when a part or the whole exceeds the limits of
the meetings app's ZIP imports: 50 MB a part, 1,000 MB in all, 2,000 parts.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from omvarld.euimpact.readers.errors import (
    CorruptDocumentError,
    OversizedDocumentError,
    UnsupportedDocumentError,
)
from omvarld.euimpact.readers.text import strip_blank_edges

__all__ = [
    "MAX_EXPANDED_BYTES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "check_package",
    "package_kind",
    "read_docx",
]

# The limits of a ZIP import (omvarld.meetings: MAX_UPLOAD_BYTES a member, 20 times that in
# all, MAX_ARCHIVE_MEMBERS members), so a document is never allowed more than an archive.
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_EXPANDED_BYTES = 20 * MAX_PART_BYTES
MAX_PARTS = 2000
_CHUNK = 1024 * 1024


def package_kind(data: bytes) -> str:
    """ "docx" for a Word package; raises for other ZIP files and damaged ones."""
    with _open(data) as archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedDocumentError("OpenDocument-filer stöds inte; spara som .docx eller PDF.")
    raise UnsupportedDocumentError("Filtypen stöds inte (ZIP-arkiv utan Word-dokument).")


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise CorruptDocumentError("Filen är skadad (trasigt ZIP-arkiv).") from exc


def check_package(data: bytes) -> None:
    """Refuse a package whose parts are too many or unpack to too much (declared or real)."""
    with _open(data) as archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise OversizedDocumentError(
                f"Dokumentet består av fler än {MAX_PARTS} delar och kan inte läsas."
            )
        declared = 0
        for info in members:
            declared += info.file_size
            if info.file_size > MAX_PART_BYTES or declared > MAX_EXPANDED_BYTES:
                raise _too_large()
        expanded = 0
        for info in members:
            if info.is_dir():
                continue
            expanded += _unpacked_size(archive, info)
            if expanded > MAX_EXPANDED_BYTES:
                raise _too_large()


def _unpacked_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Unpack one part in steps, stopping as soon as it passes the limit (sizes can lie)."""
    if info.flag_bits & 0x1:
        raise CorruptDocumentError("Dokumentet är lösenordsskyddat eller skadat.")
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise _too_large()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise CorruptDocumentError("Word-filen är skadad och kan inte öppnas.") from exc
    return size


def _too_large() -> OversizedDocumentError:
    limit = MAX_PART_BYTES // 2**20
    return OversizedDocumentError(
        f"Word-filen packas upp till mer än {limit} MB per del eller "
        f"{MAX_EXPANDED_BYTES // 2**20} MB totalt och läses inte (möjlig zip-bomb)."
    )


_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes) -> str:
    """The text of a Word document, checked first by :func:`check_package`."""
    check_package(data)
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
    return strip_blank_edges("\n".join(lines))


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
