"""Import pages (being written)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    return redirect("meetings:meeting_list")
