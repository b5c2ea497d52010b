"""Reads of plans and their activities, for the pages, the API, the workspace and the
indicators. Each answers in a fixed number of queries, however many bodies or rows."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser
from omvarld.organisation.models import Body, Office

from .constants import OPEN_STATUSES, ActivityStatus
from .models import AnnualReport, Plan, PlanActivity


def _counted(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    return plans.annotate(
        activity_count=Count("activities", filter=~Q(activities__status=ActivityStatus.CANCELLED)),
        done_count=Count("activities", filter=Q(activities__status=ActivityStatus.DONE)),
    )


def plan_list(*, year: int | None = None, body_id: int | None = None) -> QuerySet[Plan]:
    """Plans with their owner and their counts of activities (not cancelled) and done ones."""
    plans = Plan.objects.select_related("body", "office")
    if year is not None:
        plans = plans.filter(year=year)
    if body_id is not None:
        plans = plans.filter(body_id=body_id)
    return _counted(plans).order_by("-year", "body__name", "office__name", "pk")


def plan_years() -> list[int]:
    return list(Plan.objects.values_list("year", flat=True).distinct().order_by("-year"))


def plan_detail(*, pk: int) -> Plan:
    """A plan with its owner and its activities, their goals and responsible officers."""
    return (
        Plan.objects.select_related("body", "office", "copied_from")
        .prefetch_related(
            Prefetch(
                "activities",
                PlanActivity.objects.select_related("responsible")
                .prefetch_related("goals")
                .order_by("position", "pk"),
            )
        )
        .get(pk=pk)
    )


def plan_of(*, year: int, body: Body | None = None, office: Office | None = None) -> Plan | None:
    if body is not None:
        return Plan.objects.filter(body=body, year=year).first()
    return Plan.objects.filter(office=office, year=year).first()


def plan_owners(*, user: AnyUser) -> tuple[QuerySet[Body], QuerySet[Office]]:
    """The active bodies and offices the user may make plans for."""
    bodies = Body.objects.active_on().order_by("name")
    offices = Office.objects.active_on().order_by("name")
    if permissions.is_coordinator(user):
        return bodies, offices
    if permissions.role_of(user) != "officer":
        return bodies.none(), offices.none()
    body_ids, office_ids = permissions.member_ids(user)
    return bodies.filter(pk__in=body_ids), offices.filter(pk__in=office_ids)


def _scope_filter(body_ids: Collection[int], office_ids: Collection[int]) -> Q:
    return Q(plan__body_id__in=body_ids) | Q(plan__office_id__in=office_ids)


def activities_due(
    *,
    body_ids: Collection[int],
    office_ids: Collection[int] = (),
    today: datetime.date,
    within_days: int = 30,
) -> QuerySet[PlanActivity]:
    """The open activities of the bodies' and offices' plans due within the days (or overdue),
    soonest first."""
    return (
        PlanActivity.objects.filter(_scope_filter(body_ids, office_ids))
        .filter(status__in=OPEN_STATUSES, due__lte=today + datetime.timedelta(days=within_days))
        .select_related("plan__body", "plan__office")
        .order_by("due", "pk")
    )


def activities_dated(
    *, body_ids: Collection[int], date_from: datetime.date, date_to: datetime.date
) -> QuerySet[PlanActivity]:
    """The activities of the bodies' plans due between the dates, cancelled ones left out."""
    return (
        PlanActivity.objects.filter(
            plan__body_id__in=body_ids, due__gte=date_from, due__lte=date_to
        )
        .exclude(status=ActivityStatus.CANCELLED)
        .select_related("plan__body")
        .order_by("due", "pk")
    )


@dataclass(frozen=True)
class Progress:
    """How far a year's plans have come: activities (not cancelled) and those done."""

    activities: int = 0
    done: int = 0


def plan_progress(*, body_ids: Collection[int], year: int) -> tuple[dict[int, Progress], Progress]:
    """Per body, the activities of its plan for the year and how many are done; and the same for
    every plan of the year (bodies' and offices'). Two queries."""
    counted = Count("pk", filter=~Q(status=ActivityStatus.CANCELLED))
    done = Count("pk", filter=Q(status=ActivityStatus.DONE))
    of_year = PlanActivity.objects.filter(plan__year=year)
    rows = (
        of_year.filter(plan__body_id__in=body_ids)
        .values_list("plan__body_id")
        .annotate(n=counted, d=done)
        .order_by()
    )
    per_body = {body_id: Progress(n, d) for body_id, n, d in rows}
    total = of_year.aggregate(n=counted, d=done)
    return per_body, Progress(total["n"], total["d"])


def report_list(*, year: int | None = None) -> QuerySet[AnnualReport]:
    reports = AnnualReport.objects.select_related("body")
    return reports.filter(year=year) if year is not None else reports


def report_of(*, body: Body | None, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(body=body, year=year).first()
