"""Writes on meetings: importing a document, reviewing an item's coding.

An import stores the uploaded original untouched under its SHA-256 and parses a copy; a file that
cannot be read, or whose meeting cannot be placed, raises :class:`ImportRefusedError` with a
Swedish reason and leaves the database as it was. Reading, segmenting and coding a document
(:func:`document_prepare`) write nothing and run outside any transaction; the writes
(:func:`document_write`) are one short transaction per document, so a slow file never makes other
users' writes wait (issue 9). Re-analysis is in :mod:`.services_analysis`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from omvarld.euimpact.api import DocumentAnalysis, analyse_segmentation
from omvarld.euimpact.readers import DocumentError, read_document
from omvarld.euimpact.segment import segment
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from .constants import MAX_UPLOAD_BYTES, DocumentShape, EUCode
from .models import (
    AgendaItem,
    ImportBatch,
    ItemReview,
    Meeting,
    SourceDocument,
)
from .services_analysis import Engine, analyses_add, analysis_values, areas_set, engine_default

# The engine's handle is defined with the analyses; callers of the import services find it here.
__all__ = [
    "Engine",
    "ImportOutcome",
    "ImportRefusedError",
    "MissingMeetingDateError",
    "PreparedDocument",
    "document_import",
    "document_prepare",
    "document_write",
    "engine_default",
    "item_review",
]


class ImportRefusedError(Exception):
    """A file that is not imported; ``reason`` is one line of Swedish for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MissingMeetingDateError(ImportRefusedError):
    """The document does not state its meeting date and none was given."""


@dataclass
class ImportOutcome:
    """What one file's import did."""

    name: str
    created: bool
    meeting: Meeting | None = None
    items: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    message: str = ""
    #: For a document imported before: the batch that imported it.
    batch_id: int | None = None


def _body_from_text(name: str | None) -> Body | None:
    if not name:
        return None
    wanted = name.strip().lower()
    for body in Body.objects.all():
        if body.name.lower() == wanted:
            return body
    return None


def _set_effective(
    item: AgendaItem,
    *,
    kind: str,
    eu: str,
    funding: bool,
    areas: Iterable[str],
    reviewed: bool,
    area_map: dict[str, PolicyArea],
) -> None:
    item.kind = kind
    item.eu = eu
    item.funding = funding
    item.reviewed = reviewed
    item.save(update_fields=["kind", "eu", "funding", "reviewed"])
    item.areas.set([area_map[code] for code in areas if code in area_map])


#: Which document of a meeting is counted when several list its items: the minutes, else the
#: agenda, else the notice, else a list of titles.
SHAPE_PRECEDENCE: dict[str, int] = {
    DocumentShape.TITLES: 0,
    DocumentShape.NOTICE: 1,
    DocumentShape.AGENDA: 2,
    DocumentShape.MINUTES: 3,
}


def _precedence(shape: str) -> int:
    return SHAPE_PRECEDENCE.get(shape, 0)


def _supersede(meeting: Meeting, source: SourceDocument) -> None:
    """Keep one document's items counted per meeting: the new document's items are superseded
    when the meeting already has a document of the same or higher precedence, else the items of
    the meeting's earlier, lower-ranking documents are. Reviews stay on their items."""
    earlier = AgendaItem.objects.filter(meeting=meeting).exclude(document=source)
    shapes = set(earlier.values_list("document__shape", flat=True).distinct())
    if not shapes:
        return
    rank = _precedence(source.shape)
    if any(_precedence(shape) >= rank for shape in shapes):
        AgendaItem.objects.filter(meeting=meeting, document=source).update(superseded=True)
    else:
        earlier.filter(superseded=False).update(superseded=True)


@dataclass(frozen=True)
class PreparedDocument:
    """A document read, segmented and coded, not yet written: the slow part of an import, done
    outside any transaction so that it never holds the database's write lock."""

    name: str
    data: bytes
    sha256: str
    body: Body
    meeting_date: dt.date
    date_from_fallback: bool
    document: Any
    analysis: DocumentAnalysis
    engine: Engine


def _already(sha256: str, name: str) -> ImportOutcome | None:
    existing = SourceDocument.objects.filter(sha256=sha256).first()
    if existing is None:
        return None
    first = existing.items.select_related("meeting").first()
    return ImportOutcome(
        name=name,
        created=False,
        meeting=first.meeting if first else None,
        message=_("Already imported (%(name)s); nothing was changed.")
        % {"name": existing.original_name},
        batch_id=existing.batch_id,
    )


