"""How other registers show their records on a partner's page and in its timeline.

The exchange register (events, trips and their reports), the funding register (projects) and any
later one register a provider in their ``AppConfig.ready()`` when this app is installed::

    if apps.is_installed("omvarld.relations"):
        from omvarld.relations.links import PartnerLink, register_partner_links
        register_partner_links("exchange", _("Events and trips"), my_provider)

A provider takes partner ids and returns :class:`PartnerLink` rows in a fixed number of queries.
The relations register never imports those apps.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class PartnerLink:
    """A record of another register that concerns a partner."""

    partner_id: int
    title: str
    url: str
    kind: str
    date: datetime.date | None = None


LinkProvider = Callable[[Collection[int]], Iterable[PartnerLink]]


@dataclass(frozen=True)
class _Provider:
    key: str
    label: str | Promise
    provide: LinkProvider


_providers: dict[str, _Provider] = {}


def register_partner_links(key: str, label: str | Promise, provider: LinkProvider) -> None:
    """Add (or replace, by key) a register whose records appear on partner pages."""
    _providers[key] = _Provider(key, label, provider)


@dataclass(frozen=True)
class LinkSection:
    key: str
    label: str | Promise
    links: list[PartnerLink]


def partner_link_sections(partner_ids: Collection[int]) -> list[LinkSection]:
    """Each registered register's records of these partners, newest first, in registration order."""
    sections = []
    for provider in _providers.values():
        links = sorted(
            provider.provide(partner_ids),
            key=lambda link: (link.date or datetime.date.min, link.title),
            reverse=True,
        )
        sections.append(LinkSection(provider.key, provider.label, links))
    return sections
