"""Overview pages: the knowledge bank, a body's page, the traveller's own page, and the
coordinators' page for guests' personal data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.organisation.models import Body

from .forms import GuestSearchForm, KnowledgeFilterForm
from .models import Participation
from .selectors import access, knowledge
from .selectors.events import body_page as body_page_read
from .selectors.events import my_page as my_page_read
from .selectors.reminders import report_due_days
from .services import personal_data

HITS = 50


@login_required
def knowledge_bank(request: HttpRequest) -> HttpResponse:
    """Search what trips taught; lessons grouped by area, each with the trip it comes from."""
    form = KnowledgeFilterForm(request.GET or None)
    filters = form.filters()
    context = {
        "form": form,
        "filters": filters,
        "areas": knowledge.lessons_by_area(filters),
        "ideas": list(knowledge.ideas(filters)[:HITS]),
        "reports": list(knowledge.reports(filters)[:HITS]),
        "invalid": form.is_bound and not form.is_valid(),
    }
    return render(request, "exchange/knowledge.html", context)


@login_required
def body_page(request: HttpRequest, body_id: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    today = timezone.localdate()
    page = body_page_read(body=body, today=today)
    context = {"page": page, "body": body, "due_days": report_due_days(), "today": today}
    return render(request, "exchange/body_page.html", context)


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    user_id = request.user.pk
    assert user_id is not None  # login_required
    today = timezone.localdate()
    page = my_page_read(user_id=user_id, today=today)
    context = {"page": page, "due_days": report_due_days(), "today": today}
    return render(request, "exchange/my_page.html", context)


@login_required
def guests(request: HttpRequest) -> HttpResponse:
    """Find a named guest's data to export it (JSON) or erase it."""
    if not access.can_manage_personal_data(request.user):
        raise PermissionDenied
    form = GuestSearchForm(request.GET or None)
    found = None
    if form.is_valid():
        export = personal_data.guest_export(user=request.user, query=form.cleaned_data["q"])
        found = export["participations"]
        if request.GET.get("format") == "json":
            response = HttpResponse(
                json.dumps(export, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="gastuppgifter.json"'
            return response
    return render(
        request,
        "exchange/guests.html",
        {"form": form, "found": found, "query": request.GET.urlencode()},
    )


@login_required
@require_POST
def guest_erase(request: HttpRequest, pk: int) -> HttpResponse:
    participation = get_object_or_404(Participation, pk=pk)
    personal_data.guest_erase(participation=participation, user=request.user)
    messages.success(request, _("The guest's data is erased, in the history too."))
    return redirect("exchange:event_detail", pk=participation.event_id)
