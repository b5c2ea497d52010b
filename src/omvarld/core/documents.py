"""Documents kept with records (agreements, projects, trip reports, influence actions).

Every app that keeps documents uses this one path, so that each of them is checked, stored and
served the same way:

- the type is read from the file's content, never from its name: PDF, DOCX, ODT and the common
  image formats are accepted where an app allows them, and a file over the size limit is refused
  before anything is stored, with a Swedish reason on the form field;
- the original is stored untouched through Django's storage API (``default_storage``), under its
  SHA-256 checksum, which the record keeps with the original file name, size and type;
- it is served only through a view of the owning app that checks the reader's rights first, as an
  attachment with ``nosniff``, never from ``MEDIA_URL``.

An app's document model subclasses :class:`StoredDocument` and sets ``folder``.
"""

from __future__ import annotations

import hashlib
import posixpath
import unicodedata
import zipfile
from collections.abc import Collection
from typing import IO, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

#: The largest document a record may keep, unless an app says otherwise.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class DocumentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument (ODT)"
    XLSX = "xlsx", "Excel (XLSX)"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"
    GIF = "gif", "GIF"
    WEBP = "webp", "WebP"


IMAGES = (DocumentKind.PNG, DocumentKind.JPEG, DocumentKind.GIF, DocumentKind.WEBP)
#: What a record's documents may be unless an app says otherwise: texts and pictures.
DEFAULT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind.PDF,
    DocumentKind.DOCX,
    DocumentKind.ODT,
    *IMAGES,
)

CONTENT_TYPES = {
    DocumentKind.PDF: "application/pdf",
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentKind.ODT: "application/vnd.oasis.opendocument.text",
    DocumentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DocumentKind.PNG: "image/png",
    DocumentKind.JPEG: "image/jpeg",
    DocumentKind.GIF: "image/gif",
    DocumentKind.WEBP: "image/webp",
}
EXTENSIONS = {kind: "." + kind.value.replace("jpeg", "jpg") for kind in DocumentKind}

_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _zip_kind(file: IO[bytes]) -> DocumentKind | None:
    """DOCX, XLSX or ODT by the parts the archive names; no part is decompressed but ODT's
    36-byte ``mimetype``, read with a cap, so a decompression bomb costs nothing here."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as part:
                    if part.read(len(_ODT_MIMETYPE) + 1).strip() == _ODT_MIMETYPE:
                        return DocumentKind.ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DocumentKind.DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return DocumentKind.XLSX
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return None
    return None


def document_kind(file: IO[bytes]) -> DocumentKind | None:
    """The kind of document the content is, or None when it is none of :class:`DocumentKind`."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind: DocumentKind | None = None
    if head.startswith(b"%PDF-"):
        kind = DocumentKind.PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = DocumentKind.PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = DocumentKind.JPEG
    elif head.startswith((b"GIF87a", b"GIF89a")):
        kind = DocumentKind.GIF
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = DocumentKind.WEBP
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
    file.seek(0)
    return kind


def _kind_names(kinds: Collection[DocumentKind]) -> str:
    return ", ".join(str(DocumentKind(kind).label) for kind in kinds)


def document_check(
    upload: File[Any],
    *,
    kinds: Collection[DocumentKind] = DEFAULT_KINDS,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> DocumentKind:
    """The kind of an uploaded file, or a ValidationError that says in Swedish why it is refused."""
    size = upload.size or 0
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large: %(size)s MB, at most %(limit)s MB."),
            code="too_large",
            params={"size": f"{size / 1048576:.1f}", "limit": f"{max_bytes / 1048576:.0f}"},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = document_kind(_content(upload))
    if kind is None or kind not in kinds:
        raise ValidationError(
            _("This kind of file cannot be kept here. Allowed: %(kinds)s."),
            code="kind",
            params={"kinds": _kind_names(kinds)},
        )
    return kind


def safe_file_name(name: str, fallback: str = "dokument") -> str:
    """A file name that is safe to show and to send: no folders, no control characters."""
    base = posixpath.basename(str(name).replace("\\", "/"))
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:200] or fallback


class StoredDocument(models.Model):
    """A document kept with a record: the untouched original, its checksum and its name."""

    folder: ClassVar[str] = "documents"

    file = models.FileField(_("file"), upload_to="documents/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=DocumentKind.choices, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[DocumentKind(self.kind)]


def _content(upload: File[Any]) -> IO[bytes]:
    """The readable content of an upload (Django's File wraps it in ``.file``)."""
    content = upload.file
    if content is None:
        raise ValidationError(_("The file is empty."), code="empty")
    return content


def _sha256(file: IO[bytes]) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def document_fill(
    document: StoredDocument,
    *,
    upload: File[Any],
    kinds: Collection[DocumentKind] = DEFAULT_KINDS,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> StoredDocument:
    """Check an upload and store it untouched under its checksum; set the document's fields.

    The caller saves the record (in its own transaction, after ``full_clean``). The same content
    uploaded twice is stored once.
    """
    kind = document_check(upload, kinds=kinds, max_bytes=max_bytes)
    content = _content(upload)
    sha = _sha256(content)
    name = f"{document.folder}/{sha[:2]}/{sha}{EXTENSIONS[kind]}"
    if not default_storage.exists(name):
        name = default_storage.save(name, File(content, name=name))
    document.file = name
    document.original_name = get_valid_filename(safe_file_name(upload.name or "")) or "dokument"
    document.sha256 = sha
    document.size = upload.size or 0
    document.kind = kind
    return document


def document_remove_file(document: StoredDocument) -> None:
    """Remove the stored file when no other document of the same model keeps the same content."""
    name = document.file.name
    if not name:
        return
    others = type(document)._default_manager.filter(file=name).exclude(pk=document.pk)
    if not others.exists():
        default_storage.delete(name)


def document_response(document: StoredDocument) -> FileResponse:
    """The document as a download. The caller has checked that the reader may see it."""
    try:
        handle = default_storage.open(document.file.name, "rb")
    except (OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
