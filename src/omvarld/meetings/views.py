"""Meeting pages: meetings, the item list with search, one item with its evidence and review."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld import euimpact
from omvarld.accounts.constants import Role
from omvarld.core import permissions
from omvarld.core.http import HtmxHttpRequest
from omvarld.knowledge.models import PolicyArea
from omvarld.knowledge.selectors import knowledge_revision

from . import selectors, services
from .constants import CODING_PARTS
from .forms import ItemFilterForm, MeetingFilterForm, ReviewForm
from .models import AgendaItem, Meeting
from .tasks import reanalyse_items


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET)
    body_id = form.body_id()
    meetings = selectors.meeting_list(body_id=body_id)
    page = Paginator(meetings, 50).get_page(request.GET.get("page"))
    can_manage = permissions.can_manage(request.user)
    context = {
        "form": form,
        "page": page,
        "bodies": form.fields["body"].queryset,  # type: ignore[attr-defined]
        "body_id": str(body_id or ""),
        "can_manage": can_manage,
    }
    if can_manage:
        # Offered after an edit of the knowledge base or a new engine: how many items a new
        # analysis would code with what is current now.
        revision = knowledge_revision()
        context["knowledge_revision"] = revision
        context["outdated"] = selectors.analyses_outdated_count(
            engine_version=euimpact.__version__, knowledge_revision=revision
        )
    return render(request, "meetings/meeting_list.html", context)


@login_required
@require_POST
def reanalyse(request: HttpRequest) -> HttpResponse:
    """Queue a new analysis of every item with the current engine (coordinators)."""
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    reanalyse_items.enqueue(body_id=None)
    messages.success(
        request, _("A new analysis of every agenda item is queued; earlier results are kept.")
    )
    return redirect("core:task_list")


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_detail(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    rows = []
    for item in meeting.items.all():
        analysis = item.current[0] if item.current else None  # type: ignore[attr-defined]
        evidence = analysis.evidence if analysis else []
        rows.append(
            {
                "item": item,
                "analysis": analysis,
                "parts": selectors.highlighted(item.text, evidence),
                "evidence": _with_links(evidence),
            }
        )
    context = {
        "meeting": meeting,
        "rows": rows,
        "can_review": permissions.can_edit(request.user, meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _with_links(evidence: list[dict[str, object]]) -> list[dict[str, object]]:
    out = []
    for e in evidence:
        kind, url = selectors.reference_link(str(e.get("ref", "")))
        out.append({**e, "ref_kind": kind, "url": url})
    return out


@login_required
def item_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ItemFilterForm(request.GET or None)
    items = selectors.item_list(form.filters())
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    template = "meetings/_item_rows.html" if request.htmx else "meetings/item_list.html"
    return render(request, template, context)


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        item = selectors.item_detail(pk=pk)
    except AgendaItem.DoesNotExist:
        raise Http404 from None
    can_review = permissions.can_edit(request.user, item)
    analyses = list(item.analyses.all())
    current = next((a for a in analyses if a.is_current), None)
    reviews = list(item.reviews.all())
    latest = reviews[0] if reviews else None
    initial_source = latest or current
    initial = (
        {
            "eu": initial_source.eu,
            "kind": initial_source.kind,
            "funding": initial_source.funding,
            "areas": initial_source.areas,
        }
        if initial_source
        else {}
    )
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        if form.is_valid():
            services.item_review(
                item=item,
                reviewer=request.user,
                kind=form.cleaned_data["kind"],
                eu=form.cleaned_data["eu"],
                funding=form.cleaned_data["funding"],
                areas=form.cleaned_data["areas"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("The review is saved."))
            return redirect("meetings:item_detail", pk=item.pk)
    evidence = current.evidence if current else []
    differs = selectors.coding_differences(latest, current) if latest and current else []
    area_labels = dict(PolicyArea.objects.values_list("code", "label_sv"))
    context = {
        "item": item,
        "current": current,
        "analyses": analyses,
        "reviews": reviews,
        "latest_review": latest,
        "latest_areas": [area_labels.get(c, c) for c in latest.areas] if latest else [],
        "engine_areas": [area_labels.get(c, c) for c in current.areas] if current else [],
        "differs": [CODING_PARTS[name] for name in differs],
        "confidence": selectors.confidence_level(current.confidence) if current else "",
        "parts": selectors.highlighted(item.text, evidence),
        "evidence": _with_links(evidence),
        "form": form,
        "can_review": can_review,
        "why_no_review": "" if can_review else _why_no_review(request, item),
    }
    return render(request, "meetings/item_detail.html", context)


def _why_no_review(request: HttpRequest, item: AgendaItem) -> str:
    """Why this user sees no review form, in a sentence."""
    body = item.meeting.body.name
    if permissions.role_of(request.user) == Role.OFFICER:
        return _(
            "You cannot review this item: officers of %(body)s and coordinators review its "
            "coding, and you are not a member of %(body)s."
        ) % {"body": body}
    return _(
        "You cannot review items as a reader: officers of %(body)s and coordinators review "
        "this item's coding."
    ) % {"body": body}


@login_required
def review_report(request: HttpRequest) -> HttpResponse:
    rows = selectors.disagreement_rows(selectors.review_disagreements())
    disagreements = [
        {**r, "differs": [CODING_PARTS[name] for name in r["differs"]]}
        for r in rows
        if r["differs"]
    ]
    context = {"rows": disagreements, "reviewed": len(rows), "changed": len(disagreements)}
    return render(request, "meetings/review_report.html", context)


@login_required
def review_export(request: HttpRequest) -> HttpResponse:
    """Every reviewed item as JSONL in the engine's evaluation shape."""
    records = selectors.labelled_records(selectors.review_disagreements())
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    response = HttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="granskade-arenden.jsonl"'
    return response
