"""Writes on meetings: importing a document, (re)analysing items, reviewing their coding.

Every function is atomic. An import stores the uploaded original untouched under its SHA-256 and
parses a copy; a file that cannot be read, or whose meeting cannot be placed, raises
:class:`ImportRefusedError` with a Swedish reason and leaves the database as it was.
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

from omvarld import euimpact
from omvarld.euimpact.api import Classifier, DocumentAnalysis, analyse_segmentation
from omvarld.euimpact.knowledge import Knowledge, load_knowledge
from omvarld.euimpact.readers import DocumentError, read_document
from omvarld.euimpact.segment import segment
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body

from .constants import MAX_UPLOAD_BYTES, DocumentShape, EUCode
from .models import (
    AgendaItem,
    ImportBatch,
    ItemAnalysis,
    ItemReference,
    ItemReview,
    Meeting,
    SourceDocument,
)


class ImportRefusedError(Exception):
    """A file that is not imported; ``reason`` is one line of Swedish for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MissingMeetingDateError(ImportRefusedError):
    """The document does not state its meeting date and none was given."""


@dataclass(frozen=True)
class Engine:
    """The engine as the web app uses it: a classifier and the versions that identify it."""

    classify: Classifier
    engine_version: str
    knowledge_version: str


def engine_default(knowledge: Knowledge | None = None) -> Engine:
    """The engine with the knowledge files shipped in the package (or the given knowledge)."""
    from omvarld.euimpact.classify import classify

    knowledge = knowledge or load_knowledge()

    def bound(title: str, text: str) -> Any:
        return classify(title, text, knowledge)

    return Engine(bound, euimpact.__version__, knowledge.version)


@dataclass
class ImportOutcome:
    """What one file's import did."""

    name: str
    created: bool
    meeting: Meeting | None = None
    items: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    message: str = ""


def _body_from_text(name: str | None) -> Body | None:
    if not name:
        return None
    wanted = name.strip().lower()
    for body in Body.objects.all():
        if body.name.lower() == wanted:
            return body
    return None


def _analysis_values(coding: Any) -> dict[str, Any]:
    return {
        "kind": coding.kind,
        "eu": coding.eu,
        "funding": coding.funding,
        "areas": list(coding.areas),
        "evidence": [e.to_dict() for e in coding.evidence],
        "confidence": round(float(coding.confidence), 3),
    }


def _set_references(item: AgendaItem, evidence: list[dict[str, Any]]) -> None:
    refs = sorted({str(e["ref"])[:40] for e in evidence if e.get("ref")})
    item.references.all().delete()
    ItemReference.objects.bulk_create([ItemReference(item=item, ref=ref) for ref in refs])


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


@transaction.atomic
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
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefusedError(
            _("The file is too large (%(size)d MB; at most %(limit)d MB).")
            % {"size": len(data) // 2**20, "limit": MAX_UPLOAD_BYTES // 2**20}
        )
    sha256 = hashlib.sha256(data).hexdigest()
    existing = SourceDocument.objects.filter(sha256=sha256).first()
    if existing is not None:
        first = existing.items.select_related("meeting").first()
        return ImportOutcome(
            name=name,
            created=False,
            meeting=first.meeting if first else None,
            message=_("Already imported (%(name)s); nothing was changed.")
            % {"name": existing.original_name},
        )
    document, segmentation = _read(data, name)
    body = body or _body_from_text(segmentation.body)
    if body is None:
        raise ImportRefusedError(_("The document does not say which body met; choose the body."))
    meeting_date = meeting_date or segmentation.meeting_date
    if meeting_date is None:
        raise MissingMeetingDateError(
            _("The document does not give the meeting date; enter the date.")
        )
    if not segmentation.items:
        raise ImportRefusedError(_("No agenda items were found in the document."))

    engine = engine or engine_default()
    analysis: DocumentAnalysis = analyse_segmentation(
        segmentation, source=name, document=document, classifier=engine.classify
    )
    source = SourceDocument(
        sha256=sha256,
        original_name=Path(name).name[:255],
        size=len(data),
        file_format=document.format,
        shape=analysis.shape,
        pages=document.pages,
        text=document.text,
        batch=batch,
    )
    source.original.save(Path(name).name, ContentFile(data), save=False)
    source.save()
    meeting, _created = Meeting.objects.get_or_create(body=body, date=meeting_date)
    area_map = {a.code: a for a in PolicyArea.objects.all()}
    codes: dict[str, int] = {}
    for result in analysis.items:
        values = _analysis_values(result.coding)
        item = AgendaItem.objects.create(
            meeting=meeting,
            document=source,
            position=result.item.position,
            number=result.item.number[:20],
            title=result.item.title,
            text=result.item.text,
            start=result.item.start,
            end=result.item.end,
            kind=values["kind"],
            eu=values["eu"],
            funding=values["funding"],
        )
        item.areas.set([area_map[c] for c in values["areas"] if c in area_map])
        ItemAnalysis.objects.create(
            item=item,
            engine_version=engine.engine_version,
            knowledge_version=engine.knowledge_version[:200],
            **values,
        )
        _set_references(item, values["evidence"])
        codes[values["eu"]] = codes.get(values["eu"], 0) + 1
    _supersede(meeting, source)
    return ImportOutcome(
        name=name, created=True, meeting=meeting, items=len(analysis.items), codes=codes
    )


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
def items_reanalyse(*, items: Iterable[AgendaItem], engine: Engine | None = None) -> int:
    """Code items again with the current engine; earlier analyses stay in the history.

    Items whose current analysis was made by the same engine and knowledge versions are left
    alone, so running it twice changes nothing. Reviewed items keep their reviewed coding.
    Returns the number of items analysed anew.
    """
    engine = engine or engine_default()
    area_map = {a.code: a for a in PolicyArea.objects.all()}
    count = 0
    for item in items:
        current = item.analyses.filter(is_current=True).first()
        if current and (current.engine_version, current.knowledge_version) == (
            engine.engine_version,
            engine.knowledge_version[:200],
        ):
            continue
        values = _analysis_values(engine.classify(item.title, item.text))
        item.analyses.filter(is_current=True).update(is_current=False)
        ItemAnalysis.objects.create(
            item=item,
            engine_version=engine.engine_version,
            knowledge_version=engine.knowledge_version[:200],
            **values,
        )
        _set_references(item, values["evidence"])
        if not item.reviewed:
            _set_effective(
                item,
                kind=values["kind"],
                eu=values["eu"],
                funding=values["funding"],
                areas=values["areas"],
                reviewed=False,
                area_map=area_map,
            )
        count += 1
    return count


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
