"""Users managed inside the platform: administrators manage everyone, coordinators invite and
manage officers and readers. Every check is in :mod:`omvarld.core.permissions`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omvarld.core import permissions

from . import selectors, services
from .forms import UserForm
from .models import User


def _manager(request: HttpRequest) -> None:
    if not permissions.can_invite_users(request.user):
        raise PermissionDenied


def _form_errors(form: UserForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _manager(request)
    page = Paginator(selectors.user_list(), 50).get_page(request.GET.get("page"))
    rows = [
        {
            "user": user,
            "invited": services.user_is_invited(user),
            "can_manage": permissions.can_manage_user(request.user, user),
        }
        for user in page.object_list
    ]
    return render(request, "accounts/user_list.html", {"page": page, "rows": rows})


@login_required
def user_invite(request: HttpRequest) -> HttpResponse:
    _manager(request)
    roles = permissions.roles_user_may_give(request.user)
    form = UserForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(
                actor=request.user, base_url=_base_url(request), **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("%(email)s is invited: an e-mail with a link to choose a password is on its way.")
                % {"email": user.email},
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "inviting": True})


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    user = get_object_or_404(User, pk=pk)
    if not permissions.can_manage_user(request.user, user):
        raise PermissionDenied
    initial: dict[str, Any] = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "bodies": list(user.bodies.all()),
        "offices": list(user.offices.all()),
    }
    roles = permissions.roles_user_may_give(request.user)
    form = UserForm(request.POST or None, initial=initial, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("accounts:user_list")
    context = {
        "form": form,
        "edited": user,
        "invited": services.user_is_invited(user),
        "inviting": False,
    }
    return render(request, "accounts/user_form.html", context)


@login_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    services.user_set_active(actor=request.user, user=user, active=active)
    if active:
        messages.success(request, _("%(name)s can sign in again.") % {"name": user.display_name})
    else:
        messages.success(
            request,
            _("%(name)s is deactivated and can no longer sign in.") % {"name": user.display_name},
        )
    return redirect("accounts:user_list")


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    user = get_object_or_404(User, pk=pk)
    try:
        services.invitation_resend(actor=request.user, user=user, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("A new invitation was sent to %(email)s.") % {"email": user.email}
        )
    return redirect("accounts:user_edit", pk=user.pk)
