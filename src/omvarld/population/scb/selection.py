"""What to ask SCB for: a selection per table, built from its metadata, within the cell limit.

Per dimension: the regions the platform keeps; every category of the country of birth or the
background (``*``); the contents the platform follows; for any other dimension its total where
SCB gives one, else nothing when SCB may total it itself (``elimination``), else every value;
the periods from a year on. Periods are split over several calls when the cells would pass
the limit.
Plain Python, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Collection

from . import codes
from .jsonstat import Dataset

__all__ = ["selections"]

_FOLLOWED = ("stock", "immigration", "emigration")


def selections(
    dataset: Dataset, *, regions: Collection[str], since: int | None, max_cells: int
) -> list[dict[str, list[str]]]:
    """The selections that together fetch what the platform needs of the table (may be none)."""
    layout = codes.layout(dataset)
    if layout is None:
        return []
    selection: dict[str, list[str]] = {}
    if layout.region is not None:
        selection[layout.region.id] = [c for c in layout.region.codes if c in regions]
        if not selection[layout.region.id]:
            return []
    if layout.contents is not None:
        wanted = [c for c in layout.contents.codes if codes.measure_of(layout.contents, c)]
        if not any(codes.measure_of(layout.contents, c) in _FOLLOWED for c in wanted):
            return []
        selection[layout.contents.id] = wanted
    if layout.category is not None:
        selection[layout.category.id] = list(layout.category.codes)
    for dimension in layout.others:
        total = codes.total_code(dimension)
        if total is not None:
            selection[dimension.id] = [total]
        elif dimension.extension.get("elimination") is not True:
            selection[dimension.id] = list(dimension.codes)
    periods = []
    for code in layout.time.codes:
        period = codes.parse_period(code)
        if period is not None and (since is None or period.year >= since):
            periods.append(code)
    if not periods:
        return []
    per_period = math.prod(len(v) for v in selection.values())
    step = max(1, max_cells // max(per_period, 1))
    if layout.category is not None:
        # Every category: "*" keeps the URL short (a country list has some 190 codes).
        selection[layout.category.id] = ["*"]
    result = []
    for start in range(0, len(periods), step):
        chunk = dict(selection)
        chunk[layout.time.id] = periods[start : start + step]
        result.append(chunk)
    return result
