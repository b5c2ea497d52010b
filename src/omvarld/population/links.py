"""What the municipality does with a country, from the other registers when they are installed:
its partners there (relations register) and its events and trips there (exchange register).

Read only through those apps' selectors, and only when the app is installed, so the population
pages work without them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Country

__all__ = ["Related", "RelatedItem", "related_in_country"]


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


#: (app, selector function, heading, text when empty). Each selector takes the keyword
#: ``country`` (ISO 3166-1 alpha-2) and returns objects with ``__str__`` and
#: ``get_absolute_url()``.
PROVIDERS: tuple[tuple[str, str, str | Promise, str | Promise], ...] = (
    (
        "omvarld.relations",
        "partner_list_for_country",
        _("The municipality's partners there"),
        _("No partner of the municipality in this country is registered."),
    ),
    (
        "omvarld.exchange",
        "event_list_for_country",
        _("Events and trips there"),
        _("No event or trip in this country is registered."),
    ),
)


def _items(found: Any) -> tuple[RelatedItem, ...]:
    items = []
    for obj in found:
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        items.append(RelatedItem(text=str(obj), url=url))
    return tuple(items)


def related_in_country(country: Country) -> list[Related]:
    """A section per installed register that can say what it has in the country."""
    if not country.iso_alpha2:
        return []
    sections = []
    for app, function, heading, empty in PROVIDERS:
        if not apps.is_installed(app):
            continue
        selectors = importlib.import_module(f"{app}.selectors")
        find = getattr(selectors, function, None)
        if find is None:
            continue
        sections.append(
            Related(
                key=app.rsplit(".", 1)[1],
                heading=heading,
                items=_items(find(country=country.iso_alpha2)),
                empty=empty,
            )
        )
    return sections
