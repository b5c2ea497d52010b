"""Pages of trip reports (with lessons, ideas and documents, and their history) and of
follow-up actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core.documents import document_response

from .constants import OPEN_ACTION_STATUSES
from .forms import (
    ACTION_ERROR_FIELDS,
    ActionFilterForm,
    ActionForm,
    ContactForm,
    DocumentForm,
    IdeaForm,
    LessonForm,
    ReportForm,
)
from .models import Event, FollowUpAction, Idea, Lesson, ReportDocument, TripReport
from .selectors import access, links
from .selectors.events import report_parts
from .selectors.reminders import action_list_filtered, report_due_on
from .services import reports as services
from .views_common import form_errors, get_event


def _report_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    report_parts(event=event)
    report = getattr(event, "report", None)
    contact_links = list(report.contact_links.all()) if report is not None else []
    partners = links.partners({c.partner_id for c in contact_links})
    contacts = [(partners.get(c.partner_id), c) for c in contact_links]
    return {
        "contacts": contacts,
        "contact_form": ContactForm(prefix="contact") if links.partners_available() else None,
        "event": event,
        "report": report,
        "due_on": report_due_on(event),
        "can_edit": access.can_edit_report(request.user, event),
        "lesson_form": LessonForm(prefix="lesson"),
        "idea_form": IdeaForm(prefix="idea"),
        "document_form": DocumentForm(prefix="document"),
    }


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    context = _report_context(request, event)
    if context["report"] is None and not context["can_edit"]:
        raise Http404
    return render(request, "exchange/report_detail.html", context)


def _report_or_start(request: HttpRequest, event: Event) -> TripReport:
    report: TripReport | None = getattr(event, "report", None)
    return report or services.report_start(event=event, user=request.user)


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the report (purpose, what we learned, contacts); the first save begins it."""
    event = get_event(pk)
    if not access.can_edit_report(request.user, event):
        raise PermissionDenied
    report = getattr(event, "report", None)
    initial = (
        {"purpose": report.purpose, "summary": report.summary, "contacts": report.contacts}
        if report
        else {}
    )
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if report is None:
                services.report_start(event=event, user=request.user, **form.cleaned_data)
            else:
                services.report_update(report=report, user=request.user, changes=form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The trip report is saved."))
            return redirect("exchange:report_detail", pk=event.pk)
    context = {**_report_context(request, event), "form": form}
    return render(request, "exchange/report_form.html", context)


def _part_view(
    request: HttpRequest, pk: int, form_class: type[Any], prefix: str, add: Any, done: str
) -> HttpResponse:
    event = get_event(pk)
    if not access.can_edit_report(request.user, event):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES or None, prefix=prefix)
    if form.is_valid():
        try:
            report = _report_or_start(request, event)
            add(report=report, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("exchange:report_edit", pk=event.pk)
    context = {
        **_report_context(request, event),
        f"{prefix}_form": form,
        "form": ReportForm(initial=_report_initial(event)),
    }
    return render(request, "exchange/report_form.html", context, status=400)


def _report_initial(event: Event) -> dict[str, str]:
    report = getattr(event, "report", None)
    if report is None:
        return {}
    return {"purpose": report.purpose, "summary": report.summary, "contacts": report.contacts}


@login_required
@require_POST
def lesson_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_view(
        request, pk, LessonForm, "lesson", services.lesson_add, _("The lesson is added.")
    )


@login_required
@require_POST
def idea_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _part_view(request, pk, IdeaForm, "idea", services.idea_add, _("The idea is added."))


@login_required
@require_POST
def report_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    def add(*, report: TripReport, user: Any, file: Any, caption: str) -> ReportDocument:
        return services.report_document_add(report=report, user=user, upload=file, caption=caption)

    return _part_view(request, pk, DocumentForm, "document", add, _("The document is added."))


@login_required
@require_POST
def report_contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact made on the trip, registered in the relations register (when installed)."""
    if not links.partners_available():
        raise Http404

    def add(*, report: TripReport, user: Any, **data: Any) -> Any:
        try:
            return services.report_contact_add(report=report, user=user, **data)
        except PermissionDenied:
            raise ValidationError(
                _(
                    "Only coordinators and the officers of the partner's bodies add contacts to "
                    "the relations register. Write the contact under “Contacts made” instead."
                )
            ) from None

    return _part_view(
        request, pk, ContactForm, "contact", add, _("The contact is in the relations register.")
    )


@login_required
@require_POST
def lesson_remove(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = get_object_or_404(Lesson.objects.select_related("report__event"), pk=pk)
    services.lesson_remove(lesson=lesson, user=request.user)
    messages.success(request, _("The lesson is removed."))
    return redirect("exchange:report_edit", pk=lesson.report.event_id)


@login_required
@require_POST
def idea_remove(request: HttpRequest, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea.objects.select_related("report__event"), pk=pk)
    services.idea_remove(idea=idea, user=request.user)
    messages.success(request, _("The idea is removed."))
    return redirect("exchange:report_edit", pk=idea.report.event_id)


@login_required
@require_POST
def report_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ReportDocument.objects.select_related("report__event"), pk=pk)
    services.report_document_remove(document=document, user=request.user)
    messages.success(request, _("The document is removed."))
    return redirect("exchange:report_edit", pk=document.report.event_id)


@login_required
def report_document(request: HttpRequest, pk: int) -> FileResponse:
    """A document of a report, as a download: a submitted report's for every signed-in user, a
    draft's for those who write it."""
    document = get_object_or_404(ReportDocument.objects.select_related("report__event"), pk=pk)
    report = document.report
    if not report.is_submitted and not access.can_edit_report(request.user, report.event):
        raise Http404
    return document_response(document)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    report = getattr(event, "report", None)
    if report is None:
        raise Http404
    try:
        services.report_submit(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("exchange:report_edit", pk=event.pk)
    messages.success(request, _("The trip report is submitted to the body."))
    return redirect("exchange:report_detail", pk=event.pk)


@login_required
def report_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every saved version of the report, newest first, with who changed it and when."""
    event = get_event(pk)
    report = getattr(event, "report", None)
    if report is None:
        raise Http404
    if not report.is_submitted and not access.can_edit_report(request.user, event):
        raise Http404
    versions = list(report.history.select_related("history_user").order_by("-history_date"))
    return render(request, "exchange/report_history.html", {"event": event, "versions": versions})


# --- Follow-up actions --------------------------------------------------------------------------


def _action(pk: int) -> FollowUpAction:
    return get_object_or_404(
        FollowUpAction.objects.select_related(
            "event", "idea", "lesson", "owner", "body", "office", "created_by"
        ),
        pk=pk,
    )


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A follow-up action from an idea (``?idee=ID``) or a lesson (``?lardom=ID``) of the trip."""
    event = get_event(pk)
    allowed = (
        access.can_edit_report(request.user, event)
        or access.event_bodies_for(request.user).exists()
        or access.event_offices_for(request.user).exists()
    )
    if not allowed:
        raise PermissionDenied
    idea = lesson = None
    source = request.GET.get("idee") or request.POST.get("idee")
    if source and source.isdigit():
        idea = get_object_or_404(Idea, pk=int(source), report__event=event)
    source = request.GET.get("lardom") or request.POST.get("lardom")
    if source and source.isdigit():
        lesson = get_object_or_404(Lesson, pk=int(source), report__event=event)
    initial = {
        "title": idea.title if idea else "",
        "description": idea.text if idea else (lesson.text if lesson else ""),
        "body": next(iter(event.bodies.all()), None),
        "owner": request.user.pk,
    }
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                event=event, user=request.user, idea=idea, lesson=lesson, **form.changes()
            )
        except ValidationError as error:
            form_errors(form, error, ACTION_ERROR_FIELDS)
        else:
            messages.success(request, _("The follow-up action is created."))
            return redirect("exchange:action_detail", pk=action.pk)
    context = {"form": form, "event": event, "idea": idea, "lesson": lesson}
    return render(request, "exchange/action_form.html", context)


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    item = links.agenda_items([action.agenda_item_id or 0]).get(action.agenda_item_id or 0)
    initiative = links.initiatives([action.eu_initiative_id or 0]).get(action.eu_initiative_id or 0)
    partner = links.partners([action.partner_id or 0]).get(action.partner_id or 0)
    context = {
        "action": action,
        "partner": partner,
        "agenda_item": item,
        "initiative": initiative,
        "can_edit": access.can_edit_action(request.user, action),
        "overdue": action.status in OPEN_ACTION_STATUSES and action.due_on < timezone.localdate(),
        "history": list(
            action.history.select_related("history_user").order_by("-history_date")[:20]
        ),
    }
    return render(request, "exchange/action_detail.html", context)


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    if not access.can_edit_action(request.user, action):
        raise PermissionDenied
    initial = {
        "title": action.title,
        "description": action.description,
        "owner": action.owner_id,
        "body": action.body_id,
        "office": action.office_id,
        "due_on": action.due_on,
        "status": action.status,
        "outcome": action.outcome,
        "agenda_item": action.agenda_item_id or "",
        "eu_initiative": action.eu_initiative_id or "",
        "partner": action.partner_id,
    }
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, user=request.user, changes=form.changes())
        except ValidationError as error:
            form_errors(form, error, ACTION_ERROR_FIELDS)
        else:
            messages.success(request, _("The follow-up action is saved."))
            return redirect("exchange:action_detail", pk=action.pk)
    context = {"form": form, "event": action.event, "action": action}
    return render(request, "exchange/action_form.html", context)


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None)
    data = form.valid()
    today = timezone.localdate()
    actions = action_list_filtered(
        status=data.get("status") or "",
        body_id=data["body"].pk if data.get("body") else None,
        overdue=bool(data.get("overdue")),
        today=today,
    )
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "today": today}
    return render(request, "exchange/action_list.html", context)
