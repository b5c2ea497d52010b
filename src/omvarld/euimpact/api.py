"""The engine's public entry points: a document or a text in, coded agenda items out.

The web app and the command line both call these; nothing here touches a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from omvarld.euimpact.classify import classify
from omvarld.euimpact.knowledge import load_knowledge
from omvarld.euimpact.model import Coding, Evidence
from omvarld.euimpact.readers import Document, DocumentError, read_document
from omvarld.euimpact.segment import Item, Segmentation, Shape, segment, segment_titles

# Item, Segmentation, Document and DocumentError are re-exported so that callers (the web
# app) need only this module.
__all__ = [
    "Classifier",
    "Document",
    "DocumentAnalysis",
    "DocumentError",
    "Item",
    "ItemResult",
    "Segmentation",
    "analyse_document",
    "analyse_segmentation",
    "analyse_text",
    "analyse_titles",
    "default_classifier",
]

# ``classify(title, text)`` with the knowledge already bound.
Classifier = Callable[[str, str], Coding]


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One agenda item and its coding; evidence offsets are relative to ``item.text``."""

    item: Item
    coding: Coding

    def document_evidence(self) -> list[Evidence]:
        """The evidence with offsets moved into the whole analysed text."""
        shift = self.item.start
        return [
            Evidence(e.text, e.start + shift, e.end + shift, e.ref, e.why)
            for e in self.coding.evidence
        ]

    def to_dict(self, source: str = "") -> dict[str, Any]:
        """The item as one line of ``omvarld analyse --format jsonl``."""
        coding = self.coding.to_dict()
        return {
            "source": source,
            "number": self.item.number,
            "title": self.item.title,
            "kind": coding["kind"],
            "eu": coding["eu"],
            "funding": coding["funding"],
            "areas": coding["areas"],
            "evidence": [e.to_dict() for e in self.document_evidence()],
            "confidence": coding["confidence"],
        }


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """A segmented and coded document (``document`` is None for analysed text)."""

    source: str
    document: Document | None
    shape: Shape
    meeting_date: dt.date | None
    body: str | None
    items: list[ItemResult] = field(default_factory=list)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every item as one jsonl record, in document order."""
        return [result.to_dict(self.source) for result in self.items]

    def to_dict(self) -> dict[str, Any]:
        """The whole analysis as JSON-ready data."""
        return {
            "source": self.source,
            "format": self.document.format if self.document else None,
            "sha256": self.document.sha256 if self.document else None,
            "shape": self.shape,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "body": self.body,
            "items": self.to_dicts(),
        }


@cache
def default_classifier() -> Classifier:
    """The engine's classifier with the knowledge files loaded once per process."""
    knowledge = load_knowledge()

    def bound(title: str, text: str) -> Coding:
        return classify(title, text, knowledge)

    return bound


def analyse_segmentation(
    segmentation: Segmentation,
    *,
    source: str = "",
    document: Document | None = None,
    classifier: Classifier | None = None,
) -> DocumentAnalysis:
    """Code every item of an existing segmentation."""
    classify = classifier or default_classifier()
    results = [ItemResult(item, classify(item.title, item.text)) for item in segmentation.items]
    return DocumentAnalysis(
        source=source,
        document=document,
        shape=segmentation.shape,
        meeting_date=segmentation.meeting_date,
        body=segmentation.body,
        items=results,
    )


def analyse_text(
    text: str, source: str = "", *, classifier: Classifier | None = None
) -> DocumentAnalysis:
    """Segment a document's text into agenda items and code each of them."""
    return analyse_segmentation(segment(text), source=source, classifier=classifier)


def analyse_document(path: Path | str, *, classifier: Classifier | None = None) -> DocumentAnalysis:
    """Read a file (PDF, DOCX, HTML or text), segment it and code every item.

    Raises a :class:`~omvarld.euimpact.readers.DocumentError` with a Swedish reason when
    the file cannot be read.
    """
    document = read_document(Path(path))
    return analyse_segmentation(
        segment(document.text), source=str(path), document=document, classifier=classifier
    )


def analyse_titles(
    lines: list[str], source: str = "", *, classifier: Classifier | None = None
) -> DocumentAnalysis:
    """Code one item per non-blank line, without segmentation."""
    return analyse_segmentation(segment_titles(lines), source=source, classifier=classifier)
