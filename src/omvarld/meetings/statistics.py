"""Figures of EU influence on agenda items: shares of legal, policy and none by body, year, area.

Every figure is one grouped aggregate query over the items' effective coding (plain columns), so
the cost does not grow with Python loops over items. Each share comes with the number of items
behind it, among all items (comparable to the national studies) and among substantive items.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear

from omvarld.organisation.models import Body

from .constants import REFERENCE_STUDIES, SUBSTANTIVE_KINDS, EUCode
from .models import AgendaItem, ItemAnalysis, ItemReview, Meeting, SourceDocument

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

#: How many of a body's most EU-shaped items its page lists.
TOP_ITEMS = 20
#: How long the pages keep figures whose items have not changed. A renamed body or policy area,
#: which the data stamp does not see, shows in the figures after at most this long.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class StatsFilters:
    """Which items the figures count: one body (or all) and a range of years (inclusive)."""

    body_id: int | None = None
    year_from: int | None = None
    year_to: int | None = None


def percent(part: int, whole: int) -> int | None:
    """A share as a whole percentage, rounded half up; None when there is nothing to share."""
    if not whole:
        return None
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def share(part: int, whole: int) -> float | None:
    """A share as a fraction with four decimals; None when there is nothing to share."""
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class Counts:
    """How many items carry each EU code, and how many concern EU funding."""

    items: int = 0
    legal: int = 0
    policy: int = 0
    none: int = 0
    funding: int = 0

    @property
    def eu(self) -> int:
        """Items with any EU influence, legal or policy."""
        return self.legal + self.policy

    @property
    def legal_percent(self) -> int | None:
        return percent(self.legal, self.items)

    @property
    def policy_percent(self) -> int | None:
        return percent(self.policy, self.items)

    @property
    def none_percent(self) -> int | None:
        return percent(self.none, self.items)

    @property
    def eu_percent(self) -> int | None:
        return percent(self.eu, self.items)

    def as_dict(self) -> dict[str, Any]:
        """Counts and shares (fractions) in the shape of the ``eu_stats`` JSON output."""
        return {
            **asdict(self),
            "shares": {
                "legal": share(self.legal, self.items),
                "policy": share(self.policy, self.items),
                "none": share(self.none, self.items),
                "eu": share(self.eu, self.items),
            },
        }


@dataclass(frozen=True)
class Row:
    """One line of a statistics table: a group (year, body, area or all) and its counts."""

    key: str
    label: str
    all: Counts
    substantive: Counts

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "all": self.all.as_dict(),
            "substantive": self.substantive.as_dict(),
        }


_CODES = {"legal": EUCode.LEGAL, "policy": EUCode.POLICY, "none": EUCode.NONE}
_SUBSTANTIVE = Q(kind__in=SUBSTANTIVE_KINDS)


def _aggregates() -> dict[str, Count]:
    """Counted columns: items, each EU code and funding, among all and among substantive items."""
    columns: dict[str, Count] = {}
    for group, among in (("all", Q()), ("sub", _SUBSTANTIVE)):
        columns[f"{group}_items"] = Count("pk", filter=among or None)
        for name, code in _CODES.items():
            columns[f"{group}_{name}"] = Count("pk", filter=Q(eu=code) & among)
        columns[f"{group}_funding"] = Count("pk", filter=Q(funding=True) & among)
    return columns


def _row(key: str, label: str, values: dict[str, Any]) -> Row:
    def counts(group: str) -> Counts:
        return Counts(
            items=values[f"{group}_items"],
            legal=values[f"{group}_legal"],
            policy=values[f"{group}_policy"],
            none=values[f"{group}_none"],
            funding=values[f"{group}_funding"],
        )

    return Row(key=key, label=label, all=counts("all"), substantive=counts("sub"))


class _Year(ExtractYear):
    """The year of a date. On SQLite, with its native ``strftime`` rather than Django's
    Python function, which is called once per row and took most of the time of the grouped
    queries over 20,000 items."""

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _AsSqlType:
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS integer)", params


def stats_items(filters: StatsFilters) -> QuerySet[AgendaItem]:
    """The items the figures count, none superseded by another document of the same meeting.
    Year bounds are date ranges so an index on the date serves."""
    qs = AgendaItem.objects.filter(superseded=False)
    if filters.body_id:
        qs = qs.filter(meeting__body_id=filters.body_id)
    if filters.year_from:
        qs = qs.filter(meeting__date__gte=dt.date(filters.year_from, 1, 1))
    if filters.year_to:
        qs = qs.filter(meeting__date__lte=dt.date(filters.year_to, 12, 31))
    return qs


def stats_total(filters: StatsFilters) -> Row:
    """All the filtered items together."""
    values = stats_items(filters).aggregate(**_aggregates())
    return _row("total", "", values)


def stats_by_year(filters: StatsFilters) -> list[Row]:
    """One row per year with items, oldest first."""
    rows = (
        stats_items(filters)
        .annotate(year=_Year("meeting__date"))
        .values("year")
        .annotate(**_aggregates())
        .order_by("year")
    )
    return [_row(str(r["year"]), str(r["year"]), r) for r in rows]


def stats_by_body(filters: StatsFilters) -> list[Row]:
    """One row per body with items, by name; the key is the body's id."""
    rows = (
        stats_items(filters)
        .values("meeting__body_id", "meeting__body__name")
        .annotate(**_aggregates())
        .order_by("meeting__body__name")
    )
    return [_row(str(r["meeting__body_id"]), r["meeting__body__name"], r) for r in rows]


