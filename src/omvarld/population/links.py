"""What the municipality does with a country, from the other registers when they are installed:
its partners there (relations register) and its events and trips there (exchange register).

Read only through those apps' selectors, and only when the app is installed, so the population
pages work without them: ``omvarld.relations.selectors.partners_by_country(country=...)`` and
``omvarld.exchange.selectors.events.event_list(EventFilters(country=...))``, both keyed by the
ISO 3166-1 alpha-2 code.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Country

__all__ = ["Related", "RelatedItem", "related_in_country"]

RELATIONS = "omvarld.relations"
EXCHANGE = "omvarld.exchange"


@dataclass(frozen=True)
class RelatedItem:
    text: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Related:
    key: str
    heading: str | Promise
    items: tuple[RelatedItem, ...]
    empty: str | Promise


def _selectors(module: str) -> Any:
    # Imported by name: the app may not be part of this installation (nor of a type check).
    return importlib.import_module(module)


def _partners(iso: str) -> Related:
    selectors = _selectors(f"{RELATIONS}.selectors")
    items = tuple(
        RelatedItem(p.display_name, p.url, ", ".join(x for x in (p.kind_label, p.place) if x))
        for p in selectors.partners_by_country(country=iso)
    )
    return Related(
        key="relations",
        heading=_("The municipality's partners there"),
        items=items,
        empty=_("No partner of the municipality in this country is registered."),
    )


def _events(iso: str) -> Related:
    events = _selectors(f"{EXCHANGE}.selectors.events")
    items = tuple(
        RelatedItem(
            event.title,
            reverse("exchange:event_detail", kwargs={"pk": event.pk}),
            f"{event.starts_on:%Y-%m-%d}",
        )
        for event in events.event_list(events.EventFilters(country=iso))
    )
    return Related(
        key="exchange",
        heading=_("Events and trips there"),
        items=items,
        empty=_("No event or trip in this country is registered."),
    )


def related_in_country(country: Country) -> list[Related]:
    """A section per installed register; none for a former state or SCB's residual rows."""
    if not country.iso_alpha2:
        return []
    sections = []
    if apps.is_installed(RELATIONS):
        sections.append(_partners(country.iso_alpha2))
    if apps.is_installed(EXCHANGE):
        sections.append(_events(country.iso_alpha2))
    return sections
