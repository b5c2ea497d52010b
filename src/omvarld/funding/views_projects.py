"""EU-funding pages of projects: the list, a project's page, its form, its status, and the
records that follow it (partners, reporting periods, payment claims, results, documents, agenda
items)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.forms import BaseForm, ModelForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.core.documents import document_response
from omvarld.meetings import selectors as meetings

from . import relations, selectors, services
from .constants import Currency
from .filter_forms import ProjectFilterForm
from .forms import (
    ClaimForm,
    DocumentForm,
    ItemLinkForm,
    PartnerForm,
    PeriodForm,
    ProjectForm,
    ProjectStatusForm,
    ResultForm,
)
from .models import (
    Call,
    PaymentClaim,
    Project,
    ProjectDocument,
    ProjectItemLink,
    ProjectPartner,
    ProjectResult,
    ReportingPeriod,
)
from .views_calls import PAGE_SIZE, form_errors

#: How many agenda items coded as EU funding the link form offers.
ITEMS_OFFERED = 50


def _project(pk: int) -> Project:
    try:
        return selectors.project_detail(pk=pk)
    except Project.DoesNotExist:
        raise Http404 from None


def _editable(request: HttpRequest, pk: int) -> Project:
    project = _project(pk)
    if not permissions.can_edit(request.user, project):
        raise PermissionDenied
    return project


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    page = Paginator(selectors.project_list(form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "may_create": selectors.may_create_project(request.user),
    }
    return render(request, "funding/project_list.html", context)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(pk)
    linked = {
        item.pk for item in meetings.items_by_ids(ids=[i.item_id for i in project.item_links.all()])
    }
    linked_partners = relations.partner_summaries(
        [p.relations_partner_id for p in project.partners.all() if p.relations_partner_id]
    )
    context = {
        "project": project,
        "partners": [
            {"partner": p, "register": linked_partners.get(p.relations_partner_id or 0)}
            for p in project.partners.all()
        ],
        "budget": _budget(project),
        "can_edit": permissions.can_edit(request.user, project),
        "can_manage": permissions.can_manage(request.user),
        "linked_present": linked,
    }
    return render(request, "funding/project_detail.html", context)


def _budget(project: Project) -> list[dict[str, Any]]:
    """The budget's amounts in both currencies, with the partners' shares added up."""
    shares = [p.budget_share for p in project.partners.all() if p.budget_share is not None]
    amounts = [
        (_("Total budget"), project.total_budget),
        (_("EU grant applied for"), project.eu_grant_applied),
        (_("EU grant awarded"), project.eu_grant_awarded),
        (_("Own co-financing in money"), project.own_cofinancing),
        (_("Partners' shares"), sum(shares) if shares else None),
    ]
    return [
        {
            "label": label,
            "sek": project.in_currency(amount, Currency.SEK),
            "eur": project.in_currency(amount, Currency.EUR),
        }
        for label, amount in amounts
    ]


def _split(data: dict[str, Any]) -> tuple[list[Any], list[Any], dict[str, Any]]:
    data = dict(data)
    return list(data.pop("bodies") or []), list(data.pop("offices") or []), data


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    """A new project; from a call (``?call=ID&body=ID``) it starts with the call's title,
    programme and the body whose inbox it came from."""
    if not selectors.may_create_project(request.user):
        raise PermissionDenied
    initial: dict[str, Any] = {}
    call_id = _int(request.GET.get("call"))
    call = Call.objects.select_related("programme").filter(pk=call_id).first() if call_id else None
    if call is not None:
        initial = {"title": call.display_title, "call": call, "programme": call.programme}
        body_id = _int(request.GET.get("body"))
        if body_id:
            initial["bodies"] = [body_id]
    form = ProjectForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        bodies, offices, data = _split(form.cleaned_data)
        try:
            project = services.project_create(
                user=request.user, bodies=bodies, offices=offices, **data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The project is created."))
            return redirect("funding:project_detail", pk=project.pk)
    return render(request, "funding/project_form.html", {"form": form, "call": call})


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        bodies, offices, data = _split(form.cleaned_data)
        try:
            services.project_update(
                project=project, user=request.user, changes=data, bodies=bodies, offices=offices
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("funding:project_detail", pk=pk)
    return render(request, "funding/project_form.html", {"form": form, "project": project})


@login_required
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    form = ProjectStatusForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in ("eu_grant_awarded", "exchange_rate")
            if data.get(name) is not None
        }
        try:
            services.project_set_status(
                project=project,
                user=request.user,
                status=data["status"],
                on=data.get("on"),
                changes=changes,
            )
        except ValidationError as error:
            project.refresh_from_db()
            form_errors(form, error)
        else:
            messages.success(
                request,
                _("The project is now: %(status)s.") % {"status": project.get_status_display()},
            )
            return redirect("funding:project_detail", pk=pk)
    return render(request, "funding/project_status.html", {"form": form, "project": project})


@login_required
@require_POST
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    services.project_delete(project=project, user=request.user)
    messages.success(request, _("The project is deleted."))
    return redirect("funding:project_list")


@dataclass(frozen=True)
class RecordKind:
    model: type[models.Model]
    form: type[ModelForm[Any]]
    heading: Any
    anchor: str


RECORDS = {
    "partner": RecordKind(ProjectPartner, PartnerForm, gettext_lazy("Partner"), "partners"),
    "period": RecordKind(ReportingPeriod, PeriodForm, gettext_lazy("Reporting period"), "periods"),
    "claim": RecordKind(PaymentClaim, ClaimForm, gettext_lazy("Payment claim"), "claims"),
    "result": RecordKind(ProjectResult, ResultForm, gettext_lazy("Result"), "results"),
}


def _record_form(kind: RecordKind, project: Project, request: HttpRequest, record: Any) -> BaseForm:
    extra: dict[str, Any] = {}
    if kind.model is PaymentClaim:
        extra["project"] = project
    if kind.model is ProjectPartner:
        extra["partners"] = relations.partner_choices()
    return kind.form(request.POST or None, instance=record, **extra)


@login_required
def record_form(
    request: HttpRequest, pk: int, kind: str, record_pk: int | None = None
) -> HttpResponse:
    """Add or change a partner, reporting period, payment claim or result of a project."""
    spec = RECORDS.get(kind)
    if spec is None:
        raise Http404
    project = _editable(request, pk)
    record = None
    if record_pk is not None:
        record = get_object_or_404(spec.model, pk=record_pk, project=project)
    form = _record_form(spec, project, request, record)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.record_save(
                model=spec.model, project=project, user=request.user, instance=record, **data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{project_url(pk)}#{spec.anchor}")
    context = {"form": form, "project": project, "heading": spec.heading, "record": record}
    return render(request, "funding/record_form.html", context)


def project_url(pk: int) -> str:
    return reverse("funding:project_detail", kwargs={"pk": pk})


DELETABLE = {
    "partner": ProjectPartner,
    "period": ReportingPeriod,
    "claim": PaymentClaim,
    "result": ProjectResult,
    "document": ProjectDocument,
    "item": ProjectItemLink,
}


@login_required
@require_POST
def record_delete(request: HttpRequest, pk: int, kind: str, record_pk: int) -> HttpResponse:
    model = DELETABLE.get(kind)
    if model is None:
        raise Http404
    project = _editable(request, pk)
    record = get_object_or_404(model, pk=record_pk, project=project)
    services.record_delete(record=record, user=request.user)
    messages.success(request, _("Removed."))
    return redirect("funding:project_detail", pk=pk)


@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                project=project,
                user=request.user,
                upload=data["file"],
                title=data["title"],
                kind_of_document=data["kind_of_document"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The document is kept with the project."))
            return redirect(f"{project_url(pk)}#documents")
    context = {"form": form, "project": project, "heading": _("Document"), "multipart": True}
    return render(request, "funding/record_form.html", context)


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """A project's document as a download; every signed-in user reads the projects."""
    document = get_object_or_404(ProjectDocument, pk=pk)
    if not permissions.can_view(request.user):
        raise PermissionDenied
    return document_response(document)


@login_required
def item_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link an agenda item coded as EU funding to the project; the search narrows the list."""
    project = _editable(request, pk)
    query = (request.GET.get("q") or "").strip()[:200]
    items = list(
        meetings.item_list(meetings.ItemFilters(funding=True, query=query))[:ITEMS_OFFERED]
    )
    form = ItemLinkForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_link_add(
                project=project,
                user=request.user,
                item_id=form.cleaned_data["item"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The agenda item is linked to the project."))
            return redirect(f"{project_url(pk)}#items")
    context = {"form": form, "project": project, "query": query, "items": items}
    return render(request, "funding/item_link_form.html", context)
