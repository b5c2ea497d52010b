"""Reads for the workspace, the yearly indicators and the annual follow-up report.

Every read answers in a fixed number of queries however many bodies and rows. A record of several
bodies counts once for each of them and once in the whole municipality's total, which also holds
what belongs to no body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from ..constants import OPEN_ACTION_STATUSES, ActionStatus, ReportStatus
from ..models import Event, FollowUpAction, Lesson, Participation
from .reminders import report_due_days, trips


@dataclass(frozen=True)
class Counted:
    """One figure: per body asked for (absent bodies count 0) and for the whole municipality."""

    by_body: dict[int, int]
    total: int


def _by_body(rows: QuerySet[Any], key: str) -> dict[int, int]:
    return {row[key]: row["n"] for row in rows}


def _events_held(year: int, today: dt.date) -> QuerySet[Event]:
    """Events that began in the year and have begun by today."""
    return Event.objects.filter(starts_on__year=year, starts_on__lte=today)


def _count_events(qs: QuerySet[Event], body_ids: Collection[int]) -> Counted:
    per_body = (
        qs.filter(bodies__in=body_ids).values("bodies").annotate(n=Count("pk", distinct=True))
    )
    return Counted(_by_body(per_body.order_by(), "bodies"), qs.count())


def events_held(*, body_ids: Collection[int], year: int, today: dt.date) -> Counted:
    """Events (of every kind) that began in the year, by today (two queries)."""
    return _count_events(_events_held(year, today), body_ids)


def trips_held(*, body_ids: Collection[int], year: int, today: dt.date) -> Counted:
    """Trips (events that need a trip report and have a participant) that began in the year,
    by today (two queries)."""
    return _count_events(trips().filter(starts_on__year=year, starts_on__lte=today), body_ids)


def participants(*, body_ids: Collection[int], year: int, today: dt.date) -> Counted:
    """Participations (employees and named guests) in the events held in the year (two
    queries); a person at two events counts twice, as two trips were made."""
    qs = Participation.objects.filter(event__starts_on__year=year, event__starts_on__lte=today)
    per_body = (
        qs.filter(event__bodies__in=body_ids)
        .values("event__bodies")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return Counted(_by_body(per_body, "event__bodies"), qs.count())


@dataclass(frozen=True)
class Share:
    """Parts and wholes of a share, per body and in total."""

    parts: dict[int, int]
    wholes: dict[int, int]
    total: tuple[int, int]


def _share(qs: QuerySet[Any], body_ids: Collection[int], done: Q, via: str) -> Share:
    """The per-body parts and wholes (one query) and the total (one query)."""
    own = _per_body_share(qs, body_ids, done, via)
    total = qs.aggregate(
        whole=Count("pk", distinct=True), part=Count("pk", filter=done, distinct=True)
    )
    return Share(own.parts, own.wholes, (total["part"], total["whole"]))


def _per_body_share(qs: QuerySet[Any], body_ids: Collection[int], done: Q, via: str) -> Share:
    rows = list(
        qs.filter(**{f"{via}__in": body_ids})
        .values(via)
        .annotate(whole=Count("pk", distinct=True), part=Count("pk", filter=done, distinct=True))
        .order_by()
    )
    return Share(
        parts={r[via]: r["part"] for r in rows},
        wholes={r[via]: r["whole"] for r in rows},
        total=(0, 0),
    )


def reports_due(*, year: int, today: dt.date) -> QuerySet[Event]:
    """Trips that began in the year whose report is due by today (returned more than the
    allowed days ago) or already submitted: the base of the share of reports submitted."""
    last_return = today - dt.timedelta(days=report_due_days())
    return trips().filter(
        Q(ends_on__lt=last_return) | Q(report__status=ReportStatus.SUBMITTED),
        starts_on__year=year,
    )


def reports_submitted(*, body_ids: Collection[int], year: int, today: dt.date) -> Share:
    """Trip reports submitted of those due, per body and in total (two queries)."""
    return _share(
        reports_due(year=year, today=today),
        body_ids,
        Q(report__status=ReportStatus.SUBMITTED),
        "bodies",
    )


def reports_late(*, body_ids: Collection[int], year: int, today: dt.date) -> Counted:
    """Trips of the year whose report is past due and not submitted, as of today (two
    queries): the same reports the deadlines page marks overdue."""
    qs = reports_due(year=year, today=today).exclude(report__status=ReportStatus.SUBMITTED)
    return _count_events(qs, body_ids)


def _actions_of_year(year: int) -> QuerySet[FollowUpAction]:
    """Follow-up actions of the events that began in the year, not dropped; each belongs to
    its body, or, for an office's action, to the bodies the office serves."""
    return FollowUpAction.objects.filter(event__starts_on__year=year).exclude(
        status=ActionStatus.DROPPED
    )


