from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from omvarld.core.http import HtmxHttpRequest

from . import selectors
from .constants import ActType
from .models import EUAct


@login_required
def act_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    area = request.GET.get("area", "")
    act_type = request.GET.get("type", "")
    acts = selectors.act_list(query=query, area=area, act_type=act_type)
    page = Paginator(acts, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "area": area,
        "act_type": act_type,
        "areas": selectors.area_list(),
        "types": ActType.choices,
        "files": selectors.file_versions(),
    }
    template = "knowledge/_act_rows.html" if request.htmx else "knowledge/act_list.html"
    return render(request, template, context)


@login_required
def act_detail(request: HttpRequest, celex: str) -> HttpResponse:
    try:
        act = selectors.act_detail(celex=celex)
    except EUAct.DoesNotExist:
        raise Http404 from None
    return render(request, "knowledge/act_detail.html", {"act": act})


@login_required
def statute_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    area = request.GET.get("area", "")
    statutes = selectors.statute_list(query=query, area=area)
    page = Paginator(statutes, 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "area": area, "areas": selectors.area_list()}
    return render(request, "knowledge/statute_list.html", context)
