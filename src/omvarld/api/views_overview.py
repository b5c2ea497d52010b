"""The API's pages for people: the overview of every endpoint, and the browsable root."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, URLResolver
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.generators import SchemaGenerator
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView

from .pagination import MAX_PAGE_SIZE, PAGE_SIZE

_METHODS = ("get", "post", "put", "patch", "delete")

#: What each endpoint gives, in a sentence or two for people; an endpoint not listed here (an app
#: added later) is described by the first sentence of its own documentation, in English.
DESCRIPTIONS: dict[str, str | Promise] = {
    "/api/v1/municipalities/": _("The municipality the platform serves."),
    "/api/v1/municipalities/{id}/": _("One municipality: its name and code."),
    "/api/v1/bodies/": _(
        "The council, the executive board, the committees and the municipal companies. "
        "Coordinators add and change them."
    ),
    "/api/v1/bodies/{id}/": _("One body: its name, kind, areas, term and predecessors."),
    "/api/v1/offices/": _("The offices and the bodies they serve."),
    "/api/v1/offices/{id}/": _("One office and the bodies it serves."),
    "/api/v1/goals/": _(
        "The goals of the programme for international work, each with its source; plans, events "
        "and trip reports refer to them. Coordinators add and change them."
    ),
    "/api/v1/goals/{id}/": _("One programme goal with its kind, description and source."),
    "/api/v1/eu-acts/": _("The EU acts of the knowledge base, by CELEX number."),
    "/api/v1/eu-acts/{celex}/": _(
        "One EU act: its titles, type, dates, areas and link to EUR-Lex."
    ),
    "/api/v1/statutes/": _(
        "The Swedish statutes of the knowledge base and the EU acts they implement."
    ),
    "/api/v1/statutes/{sfs}/": _(
        "One Swedish statute by its SFS number, with the EU acts it implements."
    ),
    "/api/v1/meetings/": _(
        "The meetings analysed, with their numbers of items per EU code. Filter by body and year."
    ),
    "/api/v1/meetings/{id}/": _("One meeting and its numbers of items per EU code."),
    "/api/v1/items/": _(
        "The agenda items with their coding (the reviewed one where there is one). Filter by "
        "body, dates, EU code, kind, area and review, or search their text."
    ),
    "/api/v1/items/{id}/": _("One agenda item with its coding."),
    "/api/v1/items/{id}/analyses/": _(
        "Every analysis of an item by the engine, the current first."
    ),
    "/api/v1/items/{id}/reviews/": _(
        "An item's reviews, newest first; officers of its body and coordinators add one to "
        "confirm or correct the coding."
    ),
    "/api/v1/statistics/": _(
        "The shares of EU law, EU policy and no EU influence per year, body and area, among all "
        "items and among substantive items, with the national studies' figures."
    ),
    "/api/v1/eu-initiatives/": _(
        "The EU initiatives followed, with their areas, the acts they change and the bodies they "
        "are routed to. Filter by text, area, stage, body and open feedback."
    ),
    "/api/v1/eu-initiatives/{id}/": _("One EU initiative with its areas, acts and routings."),
    "/api/v1/eu-stages/": _("The stages the initiatives reached, with their dates and sources."),
    "/api/v1/eu-stages/{id}/": _("One stage of an initiative, with its documents."),
    "/api/v1/eu-feedback-windows/": _(
        "The periods in which the Commission takes feedback, by closing date."
    ),
    "/api/v1/eu-feedback-windows/{id}/": _("One feedback window."),
    "/api/v1/eu-assessments/": _(
        "The bodies' assessments of initiatives; officers of the body and coordinators add and "
        "change them."
    ),
    "/api/v1/eu-assessments/{id}/": _("One body's assessment of an initiative."),
    "/api/v1/eu-actions/": _(
        "The influence log: what the municipality did about initiatives. Officers record actions "
        "for their bodies, coordinators for any."
    ),
    "/api/v1/eu-actions/{id}/": _(
        "One influence action; its document downloads from the address in document."
    ),
    "/api/v1/partners/": _(
        "The partner register: twin towns, networks, organisations and others. Filter by text, "
        "kind, relation, country, status, body and area."
    ),
    "/api/v1/partners/{id}/": _("One partner with its bodies, areas and place."),
    "/api/v1/memberships/": _("The memberships of networks, with their renewal and notice dates."),
    "/api/v1/memberships/{id}/": _("One membership of a network."),
    "/api/v1/agreements/": _(
        "The agreements with partners, with the addresses of their documents."
    ),
    "/api/v1/agreements/{id}/": _("One agreement with its dates and documents."),
    "/api/v1/activities/": _(
        "The activities with partners; officers record their own bodies'. Filter by kind, body, "
        "year and partner."
    ),
    "/api/v1/activities/{id}/": _("One activity with a partner."),
    "/api/v1/contacts/": _(
        "The contact people at partners: personal data, shown only to coordinators and to "
        "officers of the partner's bodies and offices."
    ),
    "/api/v1/contacts/{id}/": _("One contact person at a partner."),
    "/api/v1/plans/": _(
        "The plans for international work per body or office and year, with their counts of "
        "activities. A new plan copies the latest earlier one; officers plan for their own bodies "
        "and offices. Filter by year, body and office."
    ),
    "/api/v1/plans/{id}/": _("One plan with its summary, adoption day and counts of activities."),
    "/api/v1/plan-activities/": _(
        "The activities of the plans, each tied to programme goals. Filter by plan, status, goal "
        "and year."
    ),
    "/api/v1/plan-activities/{id}/": _(
        "One activity of a plan: its goals, responsible, resources, dates, status and outcome."
    ),
    "/api/v1/indicators/": _(
        "The indicators of the yearly follow-up, computed from the registers, for a body or the "
        "whole municipality and a year, each with its definition."
    ),
    "/api/v1/annual-reports/": _(
        "The annual follow-up reports per body and year; an adopted report keeps the numbers of "
        "the day it was adopted."
    ),
    "/api/v1/annual-reports/{id}/": _("One annual follow-up report with its content."),
    "/api/v1/population/tables/": _(
        "The tables of Statistics Sweden the population figures come from, with their update "
        "times and notes."
    ),
    "/api/v1/population/tables/{table_id}/": _("One table of Statistics Sweden."),
    "/api/v1/population/countries/": _(
        "The countries of birth in Statistics Sweden's classification, with their ISO codes and "
        "groups."
    ),
    "/api/v1/population/countries/{key}/": _("One country of birth."),
    "/api/v1/population/figures/": _(
        "Every population figure as Statistics Sweden published it, with its table and fetch."
    ),
    "/api/v1/population/figures/{id}/": _("One population figure."),
    "/api/v1/funding-programmes/": _(
        "The EU and national funding programmes, with their managing authorities, areas and "
        "sources."
    ),
    "/api/v1/funding-programmes/{code}/": _("One funding programme by its code."),
    "/api/v1/funding-calls/": _(
        "The calls for proposals, with their dates, budgets, provenance and the bodies they "
        "match. Filter by programme, status, body, area and text."
    ),
    "/api/v1/funding-calls/{id}/": _("One call for proposals with the bodies it matches."),
    "/api/v1/funding-projects/": _(
        "The municipality's EU projects with their budgets, partners and bodies. Coordinators "
        "and officers of the project's bodies add and change them."
    ),
    "/api/v1/funding-projects/{id}/": _(
        "One project with its budget, partners, reporting periods and payment claims."
    ),
    "/api/v1/funding-projects/{id}/status/": _(
        "Move a project to a new status, with the date and, for a decision, the amount."
    ),
    "/api/v1/funding-periods/": _(
        "The projects' reporting periods with the dates their reports are due."
    ),
    "/api/v1/funding-periods/{id}/": _("One reporting period of a project."),
    "/api/v1/funding-claims/": _("The projects' payment claims with their due dates and amounts."),
    "/api/v1/funding-claims/{id}/": _("One payment claim of a project."),
    "/api/v1/funding-portfolio/": _(
        "The portfolio's figures: applications, success rate, EU funds granted and received and "
        "own co-financing, in total and per year, programme and body."
    ),
    "/api/v1/exchange-events/": _(
        "Conferences, fairs, network meetings, study visits, courses and webinars, with their "
        "bodies, areas and programme goals. Officers register their own bodies'. Filter by kind, "
        "body, country, year and coming."
    ),
    "/api/v1/exchange-events/{id}/": _("One event; coordinators delete an event."),
    "/api/v1/exchange-participations/": _(
        "Who takes part in an event: users or named guests, with their role. Guests' contact "
        "details and costs per person only for those who edit the event."
    ),
    "/api/v1/exchange-participations/{id}/": _("One participation with its costs."),
    "/api/v1/exchange-participations/{id}/approve/": _(
        "Approves a participation; nobody approves their own."
    ),
    "/api/v1/exchange-costs/": _(
        "Costs per person and paying body in Swedish kronor: only for those who edit the event."
    ),
    "/api/v1/exchange-costs/{id}/": _("One cost of a participation."),
    "/api/v1/exchange-reports/": _(
        "The trip reports the user may read: submitted ones for everybody, drafts for those who "
        "write them. Filter by event, status and body."
    ),
    "/api/v1/exchange-reports/{id}/": _(
        "One trip report; a submitted report can still change and keeps its history."
    ),
    "/api/v1/exchange-reports/{id}/submit/": _("Submits a trip report."),
    "/api/v1/exchange-lessons/": _("The lessons of trip reports, each in an area."),
    "/api/v1/exchange-lessons/{id}/": _("One lesson of a trip report."),
    "/api/v1/exchange-ideas/": _("The ideas to bring home from trip reports."),
    "/api/v1/exchange-ideas/{id}/": _("One idea of a trip report."),
    "/api/v1/exchange-actions/": _(
        "Follow-up actions from ideas and lessons, with owner, due date and status. Filter by "
        "event, status, body, owner and past due."
    ),
    "/api/v1/exchange-actions/{id}/": _("One follow-up action and its outcome."),
}

_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.S)


def _first_sentence(text: str) -> str:
    """The first whole sentence of a text (the whole first paragraph if it has no full stop)."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    match = _SENTENCE.match(paragraph)
    return match.group(1) if match else paragraph


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per path of the schema: its methods and its description, Swedish where given."""
    rows = []
    for api_path, item in schema.get("paths", {}).items():
        methods = [m for m in _METHODS if m in item]
        if not methods:
            continue
        described = DESCRIPTIONS.get(api_path)
        english = (
            ""
            if described
            else _first_sentence(
                next(
                    (item[m].get("description", "") for m in methods if item[m].get("description")),
                    "",
                )
            )
        )
        rows.append(
            {
                "path": api_path,
                "methods": [m.upper() for m in methods],
                "description": described or english,
                "english": bool(english),
            }
        )
    return rows


@login_required
def api_overview(request: HttpRequest) -> HttpResponse:
    """An accessible page listing every endpoint of the OpenAPI schema, and how to authenticate."""
    generator = SchemaGenerator(patterns=None)  # type: ignore[no-untyped-call]
    schema = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    context = {
        "endpoints": endpoints(schema),
        "version": schema["info"]["version"],
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }
    return render(request, "api/overview.html", context)


def _resources(patterns: list[Any], prefix: str = "") -> dict[str, str]:
    """The list routes (``*-list``) among the URL patterns, by their path under /api/v1/."""
    found: dict[str, str] = {}
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            found.update(_resources(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern) and (pattern.name or "").endswith("-list"):
            if "(?P<format>" in route or "<drf_format_suffix" in route:
                continue  # the same list with a .json suffix
            found.setdefault(route.rstrip("$").strip("/"), pattern.name or "")
    return found


class OmvarldAPIRoot(APIRootView):
    """Every resource of the API, as links (the browsable root): every list route of /api/v1/,
    whichever app includes it, and the statistics."""

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from . import urls

        names = _resources(urls.urlpatterns)
        names["statistics"] = "statistics"
        links = {
            key: reverse(f"api:{name}", request=request, format=kwargs.get("format"))
            for key, name in sorted(names.items())
        }
        return Response(links)

    def get_view_name(self) -> str:
        return gettext("The Omvärld REST API")

    def get_view_description(self, html: bool = False) -> str:
        text = gettext(
            "The REST API of Omvärld: the municipality's organisation, the knowledge base of EU "
            "acts and Swedish statutes, the EU analysis of agenda items with its statistics, and "
            "EU monitoring. Every resource is listed below. The same roles apply as on the "
            "pages; programs sign in with an API key. The documentation is at %(docs)s."
        ) % {"docs": "/api/v1/dokumentation/"}
        return f"<p>{text}</p>" if html else text
