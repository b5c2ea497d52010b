from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import User


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own page: role, bodies, offices and API key."""
    user = cast(User, request.user)
    context = {
        "bodies": user.bodies.order_by("name"),
        "offices": user.offices.order_by("name"),
        "has_token": services.token_exists(user=user),
        "new_token": request.session.pop("new_api_token", None),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def token_regenerate(request: HttpRequest) -> HttpResponse:
    """Create or replace the user's API key; it is shown once."""
    request.session["new_api_token"] = services.token_regenerate(user=cast(User, request.user))
    messages.success(request, _("A new API key was created. Copy it now: it is shown only once."))
    return redirect("accounts:profile")
