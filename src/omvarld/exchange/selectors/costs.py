"""What exchange costs: per body and year, per programme goal, and per trip beside what the trip
brought home. Totals only: costs per person are on the event's page, for those who may see them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from omvarld.organisation.selectors import programme_goal_list

from ..constants import ActionStatus, CostKind
from ..models import Cost, Event, FollowUpAction

ZERO = Decimal("0.00")


@dataclass
class BodyYearCost:
    """One body's costs in one year (by the event's first day), by kind."""

    body_id: int
    body_name: str
    year: int
    by_kind: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.by_kind.values(), ZERO)


def costs_by_body_year(
    *, year: int | None = None, body_id: int | None = None
) -> list[BodyYearCost]:
    """Sums per body, year and kind of cost (one query), ordered by year (newest) and body."""
    qs = Cost.objects.annotate(year=ExtractYear("participation__event__starts_on"))
    if year:
        qs = qs.filter(year=year)
    if body_id:
        qs = qs.filter(body_id=body_id)
    rows: dict[tuple[int, int], BodyYearCost] = {}
    for entry in (
        qs.values("body_id", "body__name", "year", "kind")
        .annotate(amount=Sum("amount"))
        .order_by("-year", "body__name", "kind")
    ):
        key = (entry["year"], entry["body_id"])
        row = rows.setdefault(
            key, BodyYearCost(entry["body_id"], entry["body__name"], entry["year"])
        )
        row.by_kind[entry["kind"]] = entry["amount"]
    return list(rows.values())


@dataclass
class GoalCost:
    """The costs of the events serving one programme goal (or none) in a year."""

    code: str
    label: str
    amount: Decimal
    events: int


def costs_by_goal(*, year: int | None = None, body_id: int | None = None) -> list[GoalCost]:
    """Per programme goal, the costs of the events that serve it (three queries).

    An event serving two goals counts under both, so the rows may add up to more than the
    total; events that name no goal have a row of their own. Every active goal has a row (a goal
    nothing was spent on shows as such); an inactive goal only where events still serve it.
    """
    costs = Cost.objects.all()
    if year:
        costs = costs.filter(participation__event__starts_on__year=year)
    if body_id:
        costs = costs.filter(body_id=body_id)
    per_event: dict[int, Decimal] = {
        e["participation__event_id"]: e["amount"]
        for e in costs.values("participation__event_id").annotate(amount=Sum("amount"))
    }
    goals_of: dict[int, set[str]] = defaultdict(set)
    for event_id, code in Event.goals.through.objects.filter(event_id__in=per_event).values_list(
        "event_id", "programmegoal__code"
    ):
        goals_of[event_id].add(code)
    rows = []
    for goal in programme_goal_list(include_inactive=True).order_by("position", "code"):
        ids = [e for e in per_event if goal.code in goals_of[e]]
        if goal.active or ids:
            rows.append(
                GoalCost(goal.code, goal.name, sum((per_event[e] for e in ids), ZERO), len(ids))
            )
    none = [e for e in per_event if not goals_of[e]]
    if none:
        rows.append(GoalCost("", "", sum((per_event[e] for e in none), ZERO), len(none)))
    return rows


@dataclass(frozen=True)
class TripValue:
    """A trip's cost beside what it brought home."""

    event: Event
    cost: Decimal
    actions: int
    actions_done: int


def trip_values(*, year: int | None = None, body_id: int | None = None) -> list[TripValue]:
    """Events with costs, their total cost and their follow-up actions (all, done); one query
    for the costs and one for the actions, whatever the number of events."""
    events = Event.objects.all()
    if year:
        events = events.filter(starts_on__year=year)
    if body_id:
        events = events.filter(bodies=body_id)
    cost_filter = Q(participations__costs__body_id=body_id) if body_id else Q()
    with_costs = list(
        events.annotate(cost=Sum("participations__costs__amount", filter=cost_filter))
        .filter(cost__isnull=False)
        .order_by("-starts_on", "pk")
    )
    counts = {
        row["event_id"]: row
        for row in FollowUpAction.objects.filter(event_id__in=[e.pk for e in with_costs])
        .values("event_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=ActionStatus.DONE)))
    }
    return [
        TripValue(
            event=e,
            cost=e.cost,
            actions=counts.get(e.pk, {}).get("total", 0),
            actions_done=counts.get(e.pk, {}).get("done", 0),
        )
        for e in with_costs
    ]


def cost_kinds() -> list[tuple[str, str]]:
    return [(k.value, str(k.label)) for k in CostKind]


def cost_years() -> list[int]:
    """The years that have costs, newest first."""
    return sorted(
        {
            d.year
            for d in Event.objects.filter(participations__costs__isnull=False).values_list(
                "starts_on", flat=True
            )
        },
        reverse=True,
    )
