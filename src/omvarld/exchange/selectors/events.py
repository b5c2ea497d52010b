"""Reads of events: the calendar, lists, one event's page, a traveller's and a body's page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from omvarld.organisation.models import Body

from ..constants import ActionStatus, ReportStatus
from ..models import (
    Cost,
    Event,
    FollowUpAction,
    Idea,
    Lesson,
    Participation,
    Presentation,
    ReportDocument,
)
from .reminders import actions_open, reports_awaiting


@dataclass(frozen=True)
class EventFilters:
    query: str = ""
    kind: str = ""
    body_id: int | None = None
    country: str = ""
    year: int | None = None
    coming: bool = False


def _participations() -> Prefetch[Any]:
    return Prefetch(
        "participations",
        Participation.objects.select_related("user").order_by("pk"),
    )


def event_list(filters: EventFilters, *, today: dt.date | None = None) -> QuerySet[Event]:
    """Events, filtered, with their bodies, participants and report status (four queries).

    Coming events (not yet ended) are ordered by their first day, the others newest first.
    """
    qs = Event.objects.all()
    if filters.query:
        q = filters.query
        qs = qs.filter(Q(title__icontains=q) | Q(organiser__icontains=q) | Q(place__icontains=q))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.body_id:
        qs = qs.filter(bodies=filters.body_id)
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.year:
        qs = qs.filter(starts_on__year=filters.year)
    order: tuple[str, ...] = ("-starts_on", "title", "pk")
    if filters.coming:
        qs = qs.filter(ends_on__gte=today or dt.date.today())
        order = ("starts_on", "title", "pk")
    return (
        qs.distinct()
        .select_related("report")
        .prefetch_related(
            Prefetch("bodies", Body.objects.order_by("name")), "offices", _participations()
        )
        .order_by(*order)
    )


def event_detail(*, pk: int) -> Event:
    """One event with everything its page shows (a fixed number of queries)."""
    return (
        Event.objects.select_related("report__submitted_by", "created_by")
        .prefetch_related(
            "bodies",
            "offices",
            "areas",
            "goals",
            "partner_links",
            Prefetch(
                "participations",
                Participation.objects.select_related("user", "approved_by")
                .prefetch_related(Prefetch("costs", Cost.objects.select_related("body")))
                .order_by("pk"),
            ),
            Prefetch(
                "presentations",
                Presentation.objects.select_related("participation__user").prefetch_related(
                    "documents"
                ),
            ),
            Prefetch("actions", FollowUpAction.objects.select_related("owner", "body", "office")),
        )
        .get(pk=pk)
    )


def report_parts(*, event: Event) -> Event:
    """The event's report (if any) with its lessons, ideas and documents prefetched."""
    report = getattr(event, "report", None)
    if report is not None:
        report.lessons_list = list(
            Lesson.objects.filter(report=report).select_related("area").order_by("pk")
        )
        report.ideas_list = list(
            Idea.objects.filter(report=report)
            .select_related("area")
            .prefetch_related("actions")
            .order_by("pk")
        )
        report.documents_list = list(ReportDocument.objects.filter(report=report).order_by("pk"))
    return event


def report_is_due(event: Event, today: dt.date) -> bool:
    """Whether the event's report is still to be submitted after the return."""
    if not event.report_required or event.ends_on >= today:
        return False
    report = getattr(event, "report", None)
    return report is None or report.status != ReportStatus.SUBMITTED


@dataclass(frozen=True)
class MyPage:
    coming: list[Event]
    reports_due: list[Event]
    actions: list[FollowUpAction]


def my_page(*, user_id: int, today: dt.date) -> MyPage:
    """A traveller's own list: coming trips, reports to write, actions they own."""
    coming = list(
        Event.objects.filter(participations__user_id=user_id, ends_on__gte=today)
        .distinct()
        .order_by("starts_on", "pk")
    )
    return MyPage(
        coming=coming,
        reports_due=reports_awaiting(today=today, user_id=user_id),
        actions=list(actions_open(owner_id=user_id)),
    )


@dataclass(frozen=True)
class BodyPage:
    body: Body
    coming: list[Event]
    recent: list[Event]
    reports_due: list[Event]
    actions: list[FollowUpAction]


RECENT = 20


def body_page(*, body: Body, today: dt.date) -> BodyPage:
    """A body's events (coming and recent), reports awaiting and open follow-up actions."""
    events = Event.objects.filter(bodies=body).prefetch_related(_participations())
    return BodyPage(
        body=body,
        coming=list(events.filter(ends_on__gte=today).order_by("starts_on", "pk")),
        recent=list(
            events.filter(ends_on__lt=today)
            .select_related("report")
            .order_by("-ends_on", "pk")[:RECENT]
        ),
        reports_due=reports_awaiting(today=today, body_ids=[body.pk]),
        actions=list(
            actions_open(
                body_ids=[body.pk], office_ids=list(body.offices.values_list("pk", flat=True))
            )
        ),
    )


@dataclass(frozen=True)
class BodyYear:
    """Per body and year, for the committee workspace and the yearly indicators."""

    events: int
    trips: int
    reports_submitted: int
    actions: int
    actions_done: int


def body_year(*, body_id: int, year: int) -> BodyYear:
    """A body's events and trips starting in the year, their reports submitted, and the
    follow-up actions of its trips (all of them, and done). Three queries."""
    events = Event.objects.filter(bodies=body_id, starts_on__year=year).aggregate(
        events=Count("pk", distinct=True),
        trips=Count("pk", filter=Q(report_required=True), distinct=True),
        submitted=Count("pk", filter=Q(report__status=ReportStatus.SUBMITTED), distinct=True),
    )
    actions = FollowUpAction.objects.filter(
        event__bodies=body_id, event__starts_on__year=year
    ).aggregate(
        total=Count("pk", distinct=True),
        done=Count("pk", filter=Q(status=ActionStatus.DONE), distinct=True),
    )
    return BodyYear(
        events=events["events"],
        trips=events["trips"],
        reports_submitted=events["submitted"],
        actions=actions["total"],
        actions_done=actions["done"],
    )
