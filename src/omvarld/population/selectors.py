"""Reads of the population app: the municipality's figures per year, as SCB published them.

Every series is read in a fixed number of queries. Where two tables give the same figure (a
yearly table and December of a monthly one, say) the yearly one wins, then the table SCB updated
last. Shares and sums are the platform's own arithmetic on SCB's figures and say so on the pages;
a year for which a figure is missing is left out, never filled.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from omvarld.organisation import selectors as organisation_selectors

from .constants import SWEDEN_REGION, CountryGroup, CountryKind, Measure
from .models import Country, Fetch, Observation, StatTable

__all__ = [
    "KeyFigures",
    "Place",
    "Source",
    "YearValues",
    "category_labels",
    "country_by_key",
    "country_list",
    "fetch_list",
    "latest_by_country",
    "place_current",
    "population_key_figures",
    "series_by_category",
    "series_total",
    "sources",
    "table_list",
]


@dataclass(frozen=True)
class Place:
    """The municipality the platform serves, its county and Sweden, as SCB codes them."""

    code: str
    name: str
    county_code: str
    county: str

    @property
    def regions(self) -> tuple[str, str, str]:
        return (self.code, self.county_code, SWEDEN_REGION)


def place_current() -> Place | None:
    """The organisation's municipality (read through the organisation app), or None."""
    municipality = organisation_selectors.municipality_current()
    if municipality is None:
        return None
    return Place(
        code=municipality.code,
        name=municipality.name,
        county_code=municipality.code[:2],
        county=municipality.county,
    )


@dataclass(frozen=True)
class Source:
    """A table the figures come from: the id, title and SCB's update time, and its notes."""

    table_id: str
    label: str
    updated: dt.datetime | None
    notes: tuple[str, ...]
    imported_at: dt.datetime | None

    @property
    def api_url(self) -> str:
        return f"https://statistikdatabasen.scb.se/api/v2/tables/{self.table_id}?lang=sv"


def _source(table: StatTable) -> Source:
    return Source(table.table_id, table.label, table.updated, tuple(table.notes), table.imported_at)


def sources(table_ids: Iterable[str]) -> list[Source]:
    """The tables with these ids, in id order."""
    return [_source(t) for t in StatTable.objects.filter(table_id__in=set(table_ids))]


@dataclass
class YearValues:
    """One series: a value per year, the tables behind each year, and SCB's marks."""

    values: dict[int, int] = field(default_factory=dict)
    tables: dict[int, str] = field(default_factory=dict)
    marks: dict[int, str] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.values)


#: month, the table's update time, category, year, value, table id, SCB's mark
_Row = tuple[int | None, dt.datetime | None, str, int, int, str, str]


def _rank(row: _Row) -> tuple[int, float]:
    # Yearly before December of a monthly table, then the table SCB updated last.
    month, updated = row[0], row[1]
    stamp = updated.timestamp() if updated is not None else 0.0
    return (0 if month is None else 1, -stamp)


def _year_rows(
    measure: str, regions: Iterable[str], categories: Iterable[str] | None = None
) -> QuerySet[Observation]:
    rows = Observation.objects.filter(measure=measure, region__in=list(regions), breakdown="")
    if categories is not None:
        rows = rows.filter(category__in=list(categories))
    # Only whole years: a yearly figure, or December of a monthly table.
    return rows.filter(Q(month__isnull=True) | Q(month=12))


def series_by_category(
    measure: str, region: str, categories: Iterable[str] | None = None
) -> dict[str, YearValues]:
    """Per category ("" for the total), the figure of each year for one region. One query."""
    rows = _year_rows(measure, [region], categories).values_list(
        "month", "table__updated", "category", "year", "value", "table__table_id", "status"
    )
    best: dict[tuple[str, int], _Row] = {}
    for row in rows:
        key = (row[2], row[3])
        if key not in best or _rank(row) < _rank(best[key]):
            best[key] = row
    result: dict[str, YearValues] = defaultdict(YearValues)
    for (category, year), row in best.items():
        series = result[category]
        series.values[year] = row[4]
        series.tables[year] = row[5]
        if row[6]:
            series.marks[year] = row[6]
    return dict(result)


