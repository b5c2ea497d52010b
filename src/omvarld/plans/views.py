"""Pages of plans and their activities, the programme goals they serve, and the indicators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.core.contributions import indicator_values, indicators
from omvarld.core.formatting import format_value
from omvarld.organisation.models import Body
from omvarld.organisation.selectors import programme_goal_list

from . import selectors, services
from .constants import OPEN_STATUSES, ActivityStatus
from .forms import ActivityForm, PlanCreateForm, PlanForm, YearForm
from .models import Plan, PlanActivity


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _year(request: HttpRequest) -> int:
    """The year asked for; a bad one is dropped with a message in Swedish."""
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["year"]:
        return int(form.cleaned_data["year"])
    if request.GET.get("year"):
        messages.error(request, _("The year was not understood; this year is shown."))
    return timezone.localdate().year


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view(request.user))
    year = _year(request)
    bodies, offices = selectors.plan_owners(user=request.user)
    context = {
        "year": year,
        "years": sorted({year, timezone.localdate().year, *selectors.plan_years()}, reverse=True),
        "plans": selectors.plan_list(year=year),
        "may_create": bodies.exists() or offices.exists(),
        "reports": {r.body_id: r for r in selectors.report_list(year=year)},
        "bodies": Body.objects.active_on().order_by("name"),
    }
    return render(request, "plans/plan_list.html", context)


@login_required
def goal_list(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view(request.user))
    registered = indicators()
    goals = [
        (goal, [i for i in registered if goal.code in i.goals])
        for goal in programme_goal_list(include_inactive=True)
    ]
    return render(request, "plans/goal_list.html", {"goals": goals})


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator's definition, and its values per body for a year."""
    _require(permissions.can_view(request.user))
    year = _year(request)
    bodies = list(Body.objects.active_on().order_by("name"))
    values = indicator_values(
        body_ids=[b.pk for b in bodies], year=year, today=timezone.localdate()
    )
    registered = indicators()
    totals = [format_value(values[i.key].total.value, i.unit) for i in registered]
    table = [
        (body, [format_value(values[i.key].by_body[body.pk].value, i.unit) for i in registered])
        for body in bodies
    ]
    return render(
        request,
        "plans/indicator_list.html",
        {"year": year, "indicators": registered, "totals": totals, "table": table},
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    bodies, offices = selectors.plan_owners(user=request.user)
    _require(bodies.exists() or offices.exists())
    initial: dict[str, Any] = {}
    if short := request.GET.get("organ"):
        body = bodies.filter(short_name=short).first()
        if body is not None:
            initial["owner"] = f"body:{body.pk}"
    form = PlanCreateForm(
        request.POST or None, initial=initial, bodies=list(bodies), offices=list(offices)
    )
    if request.method == "POST" and form.is_valid():
        body, office = form.chosen_owner()
        try:
            plan = services.plan_create(
                user=request.user,
                body=body,
                office=office,
                year=form.cleaned_data["year"],
                summary=form.cleaned_data["summary"],
                copy_previous=form.cleaned_data["copy_previous"],
            )
        except ValidationError as error:
            form.put_errors(error)
        else:
            if plan.copied_from_id:
                messages.success(
                    request,
                    _("The plan is created from the plan for %(year)s.")
                    % {"year": plan.copied_from.year},  # type: ignore[union-attr]
                )
            else:
                messages.success(request, _("The plan is created."))
            return redirect(plan)
    return render(request, "plans/form.html", {"form": form, "title": _("New plan")})


def _plan(pk: int) -> Plan:
    try:
        return selectors.plan_detail(pk=pk)
    except Plan.DoesNotExist:
        raise Http404 from None


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_view(request.user))
    plan = _plan(pk)
    today = timezone.localdate()
    activities = list(plan.activities.all())
    for a in activities:
        a.overdue = a.due is not None and a.due < today and a.status in OPEN_STATUSES  # type: ignore[attr-defined]
    counted = [a for a in activities if a.status != ActivityStatus.CANCELLED]
    done = sum(1 for a in counted if a.status == ActivityStatus.DONE)
    context = {
        "plan": plan,
        "activities": activities,
        "counted": len(counted),
        "done": done,
        "done_share": format_value(
            round(100 * done / len(counted), 1) if counted else None, "percent"
        ),
        "may_edit": permissions.can_edit(request.user, plan),
        "may_delete": permissions.can_manage(request.user),
        "statuses": ActivityStatus.choices,
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    _require(permissions.can_edit(request.user, plan))
    form = PlanForm(
        request.POST or None, initial={"summary": plan.summary, "adopted_on": plan.adopted_on}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, user=request.user, changes=form.cleaned_data)
        except ValidationError as error:
            form.put_errors(error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(plan)
    title = _("Plan %(year)s: %(owner)s") % {"year": plan.year, "owner": plan.owner}
    return render(request, "plans/form.html", {"form": form, "title": title, "back": plan})


@login_required
@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    services.plan_delete(plan=plan, user=request.user)
    messages.success(request, _("The plan is removed."))
    return redirect("plans:plan_list")


@login_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(pk)
    _require(permissions.can_edit(request.user, plan))
    form = ActivityForm(request.POST or None, initial={"status": ActivityStatus.PLANNED})
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_create(
                user=request.user, plan=plan, goals=form.cleaned_data["goals"], **form.values()
            )
        except ValidationError as error:
            form.put_errors(error)
        else:
            messages.success(request, _("The activity is added to the plan."))
            return redirect(plan)
    title = _("New activity in the plan %(year)s of %(owner)s") % {
        "year": plan.year,
        "owner": plan.owner,
    }
    return render(request, "plans/form.html", {"form": form, "title": title, "back": plan})


def _activity(pk: int) -> PlanActivity:
    return get_object_or_404(
        PlanActivity.objects.select_related("plan__body", "plan__office"), pk=pk
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    _require(permissions.can_edit(request.user, activity))
    initial = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    initial["goals"] = list(activity.goals.all())
    form = ActivityForm(request.POST or None, initial=initial, activity=activity)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        values.pop("position", None)
        try:
            services.activity_update(
                activity=activity,
                user=request.user,
                changes=values,
                goals=form.cleaned_data["goals"],
            )
        except ValidationError as error:
            form.put_errors(error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(activity.plan)
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "title": activity.title,
            "back": activity.plan,
            "delete_url": reverse("plans:activity_delete", kwargs={"pk": activity.pk}),
        },
    )


@login_required
@require_POST
def activity_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an activity done (or another status) from the plan's page."""
    activity = _activity(pk)
    _require(permissions.can_edit(request.user, activity))
    try:
        services.activity_set_status(
            activity=activity, user=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(activity)s: %(status)s.")
            % {"activity": activity.title, "status": activity.get_status_display().lower()},
        )
    return redirect(activity.plan)


@login_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    services.activity_delete(activity=activity, user=request.user)
    messages.success(request, _("The activity is removed from the plan."))
    return redirect(activity.plan)
