"""Reads for the other registers: partners by country, choices for a form, summaries by id.

Other apps store a partner's id and read it back through these functions (never through the
models), after ``apps.is_installed("omvarld.relations")``. Every function answers in one or two
queries, however many partners.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.urls import reverse

from .. import text
from ..constants import PartnerKind, PartnerStatus
from ..countries import country_name
from ..models import Partner

#: Statuses of a relation that is alive: what "the partners" means unless ended ones are asked for.
CURRENT = (PartnerStatus.ACTIVE, PartnerStatus.PROSPECTIVE, PartnerStatus.DORMANT)


@dataclass(frozen=True)
class PartnerSummary:
    """What another register needs to show and link a partner."""

    id: int
    name: str
    name_sv: str
    display_name: str
    kind: str
    kind_label: str
    relation: str
    country: str
    country_name: str
    place: str
    status: str
    status_label: str
    url: str


def summary(partner: Partner) -> PartnerSummary:
    return PartnerSummary(
        id=partner.pk,
        name=partner.name,
        name_sv=partner.name_sv,
        display_name=partner.display_name,
        kind=partner.kind,
        kind_label=str(partner.get_kind_display()),
        relation=partner.relation,
        country=partner.country,
        country_name=country_name(partner.country),
        place=partner.place,
        status=partner.status,
        status_label=str(partner.get_status_display()),
        url=reverse("relations:partner_detail", kwargs={"pk": partner.pk}),
    )


def _current(queryset: QuerySet[Partner], include_ended: bool) -> QuerySet[Partner]:
    return queryset if include_ended else queryset.filter(status__in=CURRENT)


def partner_summaries(*, ids: Collection[int]) -> dict[int, PartnerSummary]:
    """The partners with these ids (those that exist), by id. One query."""
    return {p.pk: summary(p) for p in Partner.objects.filter(pk__in=list(ids))}


def partners_by_country(*, country: str, include_ended: bool = False) -> list[PartnerSummary]:
    """The partners in a country (ISO 3166-1 alpha-2), by name. One query."""
    partners = _current(Partner.objects.filter(country=country.upper()), include_ended)
    return [summary(p) for p in partners.order_by("name_key")]


def partner_counts_by_country(*, include_ended: bool = False) -> dict[str, int]:
    """How many partners each country has; partners without a country are not counted."""
    rows = (
        _current(Partner.objects.exclude(country=""), include_ended)
        .values("country")
        .annotate(n=Count("pk"))
        .order_by("country")
    )
    return {row["country"]: row["n"] for row in rows}


def partner_choices(
    *, include_ended: bool = False, kinds: Collection[str] | None = None
) -> list[tuple[int, str]]:
    """(id, name) pairs for a form's choice field, by name; ended relations left out by default.

    The name carries the country, so two places of the same name can be told apart.
    """
    partners = _current(Partner.objects.all(), include_ended)
    if kinds:
        partners = partners.filter(kind__in=[PartnerKind(k) for k in kinds])
    return [
        (p.pk, f"{p.display_name} ({p.country})" if p.country else p.display_name)
        for p in partners.only("pk", "name", "name_sv", "country").order_by("name_key")
    ]


def partner_search(*, query: str, limit: int = 20) -> list[PartnerSummary]:
    """Partners whose name, place or description holds every word of the query (any accents)."""
    partners = Partner.objects.all()
    words = text.fold(query).split()
    if not words:
        return []
    for word in words[:8]:
        partners = partners.filter(search_text__contains=word)
    return [summary(p) for p in partners.order_by("name_key")[:limit]]
