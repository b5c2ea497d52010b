"""Plans started from last year's, activities and their rules, and who
may write what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omvarld.plans import services
from omvarld.plans.constants import ActivityStatus
from omvarld.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_new_plan_starts_from_last_years(goals, kfn, users):
    coordinator = users["coordinator"]
    old = services.plan_create(user=coordinator, body=kfn, year=2025, summary="Fler partner")
    kept = services.activity_create(
        user=coordinator,
        plan=old,
        goals=[goals["relations"], goals["exchange"]],
        title="Studiebesök i Tammerfors",
        responsible=users["officer"],
        planned_hours=Decimal("40"),
        planned_cost=Decimal("25000"),
        starts=dt.date(2025, 3, 1),
        due=dt.date(2025, 5, 31),
    )
    services.activity_set_status(activity=kept, user=coordinator, status=ActivityStatus.DONE)
    dropped = services.activity_create(
        user=coordinator, plan=old, goals=[goals["eu"]], title="Inställt seminarium"
    )
    services.activity_set_status(activity=dropped, user=coordinator, status="cancelled")

    new = services.plan_create(user=users["officer"], body=kfn, year=2026)
    assert new.copied_from == old
    assert new.summary == "Fler partner"
    [copy] = new.activities.all()
    assert copy.title == "Studiebesök i Tammerfors"
    assert copy.status == ActivityStatus.PLANNED
    assert copy.done_on is None
    assert (copy.starts, copy.due) == (dt.date(2026, 3, 1), dt.date(2026, 5, 31))
    assert (copy.planned_hours, copy.planned_cost) == (Decimal("40.0"), Decimal("25000.00"))
    assert {g.code for g in copy.goals.all()} == {"relations", "exchange"}
    assert copy.responsible == users["officer"]

    empty = services.plan_create(user=coordinator, body=kfn, year=2027, copy_previous=False)
    assert empty.copied_from is None
    assert not empty.activities.exists()
    with pytest.raises(ValidationError, match="redan en plan"):
        services.plan_create(user=coordinator, body=kfn, year=2026)


def test_activities_need_a_goal_sensible_dates_and_a_day_when_done(goals, kfn, users):
    plan = services.plan_create(user=users["officer"], body=kfn, year=2026)
    with pytest.raises(ValidationError) as error:
        services.activity_create(user=users["officer"], plan=plan, goals=[], title="Utan mål")
    assert "goals" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=users["officer"],
            plan=plan,
            goals=[goals["eu"]],
            title="Baklänges",
            starts=dt.date(2026, 5, 1),
            due=dt.date(2026, 4, 1),
        )
    assert "due" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=users["officer"], plan=plan, goals=[goals["eu"]], title="Klar", status="done"
        )
    assert "done_on" in error.value.message_dict
    assert not plan.activities.exists()


def test_who_may_write_plans(goals, kfn, un, users):
    with pytest.raises(PermissionDenied):
        services.plan_create(user=users["other"], body=kfn, year=2026)
    with pytest.raises(PermissionDenied):
        services.plan_create(user=users["reader"], body=kfn, year=2026)
    plan = services.plan_create(user=users["officer"], body=kfn, year=2026)
    activity = services.activity_create(
        user=users["officer"], plan=plan, goals=[goals["eu"]], title="Bevaka EU"
    )
    for who in ("other", "reader"):
        with pytest.raises(PermissionDenied):
            services.activity_set_status(activity=activity, user=users[who], status="done")
        with pytest.raises(PermissionDenied):
            services.activity_create(user=users[who], plan=plan, goals=[goals["eu"]], title="X")
    with pytest.raises(PermissionDenied):
        services.plan_delete(plan=plan, user=users["officer"])
    services.plan_delete(plan=plan, user=users["coordinator"])
    assert not Plan.objects.exists()


def test_an_office_plans_for_itself(goals, make_user, norrkoping):
    from omvarld.organisation.models import Office

    office = Office.objects.get(short_name="KFK")
    officer = make_user("officer", offices=[office])
    plan = services.plan_create(user=officer, office=office, year=2026)
    assert plan.owner == office
    with pytest.raises(PermissionDenied):
        services.plan_create(user=officer, office=Office.objects.get(short_name="UK"), year=2026)


def test_the_report_is_frozen_when_adopted(goals, kfn, users):
    plan = services.plan_create(user=users["officer"], body=kfn, year=2026)
    activity = services.activity_create(
        user=users["officer"], plan=plan, goals=[goals["eu"]], title="Bevaka EU"
    )
    services.report_set_highlights(
        user=users["officer"], body=kfn, year=2026, highlights="Ett år av studiebesök."
    )
    report = services.report_adopt(
        user=users["officer"], body=kfn, year=2026, adopted_on=dt.date(2026, 11, 30)
    )
    frozen = report.snapshot
    assert frozen["adopted_on"] == "2026-11-30"
    assert frozen["highlights"] == "Ett år av studiebesök."
    row = next(r for r in frozen["indicators"] if r["key"] == "plans.activities_done")
    assert (row["value"], row["base"]) == (0.0, 1)

    services.activity_set_status(activity=activity, user=users["officer"], status="done")
    from omvarld.plans.reports import report_data, report_for

    _stored, data = report_for(body=kfn, year=2026)
    assert data == frozen
    live = report_data(body=kfn, year=2026)
    row = next(r for r in live["indicators"] if r["key"] == "plans.activities_done")
    assert row["value"] == 100.0
    with pytest.raises(ValidationError):
        services.report_set_highlights(user=users["officer"], body=kfn, year=2026, highlights="Ny")
    with pytest.raises(ValidationError):
        services.report_adopt(
            user=users["coordinator"], body=kfn, year=2026, adopted_on=dt.date(2026, 12, 1)
        )


def test_who_may_prepare_and_adopt_reports(goals, kfn, users):
    for who in ("other", "reader"):
        with pytest.raises(PermissionDenied):
            services.report_set_highlights(user=users[who], body=kfn, year=2026, highlights="X")
    with pytest.raises(PermissionDenied):
        services.report_adopt(
            user=users["officer"], body=None, year=2026, adopted_on=dt.date(2026, 12, 1)
        )
    services.report_adopt(
        user=users["coordinator"], body=None, year=2026, adopted_on=dt.date(2026, 12, 1)
    )
