"""The register, the map, a partner's page and a body's partners and activities."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser
from omvarld.organisation.models import Body

from . import selectors, services
from .constants import ViewChannel
from .defaults import home_place
from .exports import FORMATS, partners_export
from .filters import PartnerFilter
from .forms import PartnerForm
from .models import Partner
from .privacy import contact_views_record

PAGE_SIZE = 50


def _partner(pk: int) -> Partner:
    try:
        return selectors.partner_detail(pk=pk)
    except Partner.DoesNotExist:
        raise Http404 from None


def may_add(user: AnyUser) -> bool:
    """Coordinators, and officers for one of their own bodies or offices, add records."""
    bodies, offices = permissions.member_ids(user)
    return services.may_create(user, body_ids=bodies, office_ids=offices)


def _filtered(request: HttpRequest) -> PartnerFilter:
    data = request.GET.copy()
    for key in ("page", "format"):
        data.pop(key, None)
    return PartnerFilter(data or None, queryset=selectors.partner_list())


def _say_problems(request: HttpRequest, filters: PartnerFilter) -> None:
    problems = filters.problems()
    if problems:
        messages.warning(
            request,
            _("Some filters could not be used and were left out: %(problems)s")
            % {"problems": "; ".join(problems)},
        )


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    filters = _filtered(request)
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return partners_export(partners=filters.qs.prefetch_related("areas"), fmt=fmt)
    _say_problems(request, filters)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "can_add": may_add(request.user),
    }
    return render(request, "relations/partner_list.html", context)


@login_required
def partner_map(request: HttpRequest) -> HttpResponse:
    filters = _filtered(request)
    _say_problems(request, filters)
    partners = list(filters.qs)
    view = selectors.map_view(partners=partners, home=home_place(), tile_url=settings.MAP_TILE_URL)
    query = request.GET.urlencode()
    context = {
        "filters": filters,
        "map": view,
        "query": query,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return render(request, "relations/partner_map.html", context)


@login_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(pk)
    page = selectors.partner_page(partner=partner, user=request.user, today=timezone.localdate())
    if page.contacts:
        contact_views_record(
            user=request.user, contacts=page.contacts, channel=ViewChannel.PARTNER_PAGE
        )
    context = {
        "page": page,
        "partner": partner,
        "can_edit": permissions.can_edit(request.user, partner),
        "can_manage": permissions.can_manage(request.user),
        "can_add_activity": may_add(request.user),
    }
    return render(request, "relations/partner_detail.html", context)


def _partner_form_page(
    request: HttpRequest, form: PartnerForm, partner: Partner | None, duplicate: Partner | None
) -> HttpResponse:
    context = {"form": form, "partner": partner, "duplicate": duplicate}
    return render(request, "relations/partner_form.html", context)


@login_required
def partner_create(request: HttpRequest) -> HttpResponse:
    if not may_add(request.user):
        raise PermissionDenied
    own = permissions.member_ids(request.user)[0]
    form = PartnerForm(request.POST or None, initial={"bodies": sorted(own)})
    duplicate = None
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            partner = services.partner_create(user=request.user, **values)
        except services.DuplicatePartnerError as error:
            duplicate = error.existing
            form.add_error(None, error.messages)
        except ValidationError as error:
            form.put_errors(error)
        except PermissionDenied:
            form.add_error("bodies", _("Make one of your own bodies or offices responsible."))
        else:
            messages.success(request, _("The partner is added to the register."))
            return redirect(partner)
    return _partner_form_page(request, form, None, duplicate)


@login_required
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _partner(pk)
    if not permissions.can_edit(request.user, partner):
        raise PermissionDenied
    form = PartnerForm(request.POST or None, initial=PartnerForm.initial_for(partner))
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(partner=partner, user=request.user, changes=form.values())
        except services.DuplicatePartnerError as error:
            duplicate = error.existing
            form.add_error(None, error.messages)
        except ValidationError as error:
            form.put_errors(error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(partner)
    return _partner_form_page(request, form, partner, duplicate)


@login_required
@require_POST
def partner_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    try:
        services.partner_delete(partner=partner, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(partner)
    messages.success(request, _("The partner is removed from the register."))
    return redirect("relations:partner_list")


@login_required
def body_index(request: HttpRequest) -> HttpResponse:
    own, _offices = permissions.member_ids(request.user)
    bodies = list(Body.objects.active_on().order_by("name"))
    context = {"own": [b for b in bodies if b.pk in own], "bodies": bodies}
    return render(request, "relations/body_index.html", context)


@login_required
def body_overview(request: HttpRequest, body_id: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    overview = selectors.body_overview(body=body, today=timezone.localdate())
    context = {"overview": overview, "body": body, "today": timezone.localdate()}
    return render(request, "relations/body_overview.html", context)
