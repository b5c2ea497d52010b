"""EU-funding pages: the overview, programmes, calls, their import, and the bodies' inboxes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.core.http import HtmxHttpRequest
from omvarld.organisation.models import Body

from . import selectors, services
from .constants import MatchStatus
from .filter_forms import CallFilterForm, InboxFilterForm
from .forms import (
    CallForm,
    CallImportForm,
    MatchAddForm,
    MatchStatusForm,
)
from .models import Call, CallMatch, Programme
from .sync import calls_import_file

PAGE_SIZE = 25


def form_errors(form: BaseForm, error: ValidationError) -> None:
    """A service's ValidationError on the form: on its fields where it has them, else on top."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _call(pk: int) -> Call:
    try:
        return selectors.call_detail(pk=pk)
    except Call.DoesNotExist:
        raise Http404 from None


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The start page: what needs doing for the user's bodies, and the way to everything else."""
    own, _offices = permissions.member_ids(request.user)
    today = timezone.localdate()
    context = {
        "todo": selectors.needs_doing(body_ids=own, today=today) if own else [],
        "own_bodies": Body.objects.filter(pk__in=own).order_by("name"),
        "open_calls": selectors.call_list(selectors.CallFilters(status="open")).count(),
        "running": selectors.active_projects().count(),
        "can_manage": permissions.can_manage(request.user),
        "may_create": selectors.may_create_project(request.user),
    }
    return render(request, "funding/overview.html", context)


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "funding/programme_list.html", {"programmes": selectors.programme_list()}
    )


@login_required
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        programme = selectors.programme_detail(code=code)
    except Programme.DoesNotExist:
        raise Http404 from None
    calls = selectors.call_list(selectors.CallFilters(programme=code, status="open"))[:PAGE_SIZE]
    return render(
        request, "funding/programme_detail.html", {"programme": programme, "calls": calls}
    )


@login_required
def call_list(request: HtmxHttpRequest) -> HttpResponse:
    form = CallFilterForm(request.GET or None)
    filters = form.filters()
    if form.current_only():
        calls = selectors.call_list(filters).exclude(deadline__lt=timezone.localdate())
    else:
        calls = selectors.call_list(filters)
    page = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "today": timezone.localdate(),
        "can_manage": permissions.can_manage(request.user),
    }
    template = "funding/_call_rows.html" if request.htmx else "funding/call_list.html"
    return render(request, template, context)


@login_required
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    matches = [
        {"match": m, "can_edit": permissions.can_edit(request.user, m)} for m in call.matches.all()
    ]
    context = {
        "call": call,
        "matches": matches,
        "statuses": MatchStatus.choices,
        "can_manage": permissions.can_manage(request.user),
        "may_create": selectors.may_create_project(request.user),
        "add_form": MatchAddForm(call=call),
    }
    return render(request, "funding/call_detail.html", context)


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        areas = [a.code for a in data.pop("areas")]
        try:
            call = services.call_create(user=request.user, areas=areas, **data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The call is saved and matched to bodies."))
            return redirect("funding:call_detail", pk=call.pk)
    return render(request, "funding/call_form.html", {"form": form})


@login_required
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    call = get_object_or_404(Call, pk=pk)
    form = CallForm(request.POST or None, instance=call, initial={"areas": list(call.areas.all())})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        areas = [a.code for a in data.pop("areas")]
        try:
            services.call_update(call=call, user=request.user, changes=data, areas=areas)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The call is saved and matched to bodies again."))
            return redirect("funding:call_detail", pk=call.pk)
    return render(request, "funding/call_form.html", {"form": form, "call": call})


@login_required
def call_import(request: HttpRequest) -> HttpResponse:
    """A coordinator imports calls from a file; the page reports what came in and what not."""
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = CallImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        summary = calls_import_file(name=form.file_name, payload=form.cleaned_data["file"])
        if summary.records:
            messages.success(
                request,
                _("%(records)d calls read: %(created)d new, %(updated)d changed.")
                % {
                    "records": summary.records,
                    "created": summary.created,
                    "updated": summary.updated,
                },
            )
        if summary.errors:
            messages.error(
                request,
                _("%(count)d records could not be read; they are listed below.")
                % {"count": len(summary.errors)},
            )
    return render(request, "funding/call_import.html", {"form": form, "summary": summary})


@login_required
@require_POST
def call_rematch(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    call = get_object_or_404(Call, pk=pk)
    matched = services.call_match(call=call)
    messages.success(
        request,
        _("Matched again: %(count)d bodies.") % {"count": sum(m.score > 0 for m in matched)},
    )
    return redirect("funding:call_detail", pk=pk)


@login_required
@require_POST
def match_add(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = MatchAddForm(request.POST, call=call)
    if form.is_valid():
        body = form.cleaned_data["body"]
        services.match_add(call=call, body=body, user=request.user)
        messages.success(request, _("The call is in the inbox of %(body)s.") % {"body": body.name})
    else:
        messages.error(request, _("Choose a body that does not have the call yet."))
    return redirect("funding:call_detail", pk=pk)


@login_required
@require_POST
def match_status(request: HttpRequest, pk: int, body_id: int) -> HttpResponse:
    try:
        match = selectors.match_get(call_id=pk, body_id=body_id)
    except CallMatch.DoesNotExist:
        raise Http404 from None
    if not permissions.can_edit(request.user, match):
        raise PermissionDenied
    form = MatchStatusForm(request.POST)
    if form.is_valid():
        services.match_set_status(
            match=match, user=request.user, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status is changed."))
    else:
        messages.error(request, _("Choose a status of the list."))
    target = request.POST.get("next", "")
    if target == "inbox":
        return redirect("funding:inbox", body_id=body_id)
    return redirect("funding:call_detail", pk=pk)


@login_required
def inbox_index(request: HttpRequest) -> HttpResponse:
    own, _offices = permissions.member_ids(request.user)
    bodies = list(selectors.inbox_counts())
    context = {"own": [b for b in bodies if b.pk in own], "bodies": bodies}
    return render(request, "funding/inbox_index.html", context)


@login_required
def inbox(request: HttpRequest, body_id: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    form = InboxFilterForm(request.GET or None)
    data = form.valid_data()
    matches = selectors.inbox(
        body=body, status=data.get("status") or "", include_closed=bool(data.get("closed"))
    )
    context = {
        "body": body,
        "form": form,
        "matches": matches,
        "new_count": sum(m.status == MatchStatus.NEW for m in matches),
        "can_edit": permissions.can_edit(request.user, body),
        "may_create": selectors.may_create_project(request.user),
        "statuses": MatchStatus.choices,
        "today": timezone.localdate(),
    }
    return render(request, "funding/inbox.html", context)
