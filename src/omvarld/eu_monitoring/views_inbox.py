"""EU-monitoring pages: initiatives, committee inboxes, assessments, the influence log, reports."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.core.http import HtmxHttpRequest
from omvarld.organisation.models import Body

from . import selectors, services
from .constants import InboxStatus
from .forms import (
    ActionForm,
    AssessmentForm,
    InboxFilterForm,
    InitiativeFilterForm,
    RoutingAddForm,
    StatusForm,
)
from .models import InfluenceAction, Initiative, Routing

#: How many of the touched agenda items the initiative page lists.
TOUCHED_SHOWN = 50


def _initiative(pk: int) -> Initiative:
    try:
        return selectors.initiative_detail(pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None


def _routing(pk: int, body_id: int) -> Routing:
    try:
        return selectors.routing_get(initiative_id=pk, body_id=body_id)
    except Routing.DoesNotExist:
        raise Http404 from None


def _form_errors(form: Form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@login_required
def initiative_list(request: HtmxHttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    page = Paginator(selectors.initiative_list(form.filters()), 25).get_page(
        request.GET.get("page")
    )
    touches = selectors.touches([i.pk for i in page.object_list])
    rows = [{"initiative": i, "touch": touches[i.pk]} for i in page.object_list]
    context = {"form": form, "page": page, "rows": rows}
    template = "eu_monitoring/_initiative_rows.html" if request.htmx else None
    return render(request, template or "eu_monitoring/initiative_list.html", context)


@login_required
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(pk)
    touched = selectors.touched_items(initiative=initiative)
    routings = [
        {
            "routing": r,
            "removed": selectors.is_removed(r),
            "match": selectors.match_level(r.score) if r.score else "",
            "can_edit": permissions.can_edit(request.user, r)
            and services.routing_may_reopen(routing=r, user=request.user),
        }
        for r in initiative.routings.all()
    ]
    today = timezone.localdate()
    context = {
        "initiative": initiative,
        "stages": selectors.stage_history(initiative),
        "windows": [
            {"window": w, "open": w.is_open_on(today), "closed": w.is_closed_on(today)}
            for w in initiative.windows.all()
        ],
        "routings": routings,
        "touch": selectors.touches([initiative.pk])[initiative.pk],
        "touched": touched[:TOUCHED_SHOWN],
        "touched_shown": TOUCHED_SHOWN,
        "can_manage": permissions.can_manage(request.user),
        "can_act": selectors.action_bodies(user=request.user).exists(),
        "add_form": RoutingAddForm(initiative=initiative),
    }
    return render(request, "eu_monitoring/initiative_detail.html", context)


@login_required
@require_POST
def initiative_route(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    routed = services.initiative_route(initiative=initiative)
    messages.success(
        request, _("Routed again: %(count)d bodies.") % {"count": sum(r.score > 0 for r in routed)}
    )
    return redirect("eu_monitoring:initiative_detail", pk=pk)


@login_required
@require_POST
def routing_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = RoutingAddForm(request.POST, initiative=initiative)
    if form.is_valid():
        body = form.cleaned_data["body"]
        services.routing_add(initiative=initiative, body=body, user=request.user)
        messages.success(request, _("%(body)s follows the initiative.") % {"body": body.name})
    else:
        messages.error(request, _("Choose a body that does not follow the initiative yet."))
    return redirect("eu_monitoring:initiative_detail", pk=pk)


@login_required
@require_POST
def routing_remove(request: HttpRequest, pk: int, body_id: int) -> HttpResponse:
    routing = _routing(pk, body_id)
    services.routing_remove(routing=routing, user=request.user)
    messages.success(
        request, _("%(body)s no longer follows the initiative.") % {"body": routing.body.name}
    )
    return redirect("eu_monitoring:initiative_detail", pk=pk)


@login_required
def inbox_index(request: HttpRequest) -> HttpResponse:
    member_of, _offices = permissions.member_ids(request.user)
    bodies = selectors.inbox_counts()
    context = {
        "own": [b for b in bodies if b.body.pk in member_of],
        "bodies": bodies,
    }
    return render(request, "eu_monitoring/inbox_index.html", context)


def _funding_calls(body: Body) -> dict[str, int] | None:
    """The body's current calls for EU funding, when that app is installed: a committee's inbox
    shows what it may apply for beside what it may influence."""
    if not apps.is_installed("omvarld.funding"):
        return None
    from omvarld.funding import selectors as funding

    total, new = funding.inbox_summary(body=body)
    return {"total": total, "new": new}


@login_required
def inbox(request: HttpRequest, body_id: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    form = InboxFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    routings = selectors.inbox(body=body, status=status)
    touches = selectors.touches([r.initiative_id for r in routings])
    today = timezone.localdate()
    rows = [
        {
            "routing": r,
            "touch": touches[r.initiative_id],
            "open_windows": [w for w in r.initiative.windows.all() if w.is_open_on(today)],
        }
        for r in routings
    ]
    context = {
        "body": body,
        "form": form,
        "rows": rows,
        "new_count": sum(r.status == InboxStatus.NEW for r in routings),
        "can_edit": permissions.can_edit(request.user, body),
        "statuses": InboxStatus.choices,
        "year": today.year,
        "funding_calls": _funding_calls(body),
    }
    return render(request, "eu_monitoring/inbox.html", context)


@login_required
def assessment_edit(request: HttpRequest, pk: int, body_id: int) -> HttpResponse:
    routing = _routing(pk, body_id)
    if not permissions.can_edit(request.user, routing):
        raise PermissionDenied
    if not services.routing_may_reopen(routing=routing, user=request.user):
        raise PermissionDenied
    current = getattr(routing, "assessment", None)
    initial: dict[str, Any] = (
        {
            "relevance": current.relevance,
            "expected_impact": current.expected_impact,
            "responsible": current.responsible_id,
            "proposed_action": current.proposed_action,
        }
        if current
        else {}
    )
    form = AssessmentForm(request.POST or None, initial=initial, body=routing.body)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(routing=routing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("eu_monitoring:inbox", body_id=body_id)
    context = {"routing": routing, "initiative": routing.initiative, "form": form}
    return render(request, "eu_monitoring/assessment_form.html", context)


@login_required
@require_POST
def routing_status(request: HttpRequest, pk: int, body_id: int) -> HttpResponse:
    routing = _routing(pk, body_id)
    form = StatusForm(request.POST)
    if not permissions.can_edit(request.user, routing):
        raise PermissionDenied
    if form.is_valid():
        try:
            services.routing_set_status(
                routing=routing, user=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status is changed."))
    return redirect("eu_monitoring:inbox", body_id=body_id)


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    bodies = selectors.action_bodies(user=request.user)
    coordinator = permissions.can_manage(request.user)
    if not coordinator and not bodies.exists():
        raise PermissionDenied
    form = ActionForm(
        request.POST or None,
        request.FILES or None,
        initiative=initiative,
        bodies=bodies,
        coordinator=coordinator,
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_create(
                initiative=initiative,
                user=request.user,
                body=data["body"],
                date=data["date"],
                channel=data["channel"],
                description=data["description"],
                stance=data["stance"],
                document=data["document"],
                document_url=data["document_url"],
                outcome=data["outcome"],
                window=data["window"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The action is recorded."))
            return redirect("eu_monitoring:initiative_detail", pk=pk)
    return render(
        request, "eu_monitoring/action_form.html", {"initiative": initiative, "form": form}
    )


@login_required
def action_document(request: HttpRequest, pk: int) -> FileResponse:
    """The document kept with an influence action, as a download; every signed-in user reads."""
    action = get_object_or_404(InfluenceAction, pk=pk)
    if not action.document:
        raise Http404
    try:
        handle = action.document.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=PurePosixPath(action.document.name).name
    )


@login_required
def report(request: HttpRequest, body_id: int, year: int | None = None) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    this_year = timezone.localdate().year
    year = year or this_year
    if not 2000 <= year <= this_year + 1:
        raise Http404
    context = {
        "report": selectors.body_report(body=body, year=year),
        "years": range(this_year, this_year - 5, -1),
    }
    return render(request, "eu_monitoring/report_body.html", context)
