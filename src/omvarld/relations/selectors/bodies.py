"""Per body: "our partners and activities", the figures per year, what needs doing now and what
changed. The committee workspace and the yearly indicators read these."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from omvarld.core.contributions import BodyDeadline
from omvarld.organisation.models import Body

from ..constants import ActivityKind
from ..deadlines import relation_deadlines
from ..models import Activity, Agreement, Membership, Partner
from .shared import CURRENT


def body_partners(*, body_ids: Collection[int]) -> QuerySet[Partner]:
    """The partners the bodies are responsible for, directly or through the offices serving them."""
    return (
        Partner.objects.filter(Q(bodies__in=body_ids) | Q(offices__bodies__in=body_ids))
        .distinct()
        .prefetch_related("bodies")
        .order_by("name_key", "pk")
    )


def body_activities(*, body_ids: Collection[int]) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(bodies__in=body_ids)
        .distinct()
        .prefetch_related("partners", "bodies")
        .order_by("-starts", "-pk")
    )


@dataclass(frozen=True)
class BodyOverview:
    body: Body
    partners: list[Partner]
    activities: list[Activity]
    memberships: list[Membership]
    agreements: list[Agreement]
    upcoming: list[BodyDeadline]
    years: list[tuple[int, int]]


def body_overview(*, body: Body, today: datetime.date, within_days: int = 365) -> BodyOverview:
    """A body's partners, activities, memberships, agreements, dates within a year and
    activities per year."""
    ids = [body.pk]
    per_year = (
        Activity.objects.filter(bodies__in=ids)
        .annotate(year=ExtractYear("starts"))
        .values("year")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-year")
    )
    return BodyOverview(
        body=body,
        partners=list(body_partners(body_ids=ids)),
        activities=list(body_activities(body_ids=ids)[:50]),
        memberships=list(Membership.objects.filter(body=body).select_related("partner")),
        agreements=list(Agreement.objects.filter(body=body).select_related("partner")),
        upcoming=needs_doing(body_ids=ids, today=today, within_days=within_days),
        years=[(row["year"], row["n"]) for row in per_year],
    )


@dataclass(frozen=True)
class YearCounts:
    """One body's relations figures for one year."""

    partners: int
    new_partners: int
    activities: int
    visits_in: int
    visits_out: int
    agreements_signed: int


def body_year_counts(*, body_ids: Collection[int], year: int) -> dict[int, YearCounts]:
    """Per body: partners with a living relation, partners registered that year, activities that
    began that year (and of them incoming and outgoing visits), agreements signed that year.
    Four queries, however many bodies."""
    ids = list(body_ids)
    partners = dict(
        Partner.objects.filter(bodies__in=ids, status__in=CURRENT)
        .values_list("bodies")
        .annotate(n=Count("pk", distinct=True))
    )
    new = dict(
        Partner.objects.filter(bodies__in=ids, created_at__year=year)
        .values_list("bodies")
        .annotate(n=Count("pk", distinct=True))
    )
    activity_rows = (
        Activity.objects.filter(bodies__in=ids, starts__year=year)
        .values_list("bodies")
        .annotate(
            n=Count("pk", distinct=True),
            visits_in=Count("pk", distinct=True, filter=Q(kind=ActivityKind.VISIT_IN)),
            visits_out=Count("pk", distinct=True, filter=Q(kind=ActivityKind.VISIT_OUT)),
        )
    )
    activities = {row[0]: row[1:] for row in activity_rows}
    signed = dict(
        Agreement.objects.filter(body__in=ids, signed__year=year)
        .values_list("body")
        .annotate(n=Count("pk"))
    )
    return {
        body_id: YearCounts(
            partners=partners.get(body_id, 0),
            new_partners=new.get(body_id, 0),
            activities=activities.get(body_id, (0, 0, 0))[0],
            visits_in=activities.get(body_id, (0, 0, 0))[1],
            visits_out=activities.get(body_id, (0, 0, 0))[2],
            agreements_signed=signed.get(body_id, 0),
        )
        for body_id in ids
    }


def needs_doing(
    *, body_ids: Collection[int], today: datetime.date, within_days: int = 60
) -> list[BodyDeadline]:
    """What needs doing now: overdue follow-ups and the renewal, notice and end dates and
    follow-ups of the coming days, for these bodies; done steps left out."""
    rows = relation_deadlines(
        body_ids=body_ids,
        date_from=today - datetime.timedelta(days=365),
        date_to=today + datetime.timedelta(days=within_days),
        today=today,
    )
    return sorted(
        (r for r in rows if not r.done and (r.date >= today or r.is_overdue(today))),
        key=lambda r: (r.date, r.title, r.body_id),
    )


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    kind: str
    title: str
    url: str


def recent_changes(*, body_ids: Collection[int], since: datetime.datetime) -> list[Change]:
    """Partners and activities of these bodies registered since the moment, newest first."""
    partners = body_partners(body_ids=body_ids).filter(created_at__gte=since)
    activities = body_activities(body_ids=body_ids).filter(created_at__gte=since)
    changes = [
        Change(p.created_at, "partner", p.display_name, p.get_absolute_url()) for p in partners
    ]
    changes += [Change(a.created_at, "activity", a.title, a.get_absolute_url()) for a in activities]
    return sorted(changes, key=lambda c: c.when, reverse=True)
