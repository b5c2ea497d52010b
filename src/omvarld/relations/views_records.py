"""Memberships, agreements with their documents, and activities."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.core.documents import document_response
from omvarld.organisation.models import Body

from . import selectors, services
from .filters import ActivityFilter
from .forms import ActivityForm, AgreementForm, DocumentForm, MembershipForm, RecordForm
from .models import Activity, Agreement, AgreementDocument, Membership, Partner
from .views import may_add


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _form_page(
    request: HttpRequest,
    form: RecordForm | DocumentForm,
    title: str,
    back: Model | None,
    **extra: Any,
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "relations/record_form.html", context)


# --- Memberships -------------------------------------------------------------------------------


@login_required
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    _require(permissions.can_edit(request.user, partner) or may_add(request.user))
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(user=request.user, partner=partner, **form.values())
        except ValidationError as error:
            form.put_errors(error)
        except PermissionDenied:
            form.add_error("body", _("Choose one of your own bodies as responsible."))
        else:
            messages.success(request, _("The membership is recorded."))
            return redirect(partner)
    title = _("New membership of %(network)s") % {"network": partner}
    return _form_page(request, form, title, partner)


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("partner"), pk=pk)
    _require(permissions.can_edit(request.user, membership))
    initial = {name: getattr(membership, name) for name in services.MEMBERSHIP_FIELDS}
    form = MembershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=membership, user=request.user, changes=form.values()
            )
        except ValidationError as error:
            form.put_errors(error)
        except PermissionDenied:
            form.add_error("body", _("Choose one of your own bodies as responsible."))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(membership.partner)
    title = _("Membership of %(network)s") % {"network": membership.partner}
    delete_url = (
        reverse("relations:membership_delete", kwargs={"pk": membership.pk})
        if permissions.can_manage(request.user)
        else ""
    )
    return _form_page(request, form, title, membership.partner, delete_url=delete_url)


@login_required
@require_POST
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("partner"), pk=pk)
    services.membership_delete(membership=membership, user=request.user)
    messages.success(request, _("The membership is removed."))
    return redirect(membership.partner)


# --- Agreements --------------------------------------------------------------------------------


def _agreement(pk: int) -> Agreement:
    try:
        return selectors.agreement_detail(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


@login_required
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    _require(permissions.can_edit(request.user, partner) or may_add(request.user))
    form = AgreementForm(request.POST or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        others = values.pop("other_partners")
        try:
            agreement = services.agreement_create(
                user=request.user, partner=partner, other_partners=others, **values
            )
        except ValidationError as error:
            form.put_errors(error)
        except PermissionDenied:
            form.add_error("body", _("Choose one of your own bodies as responsible."))
        else:
            messages.success(request, _("The agreement is recorded; add its documents here."))
            return redirect(agreement)
    title = _("New agreement with %(partner)s") % {"partner": partner}
    return _form_page(request, form, title, partner)


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(pk)
    can_edit = permissions.can_edit(request.user, agreement)
    context = {
        "agreement": agreement,
        "can_edit": can_edit,
        "can_manage": permissions.can_manage(request.user),
        "document_form": DocumentForm() if can_edit else None,
    }
    return render(request, "relations/agreement_detail.html", context)


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(pk)
    _require(permissions.can_edit(request.user, agreement))
    initial: dict[str, Any] = {name: getattr(agreement, name) for name in services.AGREEMENT_FIELDS}
    initial["other_partners"] = list(agreement.other_partners.all())
    form = AgreementForm(request.POST or None, initial=initial, partner=agreement.partner)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        others = values.pop("other_partners")
        try:
            services.agreement_update(
                agreement=agreement, user=request.user, changes=values, other_partners=others
            )
        except ValidationError as error:
            form.put_errors(error)
        except PermissionDenied:
            form.add_error("body", _("Choose one of your own bodies as responsible."))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(agreement)
    return _form_page(request, form, agreement.title, agreement)


@login_required
@require_POST
def agreement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(pk)
    services.agreement_delete(agreement=agreement, user=request.user)
    messages.success(request, _("The agreement is removed."))
    return redirect(agreement.partner)


@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(pk)
    _require(permissions.can_edit(request.user, agreement))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_document_add(
                agreement=agreement,
                user=request.user,
                upload=form.cleaned_data["upload"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("The document is kept with the agreement."))
            return redirect(agreement)
    title = _("Add a document to %(agreement)s") % {"agreement": agreement}
    return _form_page(request, form, title, agreement, multipart=True)


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """An agreement's document as an attachment; every signed-in user reads agreements."""
    document = get_object_or_404(AgreementDocument, pk=pk)
    _require(permissions.can_view(request.user))
    return document_response(document)


@login_required
@require_POST
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(AgreementDocument.objects.select_related("agreement"), pk=pk)
    services.agreement_document_remove(document=document, user=request.user)
    messages.success(request, _("The document is removed."))
    return redirect(document.agreement)


# --- Activities --------------------------------------------------------------------------------


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data.pop("page", None)
    filters = ActivityFilter(data or None, queryset=selectors.activity_list())
    problems = filters.problems()
    if problems:
        messages.warning(
            request,
            _("Some filters could not be used and were left out: %(problems)s")
            % {"problems": "; ".join(problems)},
        )
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "can_add": may_add(request.user)}
    return render(request, "relations/activity_list.html", context)


def _activity_bodies(request: HttpRequest) -> Any:
    """Coordinators record for any body; officers for their own."""
    bodies = Body.objects.active_on().order_by("name")
    if permissions.is_coordinator(request.user):
        return bodies
    return bodies.filter(pk__in=permissions.member_ids(request.user)[0])


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    _require(may_add(request.user))
    initial: dict[str, Any] = {"starts": timezone.localdate()}
    partner_id = request.GET.get("partner", "")
    if partner_id.isdigit():
        initial["partners"] = [int(partner_id)]
    form = ActivityForm(request.POST or None, initial=initial, bodies=_activity_bodies(request))
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            activity = services.activity_create(user=request.user, **values)
        except ValidationError as error:
            form.put_errors(error)
        except PermissionDenied:
            form.add_error("bodies", _("Choose one of your own bodies or offices."))
        else:
            messages.success(request, _("The activity is recorded."))
            return redirect(activity)
    return _form_page(request, form, _("New activity"), None, cancel="relations:activity_list")


def _activity(pk: int) -> Activity:
    try:
        return selectors.activity_detail(pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    contacts = [c for c in activity.contacts.all() if permissions.can_edit(request.user, c.partner)]
    context = {
        "activity": activity,
        "contacts": contacts,
        "can_edit": permissions.can_edit(request.user, activity),
        "can_manage": permissions.can_manage(request.user),
    }
    return render(request, "relations/activity_detail.html", context)


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    _require(permissions.can_edit(request.user, activity))
    initial: dict[str, Any] = {name: getattr(activity, name) for name in services.ACTIVITY_FIELDS}
    for name in ("partners", "bodies", "offices", "participants"):
        initial[name] = list(getattr(activity, name).all())
    # Every body is offered: an activity may belong to other bodies too, and the service
    # keeps an officer from handing it over to bodies that are not theirs.
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, user=request.user, changes=form.values())
        except ValidationError as error:
            form.put_errors(error)
        except PermissionDenied:
            form.add_error("bodies", _("Choose one of your own bodies or offices."))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(activity)
    return _form_page(request, form, activity.title, activity)


@login_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    services.activity_delete(activity=activity, user=request.user)
    messages.success(request, _("The activity is removed."))
    return redirect("relations:activity_list")