def actions_done(*, body_ids: Collection[int], year: int, today: dt.date) -> Share:
    """Follow-up actions done of those taken on (dropped left out), per owning body and in
    total (three queries)."""
    qs = _actions_of_year(year)
    done = Q(status=ActionStatus.DONE)
    own = _per_body_share(qs.filter(body__isnull=False), body_ids, done, "body")
    offices = _per_body_share(qs.filter(body__isnull=True), body_ids, done, "office__bodies")
    total = qs.aggregate(whole=Count("pk"), part=Count("pk", filter=done))
    keys = set(own.wholes) | set(offices.wholes)
    return Share(
        parts={b: own.parts.get(b, 0) + offices.parts.get(b, 0) for b in keys},
        wholes={b: own.wholes.get(b, 0) + offices.wholes.get(b, 0) for b in keys},
        total=(total["part"], total["whole"]),
    )


@dataclass(frozen=True)
class TripWithLessons:
    event: Event
    submitted: bool
    lessons: list[Lesson]


def trip_list(
    *, body_ids: Collection[int] | None, year: int, today: dt.date
) -> list[TripWithLessons]:
    """The trips that began in the year, by today, of the bodies (None: every trip), by first
    day, with their report's status and its lessons (two queries)."""
    qs = trips().filter(starts_on__year=year, starts_on__lte=today)
    if body_ids is not None:
        qs = qs.filter(bodies__in=body_ids)
    events = (
        qs.distinct()
        .select_related("report")
        .prefetch_related(
            Prefetch("report__lessons", Lesson.objects.select_related("area").order_by("pk"))
        )
        .order_by("starts_on", "title", "pk")
    )
    rows = []
    for event in events:
        report = getattr(event, "report", None)
        rows.append(
            TripWithLessons(
                event=event,
                submitted=report is not None and report.status == ReportStatus.SUBMITTED,
                lessons=list(report.lessons.all()) if report is not None else [],
            )
        )
    return rows


def coming_events(
    *,
    body_ids: Collection[int] | None,
    office_ids: Collection[int],
    today: dt.date,
    within_days: int,
) -> list[Event]:
    """Events of the bodies or offices (None: every event) that have not ended and begin
    within the days, by first day (one query), each marked ``has_participants``."""
    qs = Event.objects.filter(ends_on__gte=today, starts_on__lte=today + dt.timedelta(within_days))
    if body_ids is not None:
        qs = qs.filter(Q(bodies__in=body_ids) | Q(offices__in=office_ids))
    return list(
        qs.annotate(has_participants=Exists(Participation.objects.filter(event=OuterRef("pk"))))
        .distinct()
        .order_by("starts_on", "title", "pk")
    )


def open_actions(
    *, body_ids: Collection[int] | None, office_ids: Collection[int]
) -> list[FollowUpAction]:
    """Follow-up actions not done or dropped, by due date (one query): of the bodies, of the
    offices, and of any office that serves one of the bodies (its action concerns them too, as
    on the deadlines page). None: every open action."""
    qs = FollowUpAction.objects.filter(status__in=OPEN_ACTION_STATUSES)
    if body_ids is not None:
        qs = qs.filter(
            Q(body_id__in=body_ids)
            | Q(office_id__in=office_ids)
            | Q(body__isnull=True, office__bodies__in=body_ids)
        ).distinct()
    return list(qs.select_related("owner").order_by("due_on", "title", "pk"))
