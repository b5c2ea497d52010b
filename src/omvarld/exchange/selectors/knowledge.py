"""The knowledge bank: what trips taught, searchable in Swedish, filtered by area, country, body
and year. Only submitted reports are in it; a draft is its writers' until they submit it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.db.models import QuerySet

from omvarld.core.search import text_search

from ..constants import ReportStatus
from ..models import Idea, Lesson, TripReport


@dataclass(frozen=True)
class KnowledgeFilters:
    query: str = ""
    area: str = ""
    country: str = ""
    body_id: int | None = None
    year: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.query or self.area or self.country or self.body_id or self.year)


def _scope(qs: QuerySet, prefix: str, filters: KnowledgeFilters) -> QuerySet:  # type: ignore[type-arg]
    qs = qs.filter(**{f"{prefix}status": ReportStatus.SUBMITTED})
    event = f"{prefix}event__"
    if filters.country:
        qs = qs.filter(**{f"{event}country": filters.country})
    if filters.body_id:
        qs = qs.filter(**{f"{event}bodies": filters.body_id})
    if filters.year:
        qs = qs.filter(**{f"{event}starts_on__year": filters.year})
    return qs


def lessons(filters: KnowledgeFilters) -> QuerySet[Lesson]:
    """Lessons of submitted reports, by area then newest trip first, with their trip."""
    qs = _scope(Lesson.objects.all(), "report__", filters)
    if filters.area:
        qs = qs.filter(area__code=filters.area)
    qs = text_search(qs, filters.query)
    return qs.select_related("area", "report__event").order_by(
        "area__label_sv", "-report__event__starts_on", "pk"
    )


def ideas(filters: KnowledgeFilters) -> QuerySet[Idea]:
    qs = _scope(Idea.objects.all(), "report__", filters)
    if filters.area:
        qs = qs.filter(area__code=filters.area)
    qs = text_search(qs, filters.query)
    return (
        qs.select_related("area", "report__event")
        .prefetch_related("actions")
        .order_by("-report__event__starts_on", "pk")
    )


def reports(filters: KnowledgeFilters) -> QuerySet[TripReport]:
    qs = _scope(TripReport.objects.all(), "", filters)
    if filters.area:
        qs = qs.filter(event__areas__code=filters.area)
    qs = text_search(qs, filters.query)
    return qs.distinct().select_related("event").order_by("-event__starts_on", "pk")


@dataclass(frozen=True)
class AreaLessons:
    """'What have we learned about X': an area's lessons, each with its source trip."""

    area_code: str
    area_label: str
    lessons: list[Lesson]


def lessons_by_area(filters: KnowledgeFilters, *, limit: int = 500) -> list[AreaLessons]:
    """The lessons of :func:`lessons`, grouped by area (lessons without an area last)."""
    rows = list(lessons(filters)[:limit])
    rows.sort(key=lambda lesson: (lesson.area is None, lesson.area.label_sv if lesson.area else ""))
    return [
        AreaLessons(
            area.code if area else "",
            area.label_sv if area else "",
            list(group),
        )
        for area, group in groupby(rows, key=lambda lesson: lesson.area)
    ]
