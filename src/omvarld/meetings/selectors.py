"""Reads of meetings and agenda items, with the filters the pages and the API share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from omvarld.knowledge.links import eurlex_url, statute_url
from omvarld.knowledge.models import PolicyArea

from .models import AgendaItem, ImportBatch, ItemAnalysis, ItemReference, ItemReview, Meeting
from .search import item_search

SORTS = {
    "date": ("-meeting__date", "position"),
    "date_asc": ("meeting__date", "position"),
    "body": ("meeting__body__name", "-meeting__date", "position"),
    "eu": ("eu", "-meeting__date", "position"),
}


def meeting_list(*, body_id: int | None = None, year: int | None = None) -> QuerySet[Meeting]:
    """Meetings with their item counts per EU code, counting no superseded item."""
    qs = Meeting.objects.select_related("body")
    if body_id:
        qs = qs.filter(body_id=body_id)
    if year:
        qs = qs.filter(date__year=year)
    counted = Q(items__superseded=False)
    return qs.annotate(
        item_count=Count("items", filter=counted),
        legal_count=Count("items", filter=counted & Q(items__eu="legal")),
        policy_count=Count("items", filter=counted & Q(items__eu="policy")),
        funding_count=Count("items", filter=counted & Q(items__funding=True)),
    ).order_by("-date", "body__name")


def _current_analysis() -> Prefetch[Any]:
    return Prefetch(
        "analyses", queryset=ItemAnalysis.objects.filter(is_current=True), to_attr="current"
    )


def meeting_detail(*, pk: int) -> Meeting:
    """One meeting with its counted (not superseded) items, their areas and current analyses."""
    items = (
        AgendaItem.objects.filter(superseded=False)
        .select_related("document")
        .prefetch_related("areas", _current_analysis())
        .order_by("document_id", "position")
    )
    return (
        Meeting.objects.select_related("body").prefetch_related(Prefetch("items", items)).get(pk=pk)
    )


@dataclass(frozen=True)
class ItemFilters:
    body_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    eu: str = ""
    kind: str = ""
    area: str = ""
    funding: bool | None = None
    reviewed: bool | None = None
    query: str = ""
    sort: str = "date"


def item_list(filters: ItemFilters) -> QuerySet[AgendaItem]:
    """Counted agenda items across meetings, filtered, searched and sorted; areas prefetched."""
    qs = AgendaItem.objects.filter(superseded=False).select_related("meeting__body")
    if filters.body_id:
        qs = qs.filter(meeting__body_id=filters.body_id)
    if filters.date_from:
        qs = qs.filter(meeting__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(meeting__date__lte=filters.date_to)
    if filters.eu:
        qs = qs.filter(eu=filters.eu)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.area:
        qs = qs.filter(areas__code=filters.area)
    if filters.funding is not None:
        qs = qs.filter(funding=filters.funding)
    if filters.reviewed is not None:
        qs = qs.filter(reviewed=filters.reviewed)
    if filters.query:
        qs = item_search(qs, filters.query)
    return qs.prefetch_related("areas").order_by(*SORTS.get(filters.sort, SORTS["date"]))


def item_detail(*, pk: int) -> AgendaItem:
    """One item with its meeting, document, areas, analyses (newest first) and reviews."""
    return (
        AgendaItem.objects.select_related("meeting__body", "document")
        .prefetch_related(
            "areas",
            Prefetch("analyses", ItemAnalysis.objects.order_by("-created_at")),
            Prefetch(
                "reviews", ItemReview.objects.select_related("reviewer").order_by("-created_at")
            ),
        )
        .get(pk=pk)
    )


_CELEX = re.compile(r"^[1-9]\d{4}[A-Z]{1,2}\d{1,4}")
_SFS = re.compile(r"^\d{4}:\d{1,4}$")


def reference_link(ref: str) -> tuple[str, str]:
    """Where an evidence reference points: (kind, url) for a CELEX, an SFS number or a policy.

    Subject cues (``cue:…``) are the engine's internal names: kind "cue", shown to nobody.
    """
    if ref.startswith("cue:"):
        return "cue", ""
    if _CELEX.match(ref):
        return "celex", eurlex_url(ref)
    if _SFS.match(ref):
        return "sfs", statute_url(ref)
    return "policy", ""


@dataclass(frozen=True)
class TextPart:
    text: str
    evidence: dict[str, Any] | None = None


def highlighted(text: str, evidence: list[dict[str, Any]]) -> list[TextPart]:
    """Split an item's text into plain parts and evidence parts for <mark> highlighting."""
    spans = sorted(
        (e for e in evidence if 0 <= e.get("start", -1) < e.get("end", -1) <= len(text)),
        key=lambda e: (e["start"], -e["end"]),
    )
    parts: list[TextPart] = []
    position = 0
    for e in spans:
        if e["start"] < position:
            continue  # overlapping evidence: the first span shown covers it
        if e["start"] > position:
            parts.append(TextPart(text[position : e["start"]]))
        parts.append(TextPart(text[e["start"] : e["end"]], e))
        position = e["end"]
    if position < len(text):
        parts.append(TextPart(text[position:]))
    return parts


