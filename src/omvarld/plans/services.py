"""Writes of the plans app: plans and their activities (tied to the organisation's programme
goals), and the annual follow-up report (its highlights and its adoption, which freezes its
numbers).

Every function is keyword-only, checks the permission layer and validates before it saves.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser
from omvarld.organisation.models import Body, Office, ProgrammeGoal

from .constants import ActivityStatus
from .models import AnnualReport, Plan, PlanActivity

_M = TypeVar("_M", bound=models.Model)


def _save(record: _M, user: AnyUser | None) -> _M:
    record.full_clean()
    if user is not None and user.is_authenticated:
        record._history_user = user  # type: ignore[attr-defined]
    record.save()
    return record


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def may_plan_for(user: AnyUser, *, body: Body | None = None, office: Office | None = None) -> bool:
    """Coordinators plan for every body and office; officers for their own."""
    if permissions.is_coordinator(user):
        return True
    if permissions.role_of(user) != "officer":
        return False
    bodies, offices = permissions.member_ids(user)
    return (body is not None and body.pk in bodies) or (office is not None and office.pk in offices)


def _shift_year(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without it
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_create(
    *,
    user: AnyUser,
    year: int,
    body: Body | None = None,
    office: Office | None = None,
    summary: str = "",
    copy_previous: bool = True,
) -> Plan:
    """A new plan for a body or an office, started as a copy of its latest earlier plan.

    The copy takes the activities that were not cancelled, with their goals, responsible and
    planned resources, their dates moved forward by the years between, and status planned;
    the summary too when none is given. Nothing is copied when there is no earlier plan.
    """
    _require(may_plan_for(user, body=body, office=office))
    if body is not None and office is not None:
        raise ValidationError(_("A plan belongs to one body or one office."))
    owner = owner_filter(body=body, office=office)
    if Plan.objects.filter(owner, year=year).exists():
        raise ValidationError({"year": _("There is already a plan for %(year)s.") % {"year": year}})
    previous = (
        Plan.objects.filter(owner, year__lt=year).order_by("-year").first()
        if copy_previous
        else None
    )
    plan = Plan(
        body=body,
        office=office,
        year=year,
        summary=summary or (previous.summary if previous else ""),
        copied_from=previous,
    )
    _save(plan, user)
    if previous is not None:
        years = year - previous.year
        for old in previous.activities.exclude(status=ActivityStatus.CANCELLED).prefetch_related(
            "goals"
        ):
            goals = [g for g in old.goals.all() if g.active]
            if not goals:
                continue
            new = PlanActivity(
                plan=plan,
                title=old.title,
                description=old.description,
                responsible=old.responsible,
                planned_hours=old.planned_hours,
                planned_cost=old.planned_cost,
                starts=_shift_year(old.starts, years),
                due=_shift_year(old.due, years),
                position=old.position,
            )
            _save(new, user)
            new.goals.set(goals)
    return plan


def owner_filter(*, body: Body | None, office: Office | None) -> models.Q:
    """The filter of a body's or an office's plans."""
    return models.Q(body=body) if body is not None else models.Q(office=office)


PLAN_FIELDS = ("summary", "adopted_on")


@transaction.atomic
def plan_update(*, plan: Plan, user: AnyUser, changes: Mapping[str, Any]) -> Plan:
    _require(permissions.can_edit(user, plan))
    _apply(plan, changes, PLAN_FIELDS)
    return _save(plan, user)


@transaction.atomic
def plan_delete(*, plan: Plan, user: AnyUser) -> None:
    _require(permissions.can_manage(user))
    plan.delete()


ACTIVITY_FIELDS = (
    "title",
    "description",
    "responsible",
    "planned_hours",
    "planned_cost",
    "starts",
    "due",
    "status",
    "done_on",
    "outcome",
    "position",
)


def _apply(record: models.Model, changes: Mapping[str, Any], allowed: Collection[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    for name, value in changes.items():
        setattr(record, name, value)


def _check_goals(
    goals: Iterable[ProgrammeGoal], current: Collection[int] = ()
) -> list[ProgrammeGoal]:
    chosen = list(goals)
    if not chosen:
        raise ValidationError({"goals": _("Tie the activity to at least one goal.")})
    inactive = [g for g in chosen if not g.active and g.pk not in current]
    if inactive:
        raise ValidationError(
            {"goals": _("%(goal)s is no longer an active goal.") % {"goal": inactive[0]}}
        )
    return chosen


@transaction.atomic
def activity_create(
    *, user: AnyUser, plan: Plan, goals: Iterable[ProgrammeGoal], **fields: Any
) -> PlanActivity:
    """Add an activity to a plan; at least one goal."""
    _require(permissions.can_edit(user, plan))
    chosen = _check_goals(goals)
    activity = PlanActivity(plan=plan)
    _apply(activity, fields, ACTIVITY_FIELDS)
    if "position" not in fields:
        activity.position = (plan.activities.aggregate(m=models.Max("position"))["m"] or 0) + 1
    _save(activity, user)
    activity.goals.set(chosen)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: PlanActivity,
    user: AnyUser,
    changes: Mapping[str, Any],
    goals: Iterable[ProgrammeGoal] | None = None,
) -> PlanActivity:
    _require(permissions.can_edit(user, activity))
    _apply(activity, changes, ACTIVITY_FIELDS)
    if changes.get("status") == ActivityStatus.DONE and activity.done_on is None:
        activity.done_on = timezone.localdate()
    if "status" in changes and changes["status"] != ActivityStatus.DONE:
        activity.done_on = None
    _save(activity, user)
    if goals is not None:
        current = set(activity.goals.values_list("pk", flat=True))
        activity.goals.set(_check_goals(goals, current))
    return activity


@transaction.atomic
def activity_set_status(
    *,
    activity: PlanActivity,
    user: AnyUser,
    status: str,
    done_on: datetime.date | None = None,
    outcome: str | None = None,
) -> PlanActivity:
    """Move an activity to a status; done records the day (today unless given)."""
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    changes: dict[str, Any] = {"status": status}
    if status == ActivityStatus.DONE:
        changes["done_on"] = done_on or timezone.localdate()
    if outcome is not None:
        changes["outcome"] = outcome
    return activity_update(activity=activity, user=user, changes=changes)


@transaction.atomic
def activity_delete(*, activity: PlanActivity, user: AnyUser) -> None:
    _require(permissions.can_edit(user, activity))
    activity.delete()


# --- The annual follow-up report ----------------------------------------------------------------


def may_edit_report(user: AnyUser, *, body: Body | None) -> bool:
    """The body's officers and coordinators write a body's report; coordinators the
    municipality's."""
    if body is None:
        return permissions.is_coordinator(user)
    return may_plan_for(user, body=body)