def stats_by_area(filters: StatsFilters) -> list[Row]:
    """One row per policy area with items, by Swedish label; an item counts in each of its areas,
    so the rows add up to more than the items."""
    rows = (
        stats_items(filters)
        .filter(areas__isnull=False)
        .values("areas__code", "areas__label_sv")
        .annotate(**_aggregates())
        .order_by("areas__label_sv")
    )
    return [_row(r["areas__code"], r["areas__label_sv"], r) for r in rows]


TABLES = {"year": stats_by_year, "body": stats_by_body, "area": stats_by_area}


def stats_table(table: str, filters: StatsFilters) -> list[Row]:
    """The rows of one named table (``year``, ``body`` or ``area``) followed by the total."""
    return [*TABLES[table](filters), stats_total(filters)]


def _data_stamp() -> str:
    """What the figures are computed from, in one cheap query: the number and last id of the
    items, documents and meetings, the last analysis and review, the last upload. An import,
    a deletion, a review or a re-analysis changes it (the upload time also tells apart a
    deleted document and its replacement, which may get the same ids on SQLite)."""
    # Raw SQL for one round trip; the table names are the models' own, quoted.
    name = {
        model.__name__: connection.ops.quote_name(model._meta.db_table)
        for model in (AgendaItem, SourceDocument, Meeting, ItemAnalysis, ItemReview)
    }
    sql = (  # noqa: S608
        "SELECT (SELECT COUNT(*) FROM {AgendaItem}), (SELECT MAX(id) FROM {AgendaItem}), "
        "(SELECT COUNT(*) FROM {SourceDocument}), (SELECT MAX(id) FROM {SourceDocument}), "
        "(SELECT MAX(uploaded_at) FROM {SourceDocument}), "
        "(SELECT COUNT(*) FROM {Meeting}), (SELECT MAX(id) FROM {Meeting}), "
        "(SELECT MAX(id) FROM {ItemAnalysis}), (SELECT MAX(id) FROM {ItemReview})"
    ).format(**name)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


def stats_figures(
    filters: StatsFilters, tables: tuple[str, ...]
) -> tuple[Row, dict[str, list[Row]]]:
    """The total and the named tables (of :data:`TABLES`) for the filters.

    Each is a grouped aggregate over every counted item, tens of milliseconds apiece with
    20,000 items, while the figures change only with an import, a review or a re-analysis: they
    are kept in the cache under the data stamp, so the pages compute them once per change.
    """
    key = "meetings:stats:{}:{}:{}:{}:{}".format(
        filters.body_id, filters.year_from, filters.year_to, ",".join(tables), _data_stamp()
    )
    figures: tuple[Row, dict[str, list[Row]]] | None = cache.get(key)
    if figures is None:
        figures = (stats_total(filters), {name: TABLES[name](filters) for name in tables})
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def stats_years() -> list[int]:
    """The years in which any meeting was held, oldest first."""
    years = Meeting.objects.annotate(year=_Year("date")).values_list("year", flat=True)
    return list(years.distinct().order_by("year"))


def stats_bodies() -> QuerySet[Body]:
    """The bodies that have held a meeting, by name."""
    return Body.objects.filter(meetings__isnull=False).distinct().order_by("name")


def stats_top_items(*, body_id: int, limit: int = TOP_ITEMS) -> QuerySet[AgendaItem]:
    """A body's most EU-shaped items: EU law first, then EU policy, newest first."""
    rank = Case(
        When(eu=EUCode.LEGAL, then=Value(0)),
        When(eu=EUCode.POLICY, then=Value(1)),
        output_field=IntegerField(),
    )
    return (
        AgendaItem.objects.filter(
            meeting__body_id=body_id, eu__in=[EUCode.LEGAL, EUCode.POLICY], superseded=False
        )
        .select_related("meeting")
        .defer("text")  # an item's text can run to pages; the list shows titles
        .prefetch_related("areas")
        .order_by(rank, "-meeting__date", "position")[:limit]
    )


def stats_report(filters: StatsFilters) -> dict[str, Any]:
    """Every figure for the filters, in the shape ``manage.py eu_stats --format json`` prints."""
    return {
        "filters": asdict(filters),
        "total": stats_total(filters).as_dict(),
        "by_year": [r.as_dict() for r in stats_by_year(filters)],
        "by_body": [r.as_dict() for r in stats_by_body(filters)],
        "by_area": [r.as_dict() for r in stats_by_area(filters)],
        "reference_studies": [
            {"key": s["key"], "label": str(s["label"]), "share": s["share"]}
            for s in REFERENCE_STUDIES
        ],
    }
