"""The annual follow-up report of a body or of the whole municipality: the page, its PDF and
XLSX, the highlights and the adoption that freezes its numbers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.organisation.models import Body

from . import services
from .constants import FIRST_YEAR, LAST_YEAR
from .documents import report_context, report_pdf, report_xlsx
from .forms import AdoptForm, HighlightsForm
from .reports import report_for

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _scope(request: HttpRequest, year: int, body_id: int | None) -> Body | None:
    if not permissions.can_view(request.user):
        raise PermissionDenied
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PermissionDenied
    return get_object_or_404(Body, pk=body_id) if body_id is not None else None


def _url(name: str, year: int, body: Body | None, **extra: str) -> str:
    if body is None:
        return reverse(f"plans:{name}_municipality", kwargs={"year": year, **extra})
    return reverse(f"plans:{name}_body", kwargs={"year": year, "body_id": body.pk, **extra})


@login_required
def report(request: HttpRequest, year: int, body_id: int | None = None) -> HttpResponse:
    body = _scope(request, year, body_id)
    stored, data = report_for(body=body, year=year)
    may_edit = services.may_edit_report(request.user, body=body)
    frozen = stored is not None and stored.frozen
    context = {
        **report_context(data),
        "body": body,
        "year": year,
        "report": stored,
        "frozen": frozen,
        "may_edit": may_edit and not frozen,
        "highlights_form": HighlightsForm(initial={"highlights": data["highlights"]}),
        "adopt_form": AdoptForm(initial={"adopted_on": timezone.localdate()}),
        "pdf_url": _url("report_file", year, body, fmt="pdf"),
        "xlsx_url": _url("report_file", year, body, fmt="xlsx"),
        "highlights_url": _url("report_highlights", year, body),
        "adopt_url": _url("report_adopt", year, body),
    }
    return render(request, "plans/report_detail.html", context)


@login_required
def report_file(
    request: HttpRequest, year: int, fmt: str, body_id: int | None = None
) -> HttpResponse:
    body = _scope(request, year, body_id)
    if fmt not in FORMATS:
        raise PermissionDenied
    _stored, data = report_for(body=body, year=year)
    content = report_pdf(data) if fmt == "pdf" else report_xlsx(data)
    name = f"uppfoljning-{year}-{body.short_name if body else 'kommunen'}.{fmt}"
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_highlights(request: HttpRequest, year: int, body_id: int | None = None) -> HttpResponse:
    body = _scope(request, year, body_id)
    form = HighlightsForm(request.POST)
    if form.is_valid():
        try:
            services.report_set_highlights(
                user=request.user, body=body, year=year, highlights=form.cleaned_data["highlights"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The highlights are saved."))
    return redirect(_url("report", year, body))


@login_required
@require_POST
def report_adopt(request: HttpRequest, year: int, body_id: int | None = None) -> HttpResponse:
    body = _scope(request, year, body_id)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day the report was adopted."))
        return redirect(_url("report", year, body))
    try:
        services.report_adopt(
            user=request.user, body=body, year=year, adopted_on=form.cleaned_data["adopted_on"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report is adopted; its numbers stay as they are today."))
    return redirect(_url("report", year, body))