def document_prepare(
    *,
    data: bytes,
    name: str,
    body: Body | None = None,
    meeting_date: dt.date | None = None,
    fallback_date: dt.date | None = None,
    engine: Engine | None = None,
) -> PreparedDocument | ImportOutcome:
    """Read, segment and code one document without writing anything.

    Returns the outcome at once when the same bytes were imported before. ``meeting_date``
    overrides the document's own date; ``fallback_date`` is used only when the document gives
    none. Raises :class:`ImportRefusedError` (or :class:`MissingMeetingDateError`) with a Swedish
    reason when the document cannot be placed.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefusedError(
            _("The file is too large (%(size)d MB; at most %(limit)d MB).")
            % {"size": len(data) // 2**20, "limit": MAX_UPLOAD_BYTES // 2**20}
        )
    sha256 = hashlib.sha256(data).hexdigest()
    already = _already(sha256, name)
    if already is not None:
        return already
    document, segmentation = _read(data, name)
    body = body or _body_from_text(segmentation.body)
    if body is None:
        raise ImportRefusedError(_("The document does not say which body met; choose the body."))
    date = meeting_date or segmentation.meeting_date or fallback_date
    if date is None:
        raise MissingMeetingDateError(
            _("The document does not give the meeting date; enter the date.")
        )
    if not segmentation.items:
        raise ImportRefusedError(_("No agenda items were found in the document."))
    engine = engine or engine_default()
    analysis = analyse_segmentation(
        segmentation, source=name, document=document, classifier=engine.classify
    )
    return PreparedDocument(
        name=name,
        data=data,
        sha256=sha256,
        body=body,
        meeting_date=date,
        date_from_fallback=not meeting_date and not segmentation.meeting_date,
        document=document,
        analysis=analysis,
        engine=engine,
    )


def _store_original(prepared: PreparedDocument) -> str:
    # Content-addressed, so the same bytes always have the same name: stored before the write
    # transaction (a slow storage never holds the database's lock) and reused if already there.
    field_file = SourceDocument(sha256=prepared.sha256).original
    wanted: str = field_file.field.generate_filename(field_file.instance, Path(prepared.name).name)
    if field_file.storage.exists(wanted):
        return wanted
    stored: str = field_file.storage.save(wanted, ContentFile(prepared.data))
    return stored


@transaction.atomic
def document_write(
    *, prepared: PreparedDocument, batch: ImportBatch | None = None
) -> ImportOutcome:
    """Write a prepared document: the original, its meeting, items, analyses and references.

    One short transaction with bulk inserts. Bytes imported meanwhile by another import (two
    workers given the same file) are reported as already imported and change nothing.
    """
    already = _already(prepared.sha256, prepared.name)
    if already is not None:
        return already
    stored = _store_original(prepared)
    document, analysis, engine = prepared.document, prepared.analysis, prepared.engine
    source = SourceDocument(
        sha256=prepared.sha256,
        original_name=Path(prepared.name).name[:255],
        size=len(prepared.data),
        file_format=document.format,
        shape=analysis.shape,
        pages=document.pages,
        text=document.text,
        batch=batch,
    )
    source.original.name = stored
    source.save()
    meeting, _created = Meeting.objects.get_or_create(
        body=prepared.body, date=prepared.meeting_date
    )
    values = [analysis_values(result.coding) for result in analysis.items]
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            document=source,
            position=result.item.position,
            number=result.item.number[:20],
            title=result.item.title,
            text=result.item.text,
            start=result.item.start,
            end=result.item.end,
            kind=coded["kind"],
            eu=coded["eu"],
            funding=coded["funding"],
        )
        for result, coded in zip(analysis.items, values, strict=True)
    )
    analyses_add(items, values, engine)
    areas_set(items, values)
    _supersede(meeting, source)
    codes: dict[str, int] = {}
    for coded in values:
        codes[coded["eu"]] = codes.get(coded["eu"], 0) + 1
    return ImportOutcome(
        name=prepared.name, created=True, meeting=meeting, items=len(items), codes=codes
    )


def document_import(
    *,
    data: bytes,
    name: str,
    body: Body | None = None,
    meeting_date: dt.date | None = None,
    batch: ImportBatch | None = None,
    engine: Engine | None = None,
) -> ImportOutcome:
    """Import one document: store the original, segment it, code every item.

    The body and the meeting date come from the arguments, else from the document; when neither
    gives them, the import is refused and says which is missing. Importing the same bytes again
    changes nothing and says so. When a meeting has several documents (notice, agenda, minutes),
    only the items of the highest-ranking one are counted; the others are marked superseded.
    Reading and coding happen before the one short write transaction.
    """
    prepared = document_prepare(
        data=data, name=name, body=body, meeting_date=meeting_date, engine=engine
    )
    if isinstance(prepared, ImportOutcome):
        return prepared
    return document_write(prepared=prepared, batch=batch)


def _read(data: bytes, name: str) -> tuple[Any, Any]:
    # The engine reads from a path: parse a private copy, never the stored original.
    suffix = Path(name).suffix[:10]
    with tempfile.TemporaryDirectory(prefix="omvarld-import-") as tmp:
        path = Path(tmp) / f"copy{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(path)
        except DocumentError as exc:
            raise ImportRefusedError(exc.reason) from exc
    return document, segment(document.text)


@transaction.atomic
def item_review(
    *,
    item: AgendaItem,
    reviewer: Any,
    kind: str,
    eu: str,
    funding: bool,
    areas: list[str],
    comment: str = "",
) -> ItemReview:
    """Record an officer's confirmation or correction; it becomes the item's coding."""
    if eu not in EUCode.values:
        raise ValueError(eu)
    review = ItemReview(
        item=item,
        reviewer=reviewer,
        analysis=item.analyses.filter(is_current=True).first(),
        kind=kind,
        eu=eu,
        funding=funding,
        areas=sorted(set(areas))[:3],
        comment=comment,
    )
    review.full_clean()
    review.save()
    area_map = {a.code: a for a in PolicyArea.objects.filter(code__in=review.areas)}
    _set_effective(
        item,
        kind=kind,
        eu=eu,
        funding=funding,
        areas=review.areas,
        reviewed=True,
        area_map=area_map,
    )
    return review
