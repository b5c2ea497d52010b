"""What the plans app adds to the platform's shared pages: the menu entry, plan activities due
in the workspace and on the deadlines page, the bodies without a plan for the coordinator, and
the indicator of plan activities done. Registered in :class:`PlansConfig.ready`."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omvarld.core import permissions
from omvarld.core.contributions import (
    Block,
    BodyDeadline,
    Entry,
    Indicator,
    NavEntry,
    Scope,
    Section,
    Unit,
    Values,
    register_block,
    register_deadlines,
    register_indicator,
    register_nav,
    share_values,
)
from omvarld.organisation.models import Body

from . import selectors
from .constants import OPEN_STATUSES

SHOWN = 8


def activities_due_block(
    *, scope: Scope, today: datetime.date, since: datetime.datetime
) -> Block | None:
    """Open activities of the scope's plans due within 30 days, or overdue: an office's own plan
    and the plans of the bodies it serves, which the office prepares."""
    due = selectors.activities_due(
        body_ids=scope.body_ids, office_ids=() if scope.whole else scope.office_ids, today=today
    )
    total = due.count()
    if not total:
        return None
    rows = list(due[:SHOWN])
    return Block(
        title=_("Plan activities due"),
        url=reverse("plans:plan_list"),
        entries=[
            Entry(
                title=a.title,
                url=a.get_absolute_url(),
                label=str(a.plan.owner),
                date=a.due,
                overdue=a.due is not None and a.due < today,
            )
            for a in rows[:SHOWN]
        ],
        total=total,
    )


def bodies_without_plan_block(
    *, scope: Scope, today: datetime.date, since: datetime.datetime
) -> Block | None:
    """Committees and the executive board without a plan for this year."""
    missing = list(
        Body.objects.active_on(today)
        .filter(kind__in=["committee", "executive_board"])
        .exclude(plans__year=today.year)
        .order_by("name")
    )
    if not missing:
        return None
    return Block(
        title=_("Bodies without a plan for %(year)s") % {"year": today.year},
        url=reverse("plans:plan_list"),
        entries=[
            Entry(title=b.name, url=reverse("plans:plan_create") + f"?organ={b.short_name}")
            for b in missing[:SHOWN]
        ],
        total=len(missing),
    )


def plan_block(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block:
    """The scope's plan for this year and how far it has come, with the annual follow-up."""
    year = today.year
    entries: list[Entry] = []
    if scope.whole:
        plans = selectors.plan_list(year=year)
        done = sum(p.done_count for p in plans)  # type: ignore[attr-defined]
        total = sum(p.activity_count for p in plans)  # type: ignore[attr-defined]
        entries.append(
            Entry(
                title=_("%(count)s plans for %(year)s") % {"count": len(plans), "year": year},
                url=reverse("plans:plan_list"),
                detail=_("%(done)s of %(total)s activities done") % {"done": done, "total": total},
            )
        )
        report_url = reverse("plans:report_municipality", kwargs={"year": year})
    else:
        # An office's page: its own plan and those of the bodies it serves.
        plans = selectors.plan_list(year=year).filter(
            Q(body_id__in=scope.body_ids) | Q(office_id__in=scope.office_ids)
        )
        for plan in plans:
            entries.append(
                Entry(
                    title=_("Plan %(year)s: %(owner)s") % {"year": year, "owner": plan.owner},
                    url=plan.get_absolute_url(),
                    detail=_("%(done)s of %(total)s activities done")
                    % {"done": plan.done_count, "total": plan.activity_count},  # type: ignore[attr-defined]
                )
            )
        if not entries:
            entries.append(
                Entry(
                    title=_("No plan for %(year)s yet: make one") % {"year": year},
                    url=reverse("plans:plan_create"),
                )
            )
        report_url = (
            reverse("plans:report_body", kwargs={"year": year, "body_id": min(scope.body_ids)})
            if len(scope.body_ids) == 1 and not scope.office_ids
            else reverse("plans:plan_list")
        )
    entries.append(Entry(title=_("Annual follow-up %(year)s") % {"year": year}, url=report_url))
    entries.append(
        Entry(title=_("What each indicator counts"), url=reverse("plans:indicator_list"))
    )
    return Block(title=_("Plan and follow-up"), url=reverse("plans:plan_list"), entries=entries)


def plan_deadlines(
    *,
    body_ids: Collection[int],
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date,
) -> list[BodyDeadline]:
    """The due dates of the bodies' plan activities, cancelled ones left out (one query)."""
    activities = selectors.activities_dated(body_ids=body_ids, date_from=date_from, date_to=date_to)
    source = _("Plans for international work")
    return [
        BodyDeadline(
            uid=f"plans-activity-{a.pk}@omvarld",
            date=a.due,
            title=a.title,
            label=_("Plan activity due"),
            body_id=a.plan.body_id,
            url=a.get_absolute_url(),
            source=source,
            done=a.status not in OPEN_STATUSES,
        )
        for a in activities
        if a.due is not None and a.plan.body_id is not None
    ]


def done_share(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    per_body, total = selectors.plan_progress(body_ids=body_ids, year=year)
    return share_values(
        body_ids,
        {b: p.done for b, p in per_body.items()},
        {b: p.activities for b, p in per_body.items()},
        (total.done, total.activities),
    )


def register() -> None:
    register_nav(
        NavEntry("plans", gettext_lazy("Plans"), "plans:plan_list", 80, permissions.can_view)
    )
    register_block("plans.due", Section.TODO, 80, activities_due_block)
    register_block("plans.plan", Section.FIGURES, 80, plan_block)
    register_block("plans.without_plan", Section.ATTENTION, 80, bodies_without_plan_block)
    register_deadlines("plans", gettext_lazy("Plans for international work"), plan_deadlines)
    register_indicator(
        Indicator(
            key="plans.activities_done",
            name=gettext_lazy("Plan activities done"),
            definition=gettext_lazy(
                "The share of the activities in the body's plan for the year (cancelled ones "
                "left out) that are marked done. For the whole municipality: every plan of the "
                "year, the bodies' and the offices'."
            ),
            unit=Unit.PERCENT,
            app=gettext_lazy("Plans and follow-up"),
            query=done_share,
            order=90,
            goals=("everyday",),
        )
    )
