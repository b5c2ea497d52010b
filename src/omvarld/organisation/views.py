from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omvarld.core import permissions

from . import selectors, services
from .forms import BodyProfileForm
from .models import Body


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("alla") == "1"
    context = {
        "bodies": selectors.body_list(include_inactive=show_all),
        "offices": selectors.office_list(include_inactive=show_all),
        "show_all": show_all,
        "municipality": selectors.municipality_current(),
    }
    return render(request, "organisation/body_list.html", context)


def _get_body(pk: int) -> Body:
    try:
        return selectors.body_detail(pk=pk)
    except Body.DoesNotExist:
        raise Http404 from None


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = _get_body(pk)
    context = {"body": body, "can_edit": permissions.can_edit(request.user, body)}
    return render(request, "organisation/body_detail.html", context)


@login_required
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = _get_body(pk)
    if not permissions.can_edit(request.user, body):
        raise PermissionDenied
    form = BodyProfileForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        services.body_update_profile(
            body=body,
            description=form.cleaned_data["description"],
            contact_email=form.cleaned_data["contact_email"],
        )
        messages.success(request, _("The changes are saved."))
        return redirect("organisation:body_detail", pk=body.pk)
    return render(request, "organisation/body_edit.html", {"body": body, "form": form})
