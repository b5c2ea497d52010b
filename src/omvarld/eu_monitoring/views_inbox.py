"""EU-monitoring pages (being written)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    return redirect("core:home")
