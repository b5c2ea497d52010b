"""What SCB's codes mean: regions, periods, totals, and which dimension holds what.

Written from the recorded responses in ``../shared/data/statistics/scb-pxwebapi2/`` (TAB6471:
Region ``00`` is Sweden, two digits a county, four a municipality; ``TotSa`` the total of the
sexes, ``TotSA`` of the ages; periods ``2026M04``) and from SCB's documentation of the tables the
platform follows (``2016`` for a year; totals ``tot``, ``SC``, ``1+2``; the country-of-birth
dimension ``Fodelseregion`` or ``Fodelseland``; the background dimension ``UtlBakgrund``).
Plain Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .jsonstat import Dataset, Dimension

__all__ = [
    "Layout",
    "Period",
    "is_total",
    "layout",
    "measure_of",
    "parse_period",
    "region_level",
    "total_code",
]

SWEDEN = "00"
COUNTIES = frozenset(
    [
        "01",
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "12",
        "13",
        "14",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
        "25",
    ]
)

#: Codes SCB gives the total of a dimension, in the order one is preferred when several are.
TOTAL_CODES = ("TotSA", "TotSa", "tot", "TOT", "TOT1", "SC", "1+2", "TotUI", "TOTfod", "TOTAL")
_TOTAL_LABEL = re.compile(r"^\s*(totalt|samtliga|total|all)\b", re.IGNORECASE)

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})M(0[1-9]|1[0-2])$")

_COUNTRY_IDS = {"fodelseregion", "fodelseland", "födelseland", "födelseregion"}
_COUNTRY_LABEL = re.compile(r"födelse(land|region)|country of birth|region of birth", re.I)
_BACKGROUND_IDS = {"utlbakgrund"}
_BACKGROUND_LABEL = re.compile(r"bakgrund|background", re.I)


def region_level(code: str) -> str | None:
    """``sweden``, ``county`` or ``municipality`` for a code of SCB's Region dimension, else None.

    A municipality's four digits begin with its county's two (0581 lies in 05, Östergötland).
    """
    if code == SWEDEN:
        return "sweden"
    if code in COUNTIES:
        return "county"
    if len(code) == 4 and code.isdigit() and code[:2] in COUNTIES:
        return "municipality"
    return None


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None


def parse_period(code: str) -> Period | None:
    """A year (``2016``) or a month (``2026M04``); None for anything else (quarters, say)."""
    if match := _YEAR.match(code):
        return Period(int(match.group(1)))
    if match := _MONTH.match(code):
        return Period(int(match.group(1)), int(match.group(2)))
    return None


def is_total(dimension: Dimension, code: str) -> bool:
    return code in TOTAL_CODES or bool(_TOTAL_LABEL.match(dimension.label_of(code)))


def total_code(dimension: Dimension) -> str | None:
    """The category that totals the dimension, if the dimension has one."""
    for code in TOTAL_CODES:
        if code in dimension.codes:
            return code
    for code in dimension.codes:
        if _TOTAL_LABEL.match(dimension.label_of(code)):
            return code
    return None


def measure_of(dimension: Dimension, code: str) -> str | None:
    """What a content code counts, read from its label: ``stock`` of residents, ``immigration``
    or ``emigration``; None for contents the platform does not follow (population growth)."""
    label = dimension.label_of(code).lower()
    if label.startswith(("invandr", "immigra")):
        return "immigration"
    if label.startswith(("utvandr", "emigra")):
        return "emigration"
    if label.startswith(("folkmängd", "population", "antal", "number")):
        return "stock"
    return None


@dataclass(frozen=True)
class Layout:
    """Which dimension of a dataset is which."""

    region: Dimension | None
    time: Dimension
    contents: Dimension | None
    category: Dimension | None
    category_kind: str  # "country", "background" or ""
    others: tuple[Dimension, ...]


def _is_time(dimension: Dimension, dataset: Dataset) -> bool:
    if dimension.id in dataset.roles.get("time", ()):
        return True
    return dimension.id.lower() == "tid"


def layout(dataset: Dataset) -> Layout | None:
    """The dataset's layout, or None when it has no time dimension (then it is not a series)."""
    time = next((d for d in dataset.dimensions if _is_time(d, dataset)), None)
    if time is None:
        return None
    metric_ids = dataset.roles.get("metric", ())
    contents = next(
        (d for d in dataset.dimensions if d.id in metric_ids or d.id == "ContentsCode"), None
    )
    region = next((d for d in dataset.dimensions if d.id.lower() == "region"), None)
    category, kind = None, ""
    for dimension in dataset.dimensions:
        if dimension in (time, contents, region):
            continue
        if dimension.id.lower() in _COUNTRY_IDS or _COUNTRY_LABEL.search(dimension.label):
            category, kind = dimension, "country"
            break
        if dimension.id.lower() in _BACKGROUND_IDS or _BACKGROUND_LABEL.search(dimension.label):
            category, kind = dimension, "background"
            break
    others = tuple(d for d in dataset.dimensions if d not in (time, contents, region, category))
    return Layout(region, time, contents, category, kind, others)