def review_disagreements() -> QuerySet[AgendaItem]:
    """Reviewed items whose latest review differs from the engine's current coding."""
    return (
        AgendaItem.objects.filter(reviewed=True, superseded=False)
        .select_related("meeting__body", "document")
        .prefetch_related(
            _current_analysis(),
            Prefetch(
                "reviews", ItemReview.objects.select_related("reviewer").order_by("-created_at")
            ),
        )
        .order_by("-meeting__date", "position")
    )


def coding_differences(review: ItemReview, machine: ItemAnalysis) -> list[str]:
    """The parts of the coding (``constants.CODING_PARTS``) the reviewer changed."""
    differs = [
        name
        for name in ("kind", "eu", "funding")
        if getattr(review, name) != getattr(machine, name)
    ]
    if sorted(review.areas) != sorted(machine.areas):
        differs.append("areas")
    return differs


def confidence_level(confidence: float) -> str:
    """The engine's confidence (0.5 to 0.99) in words: "high" from 0.85 (a clear citation or
    cue), "medium" from 0.65 (a weaker sign, or nothing pointing anywhere: 0.7), "low" below."""
    if confidence >= 0.85:
        return "high"
    if confidence >= 0.65:
        return "medium"
    return "low"


def disagreement_rows(items: QuerySet[AgendaItem]) -> list[dict[str, Any]]:
    """For each reviewed item, the machine and latest human coding and what differs."""
    rows = []
    for item in items:
        review = item.reviews.all()[0] if item.reviews.all() else None
        machine = item.current[0] if item.current else None  # type: ignore[attr-defined]
        if review is None or machine is None:
            continue
        differs = coding_differences(review, machine)
        rows.append({"item": item, "review": review, "machine": machine, "differs": differs})
    return rows


def labelled_records(items: QuerySet[AgendaItem]) -> list[dict[str, Any]]:
    """Reviewed items in the engine's evaluation shape (one JSON object per line)."""
    records = []
    for row in disagreement_rows(items):
        item, review, machine = row["item"], row["review"], row["machine"]
        refs = (
            sorted({e["ref"] for e in machine.evidence if e.get("ref")})
            if review.eu != "none"
            else []
        )
        records.append(
            {
                "file": item.document.original_name,
                "body": item.meeting.body.name,
                "meeting_date": item.meeting.date.isoformat(),
                "position": item.position,
                "title": item.title,
                "kind": review.kind,
                "eu": review.eu,
                "funding": review.funding,
                "areas": review.areas,
                "refs": refs,
                "engine": {
                    "kind": machine.kind,
                    "eu": machine.eu,
                    "funding": machine.funding,
                    "areas": machine.areas,
                },
                "comment": review.comment,
            }
        )
    return records


def area_choices() -> QuerySet[PolicyArea]:
    return PolicyArea.objects.order_by("label_sv")


def items_citing(*, refs: set[str]) -> QuerySet[AgendaItem]:
    """Items whose current analysis cites any of these CELEX, SFS or policy references."""
    return (
        AgendaItem.objects.filter(references__ref__in=refs, superseded=False)
        .distinct()
        .select_related("meeting__body")
        .order_by("-meeting__date", "position")
    )


def item_citations(*, refs: set[str]) -> list[tuple[str, int, dt.date]]:
    """(reference, item id, meeting date) for every counted item citing one of ``refs``."""
    return list(
        ItemReference.objects.filter(ref__in=refs, item__superseded=False).values_list(
            "ref", "item_id", "item__meeting__date"
        )
    )


def batch_list() -> QuerySet[ImportBatch]:
    """Earlier imports, newest first, with what their rows show."""
    return ImportBatch.objects.select_related("body", "created_by").order_by("-created_at")


def batch_meetings(batch: ImportBatch) -> QuerySet[Meeting]:
    """The meetings the batch imported into, oldest first."""
    ids = (batch.summary or {}).get("meetings", [])
    return Meeting.objects.filter(pk__in=ids).select_related("body").order_by("date", "body__name")


def items_by_ids(*, ids: Collection[int], funding: bool | None = None) -> list[AgendaItem]:
    """Counted agenda items by id, with their meeting and body, oldest first: for other apps
    that link to items (EU funding links items coded as EU funding to its projects)."""
    qs = AgendaItem.objects.filter(pk__in=ids, superseded=False).select_related("meeting__body")
    if funding is not None:
        qs = qs.filter(funding=funding)
    return list(qs.order_by("meeting__date", "position"))


def analyses_outdated_count(*, engine_version: str, knowledge_revision: int | None) -> int:
    """How many items' current analyses ran on another engine or knowledge revision.

    What a new analysis would change after an administrator edited the knowledge base (or the
    engine was upgraded): the meetings page offers it with this count.
    """
    return (
        ItemAnalysis.objects.filter(is_current=True)
        .exclude(engine_version=engine_version, knowledge_revision=knowledge_revision)
        .count()
    )
