"""Links to the other registers: agenda items of the meetings app, EU initiatives of EU
monitoring, partners of the relations register and the population register's country pages. Read
only through those apps' selectors, and
only when the app is installed: without it, the link is simply not offered."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

MEETINGS = "omvarld.meetings"
EU_MONITORING = "omvarld.eu_monitoring"
RELATIONS = "omvarld.relations"
POPULATION = "omvarld.population"
FOUND = 10
_NUMBER = re.compile(r"^\s*(\d{1,18})\s*$")
_ADDRESS = re.compile(r"/(\d{1,18})/?(?:[?#].*)?\s*$")


@dataclass(frozen=True)
class Link:
    """A record of another app as a follow-up action shows it."""

    pk: int
    label: str
    url: str


def agenda_items_available() -> bool:
    return apps.is_installed(MEETINGS)


def initiatives_available() -> bool:
    return apps.is_installed(EU_MONITORING)


def partners_available() -> bool:
    return apps.is_installed(RELATIONS)


def population_available() -> bool:
    return apps.is_installed(POPULATION)


def population_country(iso: str) -> str:
    """The address of the population register's page of a country (by its ISO 3166-1 code, the
    key of the register's countries), or "" without the register or a country it knows."""
    if not iso or not population_available():
        return ""
    from omvarld.population import selectors

    country = selectors.country_by_key(iso)
    if country is None:
        return ""
    return reverse("population:country_detail", kwargs={"key": country.key})


def reference_id(text: str) -> int | None:
    """The id in what a user pasted: a number, or the address of the record's page."""
    text = text.strip()
    match = _NUMBER.match(text) or _ADDRESS.search(text)
    return int(match.group(1)) if match else None


def agenda_items(ids: Collection[int]) -> dict[int, Link]:
    """The agenda items with these ids (two queries), as links; none without the meetings app."""
    ids = [i for i in ids if i]
    if not ids or not agenda_items_available():
        return {}
    from omvarld.meetings import selectors

    items = selectors.item_list(selectors.ItemFilters()).filter(pk__in=ids)
    return {
        item.pk: Link(
            item.pk,
            f"{item.meeting.body.short_name} {item.meeting.date:%Y-%m-%d} "
            f"{item.number}: {item.title}".replace("  ", " "),
            reverse("meetings:item_detail", kwargs={"pk": item.pk}),
        )
        for item in items
    }


def agenda_item_find(query: str) -> list[Link]:
    """Agenda items matching the words of a query, newest first."""
    if not query.strip() or not agenda_items_available():
        return []
    from omvarld.meetings import selectors

    items = selectors.item_list(selectors.ItemFilters(query=query))[:FOUND]
    return list(agenda_items([i.pk for i in items]).values())


def initiatives(ids: Collection[int]) -> dict[int, Link]:
    """The EU initiatives with these ids, as links; none without the EU-monitoring app."""
    ids = [i for i in ids if i]
    if not ids or not initiatives_available():
        return {}
    from omvarld.eu_monitoring import selectors

    found = selectors.initiative_list(selectors.InitiativeFilters()).filter(pk__in=ids)
    return {
        initiative.pk: Link(
            initiative.pk,
            str(initiative),
            reverse("eu_monitoring:initiative_detail", kwargs={"pk": initiative.pk}),
        )
        for initiative in found
    }


def initiative_find(query: str) -> list[Link]:
    if not query.strip() or not initiatives_available():
        return []
    from omvarld.eu_monitoring import selectors

    found = selectors.initiative_list(selectors.InitiativeFilters(query=query))[:FOUND]
    return list(initiatives([i.pk for i in found]).values())


def partners(ids: Collection[int]) -> dict[int, Link]:
    """The partners with these ids (one query), as links; none without the relations register."""
    ids = [i for i in ids if i]
    if not ids or not partners_available():
        return {}
    from omvarld.relations.selectors import shared

    found = shared.partner_summaries(ids=ids)
    return {
        pk: Link(pk, f"{p.display_name} ({p.country_name})" if p.country else p.display_name, p.url)
        for pk, p in found.items()
    }


def partner_choices() -> list[tuple[int, str]]:
    """(id, name) of the register's current partners, for a form; none without the register."""
    if not partners_available():
        return []
    from omvarld.relations.selectors import shared

    return shared.partner_choices()