def series_total(measure: str, region: str) -> YearValues:
    """The total of a measure per year for one region (the category total, or no category)."""
    return series_by_category(measure, region, [""]).get("", YearValues())


def country_list(*, group: str | None = None) -> QuerySet[Country]:
    """The countries of birth of the mapping, optionally of one group, by Swedish name."""
    countries = Country.objects.all()
    if group:
        countries = countries.filter(group=group)
    return countries.order_by("name_sv")


def country_by_key(key: str) -> Country | None:
    return Country.objects.filter(key=key).first()


def countries_by_key() -> dict[str, Country]:
    return {c.key: c for c in Country.objects.all()}


def counted_countries(countries: dict[str, Country]) -> set[str]:
    """The keys that count as a country of birth abroad: not Sweden, not SCB's residual rows."""
    return {
        key
        for key, c in countries.items()
        if c.kind != CountryKind.RESIDUAL and c.group != CountryGroup.SWEDEN
    }


def table_list() -> QuerySet[StatTable]:
    """The tables imported so far, with how many figures each gave."""
    return StatTable.objects.annotate(figures=Count("observations")).order_by("table_id")


def fetch_list() -> QuerySet[Fetch]:
    """The fetches and imported files, newest first, without their (large) payloads."""
    return Fetch.objects.defer("payload").select_related("started_by")


def category_labels(measure: str, region: str) -> dict[str, str]:
    """SCB's names of a measure's categories, as the latest year gave them. One query."""
    return dict(
        Observation.objects.filter(measure=measure, region=region)
        .order_by("year")
        .values_list("category", "category_label")
    )


def latest_by_country(region: str, year: int) -> dict[str, int]:
    """Residents per country of birth in one region and year (the yearly figure). One query."""
    rows = series_by_category(Measure.BIRTH_COUNTRY, region)
    return {key: s.values[year] for key, s in rows.items() if key and year in s.values}


@dataclass(frozen=True)
class KeyFigures:
    """One year's headline figures for a workspace or a yearly indicator."""

    year: int
    residents: int
    born_abroad: int
    share_born_abroad: float
    share_born_abroad_sweden: float | None
    countries: int
    largest_country: str
    tables: tuple[str, ...]


def population_key_figures(year: int | None = None) -> KeyFigures | None:
    """The municipality's residents born abroad in a year (the latest by default): number,
    share, Sweden's share, countries of birth and the largest one. None without figures."""
    place = place_current()
    if place is None:
        return None
    here = series_by_category(Measure.BIRTH_COUNTRY, place.code)
    nation = series_by_category(Measure.BIRTH_COUNTRY, SWEDEN_REGION, ["", "SE"])
    total, born_se = here.get("", YearValues()), here.get("SE", YearValues())
    years = sorted(set(total.values) & set(born_se.values))
    if not years or (year is not None and year not in years):
        return None
    year = year if year is not None else years[-1]
    residents = total.values[year]
    abroad = residents - born_se.values[year]
    national = None
    n_total, n_se = nation.get("", YearValues()), nation.get("SE", YearValues())
    if year in n_total.values and year in n_se.values and n_total.values[year]:
        national = 100 * (n_total.values[year] - n_se.values[year]) / n_total.values[year]
    countries = countries_by_key()
    counted = counted_countries(countries)
    present = {k: s.values[year] for k, s in here.items() if k in counted and s.values.get(year)}
    largest = max(present, key=lambda k: (present[k], k)) if present else ""
    return KeyFigures(
        year=year,
        residents=residents,
        born_abroad=abroad,
        share_born_abroad=100 * abroad / residents if residents else 0.0,
        share_born_abroad_sweden=national,
        countries=len(present),
        largest_country=countries[largest].name_sv if largest else "",
        tables=tuple(sorted({total.tables[year], born_se.tables[year]})),
    )


def has_figures() -> bool:
    return Observation.objects.exists()


def latest_year(measure: str = Measure.BIRTH_COUNTRY) -> int | None:
    return (
        Observation.objects.filter(measure=measure, breakdown="")
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
