"""The annual follow-up report of a body, or of the whole municipality, for a year.

:func:`report_data` gathers everything the report shows into plain JSON values: the plan and
its outcome, activities per goal, every registered indicator against the year before, the
highlights and the lists the other apps contribute. The page, the PDF and the XLSX are drawn
from these values; an adopted report keeps them frozen (``AnnualReport.snapshot``), so it shows
the numbers of the day it was adopted.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omvarld.core.contributions import Measure, indicator_values, indicators, report_lists
from omvarld.organisation.models import Body
from omvarld.organisation.selectors import municipality_current, programme_goal_list

from .constants import ActivityStatus
from .models import AnnualReport, Plan, PlanActivity
from .selectors import plan_detail, plan_list, report_of

#: Raised when the layout of the frozen values changes, so old snapshots can be read.
VERSION = 1


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _activity(activity: PlanActivity) -> dict[str, Any]:
    responsible = activity.responsible
    return {
        "id": activity.pk,
        "title": activity.title,
        "description": activity.description,
        "goals": [g.code for g in activity.goals.all()],
        "status": activity.status,
        "status_label": str(activity.get_status_display()),
        "responsible": responsible.get_full_name() or responsible.username if responsible else "",
        "planned_hours": _number(activity.planned_hours),
        "planned_cost": _number(activity.planned_cost),
        "starts": _iso(activity.starts),
        "due": _iso(activity.due),
        "done_on": _iso(activity.done_on),
        "outcome": activity.outcome,
    }


def _body_plan(body: Body, year: int) -> dict[str, Any]:
    plan_row = Plan.objects.filter(body=body, year=year).values_list("pk", flat=True).first()
    if plan_row is None:
        return {"exists": False, "activities": [], "totals": _totals([])}
    plan = plan_detail(pk=plan_row)
    activities = [_activity(a) for a in plan.activities.all()]
    return {
        "exists": True,
        "url": plan.get_absolute_url(),
        "summary": plan.summary,
        "adopted_on": _iso(plan.adopted_on),
        "activities": activities,
        "totals": _totals(activities),
    }


def _totals(activities: list[dict[str, Any]]) -> dict[str, Any]:
    counted = [a for a in activities if a["status"] != ActivityStatus.CANCELLED]
    by_status = {
        s.value: sum(1 for a in activities if a["status"] == s.value) for s in ActivityStatus
    }
    return {
        "activities": len(counted),
        **by_status,
        "hours": sum(a["planned_hours"] or 0 for a in counted),
        "cost": sum(a["planned_cost"] or 0 for a in counted),
    }


def _all_plans(year: int) -> list[dict[str, Any]]:
    plans = plan_list(year=year).annotate(
        hours=Sum("activities__planned_hours", filter=~Q(activities__status="cancelled")),
        cost=Sum("activities__planned_cost", filter=~Q(activities__status="cancelled")),
    )
    return [
        {
            "owner": str(plan.owner),
            "url": plan.get_absolute_url(),
            "activities": plan.activity_count,  # type: ignore[attr-defined]
            "done": plan.done_count,  # type: ignore[attr-defined]
            "hours": _number(plan.hours),
            "cost": _number(plan.cost),
            "adopted_on": _iso(plan.adopted_on),
        }
        for plan in plans
    ]


def _goals(body: Body | None, year: int) -> list[dict[str, Any]]:
    activities = PlanActivity.objects.filter(plan__year=year).exclude(
        status=ActivityStatus.CANCELLED
    )
    if body is not None:
        activities = activities.filter(plan__body=body)
    counts = {
        row["goals__code"]: row
        for row in activities.values("goals__code").annotate(
            n=Count("pk", distinct=True),
            d=Count("pk", distinct=True, filter=Q(status=ActivityStatus.DONE)),
        )
    }
    rows = []
    for goal in programme_goal_list(include_inactive=True):
        row = counts.get(goal.code)
        if row is None and not goal.active:
            continue
        rows.append(
            {
                "code": goal.code,
                "name": goal.name_sv,
                "kind": goal.kind,
                "kind_label": str(goal.get_kind_display()),
                "activities": row["n"] if row else 0,
                "done": row["d"] if row else 0,
            }
        )
    return rows


def _measure(values: Any, body: Body | None) -> Measure:
    if body is None:
        return values.total  # type: ignore[no-any-return]
    return values.by_body.get(body.pk, Measure(None))  # type: ignore[no-any-return]


def _indicators(body: Body | None, year: int, today: datetime.date) -> list[dict[str, Any]]:
    body_ids = [body.pk] if body is not None else []
    current = indicator_values(body_ids=body_ids, year=year, today=today)
    earlier = report_of(body=body, year=year - 1)
    frozen: dict[str, dict[str, Any]] = {}
    if earlier is not None and earlier.frozen:
        frozen = {row["key"]: row for row in earlier.snapshot.get("indicators", [])}
    live_previous = (
        indicator_values(body_ids=body_ids, year=year - 1, today=today)
        if any(i.key not in frozen for i in indicators())
        else {}
    )
    rows = []
    for indicator in indicators():
        now = _measure(current[indicator.key], body)
        if indicator.key in frozen:
            before = Measure(frozen[indicator.key]["value"], frozen[indicator.key]["base"])
        else:
            before = _measure(live_previous[indicator.key], body)
        rows.append(
            {
                "key": indicator.key,
                "name": str(indicator.name),
                "definition": str(indicator.definition),
                "unit": str(indicator.unit),
                "app": str(indicator.app),
                "goals": list(indicator.goals),
                "value": now.value,
                "base": now.base,
                "previous": before.value,
                "previous_base": before.base,
            }
        )
    return rows


def _lists(body: Body | None, year: int) -> list[dict[str, Any]]:
    body_ids = [body.pk] if body is not None else None
    result = []
    for report_list in report_lists():
        entries = report_list.provide(body_ids=body_ids, year=year)
        result.append(
            {
                "key": report_list.key,
                "title": str(report_list.title),
                "entries": [
                    {
                        "title": e.title,
                        "url": e.url,
                        "label": e.label,
                        "date": _iso(e.date),
                        "detail": e.detail,
                    }
                    for e in entries
                ],
            }
        )
    return result


def report_title(body: Body | None, year: int) -> str:
    if body is None:
        return _("International work %(year)s: annual follow-up of the whole municipality") % {
            "year": year
        }
    return _("International work %(year)s: annual follow-up of %(body)s") % {
        "year": year,
        "body": body.name,
    }


def report_data(
    *,
    body: Body | None,
    year: int,
    report: AnnualReport | None = None,
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """Everything the report of the body (None: the whole municipality) for the year shows,
    computed now, in Swedish."""
    today = today or timezone.localdate()
    report = report or report_of(body=body, year=year)
    municipality = municipality_current()
    with translation.override("sv"):
        data: dict[str, Any] = {
            "version": VERSION,
            "title": report_title(body, year),
            "municipality": municipality.name if municipality else "",
            "body": {"id": body.pk, "name": body.name, "short_name": body.short_name}
            if body is not None
            else None,
            "year": year,
            "previous_year": year - 1,
            "computed_on": today.isoformat(),
            "adopted_on": _iso(report.adopted_on) if report else None,
            "highlights": report.highlights if report else "",
            "goals": _goals(body, year),
            "indicators": _indicators(body, year, today),
            "lists": _lists(body, year),
        }
        if body is not None:
            data["plan"] = _body_plan(body, year)
        else:
            data["plans"] = _all_plans(year)
    return data


def report_for(*, body: Body | None, year: int) -> tuple[AnnualReport | None, dict[str, Any]]:
    """The stored report (if any) and its values: frozen when adopted, else computed now."""
    report = report_of(body=body, year=year)
    if report is not None and report.frozen and report.snapshot:
        return report, report.snapshot
    return report, report_data(body=body, year=year, report=report)
