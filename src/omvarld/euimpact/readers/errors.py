"""The reasons a document cannot be read: each carries one line of Swedish for the user."""

from __future__ import annotations

__all__ = [
    "CorruptDocumentError",
    "DocumentError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "OversizedDocumentError",
    "ScannedDocumentError",
    "UnreadableDocumentError",
    "UnsupportedDocumentError",
]


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


class OversizedDocumentError(DocumentError):
    """A packed document (DOCX) whose parts unpack to more than the limits allow."""