def report_get_or_create(*, body: Body | None, year: int) -> AnnualReport:
    report, _created = AnnualReport.objects.get_or_create(body=body, year=year)
    return report


@transaction.atomic
def report_set_highlights(
    *, user: AnyUser, body: Body | None, year: int, highlights: str
) -> AnnualReport:
    """The report's highlights; an adopted report is frozen and cannot change."""
    _require(may_edit_report(user, body=body))
    report = report_get_or_create(body=body, year=year)
    if report.frozen:
        raise ValidationError(_("The report is adopted and can no longer be changed."))
    report.highlights = highlights.strip()
    return _save(report, user)


@transaction.atomic
def report_adopt(
    *, user: AnyUser, body: Body | None, year: int, adopted_on: datetime.date
) -> AnnualReport:
    """Record that the body adopted the report: its numbers are frozen as they are now."""
    from .reports import report_data

    _require(may_edit_report(user, body=body))
    report = report_get_or_create(body=body, year=year)
    if report.frozen:
        raise ValidationError(_("The report is already adopted."))
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("The adoption cannot be in the future.")})
    report.adopted_on = adopted_on
    report.adopted_by = user if user.is_authenticated else None  # type: ignore[assignment]
    report.snapshot = report_data(body=body, year=year, report=report)
    return _save(report, user)
