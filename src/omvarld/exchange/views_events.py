"""Pages of events: the list, one event with who goes and what it cost, and the forms that
register events, participants, costs and presentations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.core.documents import document_response

from .forms import CostForm, EventFilterForm, EventForm, ParticipationForm, PresentationForm
from .models import Cost, Participation, Presentation, PresentationDocument
from .selectors import access, links
from .selectors.events import event_list as events_filtered
from .selectors.events import report_is_due
from .selectors.reminders import report_due_on
from .services import events as services
from .views_common import form_errors, get_event

PAGE_SIZE = 25


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    today = timezone.localdate()
    page = Paginator(events_filtered(form.filters(), today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [{"event": e, "report_due": report_is_due(e, today)} for e in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "can_create": access.can_create_event(request.user),
    }
    return render(request, "exchange/event_list.html", context)


def _event_form(request: HttpRequest, **kwargs: Any) -> EventForm:
    return EventForm(
        request.POST or None,
        bodies=access.event_bodies_for(request.user),
        offices=access.event_offices_for(request.user),
        **kwargs,
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    if not access.can_create_event(request.user):
        raise PermissionDenied
    form = _event_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The event is registered."))
            return redirect("exchange:event_detail", pk=event.pk)
    return render(request, "exchange/event_form.html", {"form": form})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not access.can_edit_event(request.user, event):
        raise PermissionDenied
    form = _event_form(request, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, user=request.user, changes=form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("exchange:event_detail", pk=event.pk)
    return render(request, "exchange/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    services.event_delete(event=event, user=request.user)
    messages.success(request, _("The event is removed."))
    return redirect("exchange:event_list")


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    today = timezone.localdate()
    user = request.user
    participations = list(event.participations.all())
    see_costs = access.can_see_costs(user, event)
    total = sum((c.amount for p in participations for c in p.costs.all()), start=0)
    context = {
        "event": event,
        "participations": participations,
        "presentations": list(event.presentations.all()),
        "partners": list(
            links.partners([link.partner_id for link in event.partner_links.all()]).values()
        ),
        "residents_url": links.population_country(event.country.code or ""),
        "actions": list(event.actions.all()),
        "report": getattr(event, "report", None),
        "report_due": report_is_due(event, today),
        "due_on": report_due_on(event),
        "can_edit": access.can_edit_event(user, event),
        "can_report": access.can_edit_report(user, event) and event.starts_on <= today,
        "can_delete": permissions.can_manage(user),
        "can_erase": access.can_manage_personal_data(user),
        "see_costs": see_costs,
        "total_cost": total,
        "user_id": user.pk,
        "today": today,
    }
    return render(request, "exchange/event_detail.html", context)


@login_required
def participation_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not access.can_edit_event(request.user, event):
        raise PermissionDenied
    form = ParticipationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.participation_add(
                event=event, user=request.user, participant=data.pop("user"), **data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The participant is added."))
            return redirect("exchange:event_detail", pk=event.pk)
    return render(request, "exchange/participation_form.html", {"form": form, "event": event})


def _participation(pk: int) -> Participation:
    return get_object_or_404(
        Participation.objects.select_related("event", "user").prefetch_related(
            "event__bodies", "event__offices"
        ),
        pk=pk,
    )


@login_required
def participation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participation(pk)
    event = participation.event
    if not access.can_edit_event(request.user, event):
        raise PermissionDenied
    guest = participation.user_id is None and participation.erased_at is None
    initial = {
        "role": participation.role,
        "guest_name": participation.guest_name,
        "guest_organisation": participation.guest_organisation,
        "guest_email": participation.guest_email,
        "legal_basis": participation.legal_basis,
        "retention_until": participation.retention_until,
    }
    form = ParticipationForm(request.POST or None, initial=initial, guest_only=True)
    if not guest:
        for name in list(form.fields):
            if name != "role":
                del form.fields[name]
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_update(
                participation=participation, user=request.user, changes=form.cleaned_data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The participant is saved."))
            return redirect("exchange:event_detail", pk=event.pk)
    context = {"form": form, "event": event, "participation": participation}
    return render(request, "exchange/participation_form.html", context)


@login_required
@require_POST
def participation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participation(pk)
    services.participation_remove(participation=participation, user=request.user)
    messages.success(request, _("The participant is removed."))
    return redirect("exchange:event_detail", pk=participation.event_id)


@login_required
@require_POST
def participation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participation(pk)
    try:
        services.participation_approve(participation=participation, user=request.user)
    except PermissionDenied as error:
        if not access.can_edit_event(request.user, participation.event):
            raise
        messages.error(request, str(error) or _("You may not approve this."))
    else:
        messages.success(request, _("The participation is approved."))
    return redirect("exchange:event_detail", pk=participation.event_id)


@login_required
def cost_add(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participation(pk)
    event = participation.event
    if not access.can_edit_event(request.user, event):
        raise PermissionDenied
    form = CostForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_add(participation=participation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The cost is recorded."))
            return redirect("exchange:event_detail", pk=event.pk)
    context = {"form": form, "event": event, "participation": participation}
    return render(request, "exchange/cost_form.html", context)


@login_required
@require_POST
def cost_remove(request: HttpRequest, pk: int) -> HttpResponse:
    cost = get_object_or_404(Cost.objects.select_related("participation__event"), pk=pk)
    services.cost_remove(cost=cost, user=request.user)
    messages.success(request, _("The cost is removed."))
    return redirect("exchange:event_detail", pk=cost.participation.event_id)


@login_required
def presentation_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not access.can_edit_report(request.user, event):
        raise PermissionDenied
    form = PresentationForm(request.POST or None, request.FILES or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            services.presentation_create(
                event=event, user=request.user, files=[upload] if upload else [], **data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The presentation is recorded."))
            return redirect("exchange:event_detail", pk=event.pk)
    return render(request, "exchange/presentation_form.html", {"form": form, "event": event})


@login_required
@require_POST
def presentation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    presentation = get_object_or_404(Presentation.objects.select_related("event"), pk=pk)
    services.presentation_remove(presentation=presentation, user=request.user)
    messages.success(request, _("The presentation is removed."))
    return redirect("exchange:event_detail", pk=presentation.event_id)


@login_required
def presentation_document(request: HttpRequest, pk: int) -> FileResponse:
    """A presentation's file, as a download; every signed-in user reads presentations."""
    document = get_object_or_404(PresentationDocument, pk=pk)
    return document_response(document)
