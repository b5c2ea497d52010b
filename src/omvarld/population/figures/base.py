"""A figure: what a section of a statistics page shows, in a form the template, the CSV and the
XLSX export all read, so the table under a chart holds exactly the chart's numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise

from ..charts import BarChart, LineChart
from ..selectors import Source, YearValues, sources

__all__ = ["Column", "Figure", "Link", "percent", "share", "shown_int"]

TEXT, INT, PCT, LINK, YEAR = "text", "int", "pct", "link", "year"


@dataclass(frozen=True)
class Link:
    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Column:
    label: str | Promise
    kind: str = INT


@dataclass
class Figure:
    name: str
    heading: str | Promise
    caption: str | Promise
    chart_caption: str | Promise
    columns: list[Column]
    rows: list[list[Any]]
    chart: BarChart | LineChart | None = None
    sources: list[Source] = field(default_factory=list)
    notes: list[str | Promise] = field(default_factory=list)
    empty: str | Promise = ""

    @property
    def chart_kind(self) -> str:
        if isinstance(self.chart, BarChart):
            return "bars"
        if isinstance(self.chart, LineChart):
            return "lines"
        return ""


def share(part: int | None, whole: int | None) -> float | None:
    """``part`` as a percentage of ``whole``; None when either is missing or the whole is 0."""
    if part is None or not whole:
        return None
    return 100 * part / whole


def percent(value: float | None) -> str:
    return "–" if value is None else f"{number_format(round(value, 1), 1)} %"


def shown_int(value: float | None) -> str:
    return "–" if value is None else number_format(int(value), 0, force_grouping=True)


def sources_of(*series: YearValues | None, years: Iterable[int] | None = None) -> list[Source]:
    """The tables behind the given series (for the given years only, if named)."""
    wanted = set(years) if years is not None else None
    ids = {
        table
        for s in series
        if s is not None
        for year, table in s.tables.items()
        if wanted is None or year in wanted
    }
    return sources(ids)
