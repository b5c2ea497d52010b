"""Reads for the deadlines page, the calendar, the news feeds and the digest.

A body's deadlines are the feedback windows and the dated stage events of the initiatives routed to
it. A routing the body has closed, or assessed as not relevant, no longer brings deadlines.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from .constants import InboxStatus, Relevance
from .models import FeedbackWindow, InfluenceAction, Initiative, Routing, StageEvent


class DeadlineKind(StrEnum):
    WINDOW = "window"
    STAGE = "stage"


@dataclass(frozen=True)
class Deadline:
    """A dated step of an initiative, as it concerns one body."""

    kind: DeadlineKind
    pk: int
    date: datetime.date
    label: str
    initiative: Initiative
    routing: Routing
    today: datetime.date
    opens: datetime.date | None = None
    url: str = ""
    acted: bool = False

    @property
    def uid(self) -> str:
        """The same step has the same identifier in every calendar and every download."""
        return f"{self.kind}-{self.pk}@omvarld"

    @property
    def initiative_url(self) -> str:
        return initiative_path(self.initiative.pk)

    @property
    def days_left(self) -> int:
        return (self.date - self.today).days

    @property
    def is_open(self) -> bool:
        """A feedback window that takes answers today."""
        return (
            self.kind == DeadlineKind.WINDOW
            and (self.opens is None or self.opens <= self.today)
            and self.today <= self.date
        )

    @property
    def is_upcoming(self) -> bool:
        opens = self.opens
        return self.kind == DeadlineKind.WINDOW and opens is not None and opens > self.today


def initiative_path(pk: int) -> str:
    """The address of an initiative's page, or of the initiative list while there is none."""
    try:
        return reverse("eu_monitoring:initiative_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return reverse("eu_monitoring:initiative_list")


def routings_followed(*, body_ids: Collection[int]) -> QuerySet[Routing]:
    """The bodies' routings that still call for attention: not closed, not assessed irrelevant."""
    return (
        Routing.objects.filter(body_id__in=body_ids)
        .exclude(status=InboxStatus.CLOSED)
        .exclude(assessment__relevance=Relevance.NONE)
    )


def deadline_list(
    *,
    body_ids: Collection[int],
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date,
    stages: bool = True,
) -> list[Deadline]:
    """Feedback windows closing, and stage events falling, between the two dates (inclusive).

    One row per body and step, ordered by date; each window row says whether that body has
    recorded an influence action answering it. At most four queries, however many rows.
    """
    windows = FeedbackWindow.objects.filter(closes__gte=date_from, closes__lte=date_to)
    events = StageEvent.objects.filter(date__gte=date_from, date__lte=date_to)
    dated = Q(Exists(windows.filter(initiative=OuterRef("initiative"))))
    if stages:
        dated |= Q(Exists(events.filter(initiative=OuterRef("initiative"))))
    else:
        events = events.none()
    routings = list(
        routings_followed(body_ids=body_ids)
        .filter(dated)
        .select_related("initiative", "body")
        .prefetch_related(
            Prefetch("initiative__windows", queryset=windows, to_attr="due_windows"),
            Prefetch("initiative__stages", queryset=events, to_attr="due_stages"),
        )
    )
    window_ids = {w.pk for r in routings for w in r.initiative.due_windows}  # type: ignore[attr-defined]
    answered = set(
        InfluenceAction.objects.filter(window_id__in=window_ids, body_id__in=body_ids).values_list(
            "window_id", "body_id"
        )
    )
    rows: list[Deadline] = []
    for routing in routings:
        initiative = routing.initiative
        for window in initiative.due_windows:  # type: ignore[attr-defined]
            rows.append(
                Deadline(
                    kind=DeadlineKind.WINDOW,
                    pk=window.pk,
                    date=window.closes,
                    label=window.get_kind_display(),
                    initiative=initiative,
                    routing=routing,
                    today=today,
                    opens=window.opens,
                    url=window.url or initiative.url,
                    acted=(window.pk, routing.body_id) in answered,
                )
            )
        for event in initiative.due_stages:  # type: ignore[attr-defined]
            rows.append(
                Deadline(
                    kind=DeadlineKind.STAGE,
                    pk=event.pk,
                    date=event.date,
                    label=event.get_stage_display(),
                    initiative=initiative,
                    routing=routing,
                    today=today,
                    url=initiative.url,
                )
            )
    rows.sort(key=lambda d: (d.date, d.initiative.title, d.routing.body.name, d.kind, d.pk))
    return rows
