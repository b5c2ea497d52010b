"""The population pages: the overview, the countries of birth, one country, and the imports."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from omvarld.core import permissions
from omvarld.core.http import HtmxHttpRequest

from . import exports, links, selectors
from .constants import FetchState
from .figures import OVERVIEW_FIGURES, country_figures, overview_figure, overview_figures
from .forms import CountryFilterForm, ImportForm
from .models import Fetch
from .problems import problem_text
from .services import ImportRefusedError, stats_import_upload

View = Callable[..., HttpResponse]


def viewer(view: View) -> View:
    """Logged in with a role: every page here reads official, public statistics."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _place() -> selectors.Place:
    place = selectors.place_current()
    if place is None:
        raise Http404(_("No municipality is set up yet."))
    return place


@viewer
def overview(request: HttpRequest) -> HttpResponse:
    place = _place()
    context = {
        "place": place,
        "figures": overview_figures(place),
        "has_figures": selectors.has_figures(),
        "can_manage": permissions.can_manage(request.user),
        "section": "overview",
    }
    return render(request, "population/overview.html", context)


@viewer
def overview_export(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in OVERVIEW_FIGURES or fmt not in exports.FORMATS:
        raise Http404
    place = _place()
    return exports.figure_export(
        overview_figure(name, place), fmt=fmt, name=f"befolkning-{place.code}-{name}"
    )


@viewer
def country_list(request: HttpRequest) -> HttpResponse:
    place = _place()
    form = CountryFilterForm(request.GET or None)
    group = form.group_or_none()
    if form.is_bound and form.errors:
        messages.warning(request, _("The filter was not understood; all countries are shown."))
    year = selectors.latest_year()
    latest = selectors.latest_by_country(place.code, year) if year else {}
    countries = list(selectors.country_list(group=group))
    rows = sorted(
        ((c, latest.get(c.key)) for c in countries),
        key=lambda pair: (-(pair[1] or 0), pair[0].name_sv),
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {"place": place, "form": form, "page": page, "year": year, "section": "countries"}
    return render(request, "population/country_list.html", context)


@viewer
def country_detail(request: HttpRequest, key: str) -> HttpResponse:
    place = _place()
    country = selectors.country_by_key(key)
    if country is None:
        raise Http404
    context = {
        "place": place,
        "country": country,
        "figures": country_figures(place, country),
        "related": links.related_in_country(country),
        "section": "countries",
    }
    return render(request, "population/country_detail.html", context)


@viewer
def country_export(request: HttpRequest, key: str, name: str, fmt: str) -> HttpResponse:
    place = _place()
    country = selectors.country_by_key(key)
    if country is None or fmt not in exports.FORMATS:
        raise Http404
    figure = next((f for f in country_figures(place, country) if f.name == name), None)
    if figure is None:
        raise Http404
    return exports.figure_export(
        figure, fmt=fmt, name=f"befolkning-{place.code}-{country.key.lower()}-{name}"
    )


def _manager(request: HttpRequest) -> None:
    if not permissions.can_manage(request.user):
        raise PermissionDenied


@viewer
def import_start(request: HttpRequest) -> HttpResponse:
    """The upload form (coordinators), the fetches and imports so far, the tables known."""
    can_manage = permissions.can_manage(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        _manager(request)
        if form.is_valid():
            try:
                fetch = stats_import_upload(file=form.cleaned_data["file"], user=request.user)
            except ImportRefusedError as exc:
                form.add_error("file", exc.reason)
            else:
                return redirect("population:fetch_detail", pk=fetch.pk)
    page = Paginator(selectors.fetch_list(), 25).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "tables": selectors.table_list(),
        "can_manage": can_manage,
        "section": "import",
    }
    return render(request, "population/import.html", context)


@viewer
def fetch_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A fetch's provenance and outcome; polled by HTMX while its import runs."""
    fetch = get_object_or_404(selectors.fetch_list(), pk=pk)
    running = fetch.state in (FetchState.QUEUED, FetchState.RUNNING)
    context = {
        "fetch": fetch,
        "running": running,
        "problems": [(item, problem_text(item)) for item in fetch.problems],
        "section": "import",
    }
    template = "population/_fetch_progress.html" if request.htmx else "population/fetch.html"
    return render(request, template, context)


@viewer
def fetch_payload(request: HttpRequest, pk: int) -> HttpResponse:
    """The raw payload as SCB gave it (or as the file held it), for anyone to check a figure."""
    fetch = get_object_or_404(Fetch, pk=pk)
    response = HttpResponse(fetch.payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scb-fetch-{fetch.pk}.json"'
    return response
