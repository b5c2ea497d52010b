"""Applying one SCB payload (JSON-stat 2.0) to the database, whether fetched or read from a file.

The payload is kept untouched in its :class:`Fetch`. What it holds is read cell by cell:
- only the municipality of the organisation, its county and Sweden are stored; another region is
  listed with its code and left out, a code that is no region is listed as bad input;
- a dimension the table totals is read at its total; one it does not total is kept as a
  breakdown of the figure (``Alder=0-9``), never summed by the platform;
- a cell SCB marks as missing or protected (``null`` with ``..`` and the like) is listed with its
  place and skipped: it is never stored as zero;
- a table whose dimensions changed since it was last read is not read at all.
A problem never stops the rest. Applying the same payload again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import problems as p
from .constants import MAX_LISTED_PROBLEMS, SWEDEN_REGION, FetchKind, FetchState, Measure
from .countries import CountryMatcher
from .models import Fetch, Observation, StatTable
from .scb import codes, jsonstat

__all__ = ["ImportSummary", "fetch_apply", "fetch_store"]

logger = logging.getLogger(__name__)
_BATCH = 1000
_KIND_MEASURES = {
    ("", "stock"): Measure.POPULATION,
    ("country", "stock"): Measure.BIRTH_COUNTRY,
    ("country", "immigration"): Measure.IMMIGRATION,
    ("country", "emigration"): Measure.EMIGRATION,
    ("background", "stock"): Measure.BACKGROUND,
    ("", "immigration"): Measure.IMMIGRATION,
    ("", "emigration"): Measure.EMIGRATION,
}


@dataclass
class ImportSummary:
    """What one payload did: figures added, changed, unchanged; cells skipped; problems."""

    fetch_id: int | None = None
    table_id: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    ignored: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    problem_count: int = 0

    def add(self, where: str, reason: str, *, level: str = p.WARNING, **params: Any) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(p.problem(where, reason, level=level, **params))

    def merge(self, other: ImportSummary) -> None:
        for name in ("created", "updated", "unchanged", "skipped", "ignored", "problem_count"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        room = MAX_LISTED_PROBLEMS - len(self.problems)
        self.problems.extend(other.problems[: max(room, 0)])

    def listed_problems(self) -> list[dict[str, Any]]:
        """The problems kept one by one, and a line for those only counted."""
        rest = self.problem_count - len(self.problems)
        if rest > 0:
            return [*self.problems, p.problem("", "more_problems", level=p.INFO, count=rest)]
        return list(self.problems)


@dataclass(frozen=True)
class _Row:
    measure: str
    region: str
    period: str
    year: int
    month: int | None
    category: str
    category_label: str
    breakdown: str
    value: int
    status: str

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.measure, self.region, self.period, self.category, self.breakdown)


def fetch_store(
    *,
    kind: str,
    request: str,
    payload: str,
    status: int | None = None,
    table_id: str = "",
    state: str = FetchState.DONE,
    started_by: Any = None,
) -> Fetch:
    """Keep a payload with its provenance. A request SCB answers as before is kept once, with
    the time it was last confirmed; every imported file is kept as its own import."""
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    if kind != FetchKind.FILE:
        existing = Fetch.objects.filter(kind=kind, request=request, sha256=digest).first()
        if existing is not None:
            existing.confirmed_at = timezone.now()
            existing.save(update_fields=["confirmed_at"])
            return existing
    fetch = Fetch(
        kind=kind,
        table_id=table_id,
        request=request,
        status=status,
        payload=payload,
        sha256=digest,
        state=state,
        started_by=started_by,
    )
    fetch.full_clean()
    fetch.save()
    return fetch


def _other_kind(payload: str) -> str | None:
    """What a JSON answer of SCB's API that is not a dataset is, if it is one of them."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("tables"), list):
        return "table_list"
    if "maxCallsPerTimeWindow" in data or "apiVersion" in data:
        return "config"
    if data.get("type") in ("Aggregation", "Valueset") and isinstance(data.get("values"), list):
        return "codelist"
    return None


def _signature(layout: codes.Layout) -> dict[str, str]:
    return {
        "region": layout.region.id if layout.region else "",
        "time": layout.time.id,
        "contents": layout.contents.id if layout.contents else "",
        "category": layout.category.id if layout.category else "",
    }


def _table(
    table_id: str, dataset: jsonstat.Dataset, layout: codes.Layout, summary: ImportSummary
) -> StatTable | None:
    """The table, described by the dataset; None when its dimensions changed."""
    table = StatTable.objects.filter(table_id=table_id).first() or StatTable(table_id=table_id)
    ids = list(dataset.ids)
    signature = _signature(layout)
    changed = bool(table.layout) and table.layout != signature
    if table.described:
        # A data payload may leave out a dimension SCB can total itself, never add one.
        extra = [i for i in ids if i not in table.dimensions]
        missing = [i for i in table.required_dimensions if i not in ids]
        changed = changed or bool(extra) or (dataset.has_values and bool(missing))
        if not dataset.has_values and ids != table.dimensions:
            changed = True
    if changed:
        summary.add(
            f"{table_id}",
            "dimensions_changed",
            before=", ".join(table.dimensions),
            after=", ".join(ids),
        )
        return None
    if not dataset.has_values:
        table.described = True
        table.dimensions = ids
        table.required_dimensions = [
            d.id for d in dataset.dimensions if d.extension.get("elimination") is False
        ]
    elif not table.described:
        table.dimensions = list(dict.fromkeys([*table.dimensions, *ids]))
    table.layout = signature
    table.label = dataset.label[:400] or table.label or table_id
    table.source = dataset.source[:100] or table.source
    table.updated = dataset.updated or table.updated
    if layout.contents is not None:
        table.contents = {**table.contents, **dict(layout.contents.labels)}
    table.notes = list(dataset.mandatory_notes) or table.notes
    if dataset.aggregation_allowed is not None:
        table.aggregation_allowed = dataset.aggregation_allowed
    if dataset.official is not None:
        table.official = dataset.official
    table.imported_at = timezone.now()
    table.full_clean()
    table.save()
    return table


def _place(cell: jsonstat.Cell) -> str:
    return ", ".join(f"{k}={v}" for k, v in cell.codes.items())


class _Reader:
    """Turns the cells of one dataset into rows to store, listing what it leaves out and why."""

    def __init__(
        self,
        dataset: jsonstat.Dataset,
        layout: codes.Layout,
        municipality: str,
        summary: ImportSummary,
    ) -> None:
        self.dataset = dataset
        self.layout = layout
        self.municipality = municipality
        self.summary = summary
        self.matcher = CountryMatcher.load() if layout.category_kind == "country" else None
        self.only: dict[str, set[str]] = {}
        self.measures: dict[str, str] = {}
        self.breakdowns: list[jsonstat.Dimension] = []
        self.unmapped: set[str] = set()
        self.bad_periods: set[str] = set()
        self.read = 0

    def _regions(self) -> None:
        region = self.layout.region
        if region is None:
            self.summary.add("Region", "no_region", level=p.INFO)
            return
        wanted = {SWEDEN_REGION, self.municipality, self.municipality[:2]}
        keep = set()
        for code in region.codes:
            label = f"{code} {region.label_of(code)}".strip()
            level = codes.region_level(code)
            if level is None:
                self.summary.add(f"{region.id}={code}", "region_not_municipality", label=label)
            elif code in wanted:
                keep.add(code)
            else:
                self.summary.add(
                    f"{region.id}={code}",
                    "region_not_ours",
                    level=p.INFO,
                    label=label,
                    municipality=self.municipality,
                )
        self.only[region.id] = keep

    def _contents(self) -> None:
        contents = self.layout.contents
        if contents is None:
            return
        keep = set()
        for code in contents.codes:
            kind = codes.measure_of(contents, code)
            measure = _KIND_MEASURES.get((self.layout.category_kind, kind or ""))
            if measure is None:
                self.summary.add(
                    f"{contents.id}={code}",
                    "contents_not_followed",
                    level=p.INFO,
                    label=f"{code} {contents.label_of(code)}",
                )
                continue
            self.measures[code] = measure
            keep.add(code)
        self.only[contents.id] = keep

    def _others(self) -> None:
        for dimension in self.layout.others:
            total = codes.total_code(dimension)
            if total is not None:
                self.only[dimension.id] = {total}
            else:
                self.breakdowns.append(dimension)
                self.summary.add(dimension.id, "no_total", level=p.INFO, dimension=dimension.label)

    def _category(self, cell: jsonstat.Cell) -> tuple[str, str]:
        dimension = self.layout.category
        if dimension is None:
            return "", ""
        code = cell.codes[dimension.id]
        label = dimension.label_of(code).strip()
        if codes.is_total(dimension, code):
            return "", label
        if self.matcher is None:
            return code, label
        country = self.matcher.find(code, label)
        if country is not None:
            return country.key, country.name_sv
        if code not in self.unmapped:
            self.unmapped.add(code)
            self.summary.add(f"{dimension.id}={code}", "country_not_mapped", code=code, label=label)
        return code, label

    def rows(self) -> Iterator[_Row]:
        self._regions()
        self._contents()
        self._others()
        for cell in self.dataset.cells(self.only):
            row = self._row(cell)
            if row is not None:
                yield row
        # The cells never visited: other regions, finer breakdowns of a total, other contents.
        self.summary.ignored += self.dataset.size - self.read

    def _row(self, cell: jsonstat.Cell) -> _Row | None:
        self.read += 1
        layout = self.layout
        period_code = cell.codes[layout.time.id]
        period = codes.parse_period(period_code)
        if period is None:
            self.summary.skipped += 1
            if period_code not in self.bad_periods:
                self.bad_periods.add(period_code)
                self.summary.add(
                    f"{layout.time.id}={period_code}", "period_not_understood", period=period_code
                )
            return None
        if cell.value is None:
            self.summary.skipped += 1
            self.summary.add(_place(cell), "missing_value", status=cell.status or "null")
            return None
        if cell.value != int(cell.value):
            self.summary.skipped += 1
            self.summary.add(_place(cell), "not_integer", value=cell.value)
            return None
        measure = (
            self.measures[cell.codes[layout.contents.id]]
            if layout.contents is not None
            else _KIND_MEASURES[(layout.category_kind, "stock")]
        )
        category, label = self._category(cell)
        return _Row(
            measure=measure,
            region=cell.codes[layout.region.id] if layout.region else SWEDEN_REGION,
            period=period_code,
            year=period.year,
            month=period.month,
            category=category,
            category_label=label[:200],
            breakdown=";".join(f"{d.id}={cell.codes[d.id]}" for d in self.breakdowns)[:200],
            value=int(cell.value),
            status=cell.status[:20],
        )


def _store(table: StatTable, rows: list[_Row], fetch: Fetch, summary: ImportSummary) -> None:
    """Add new figures and change changed ones; a figure that did not change keeps its origin."""
    wanted = {r.key: r for r in rows}
    existing = {
        (o.measure, o.region, o.period, o.category, o.breakdown): o
        for o in Observation.objects.filter(
            table=table,
            region__in={r.region for r in rows},
            period__in={r.period for r in rows},
        )
    }
    new, changed = [], []
    for key, row in wanted.items():
        found = existing.get(key)
        if found is None:
            new.append(
                Observation(
                    table=table,
                    measure=row.measure,
                    region=row.region,
                    period=row.period,
                    year=row.year,
                    month=row.month,
                    category=row.category,
                    category_label=row.category_label,
                    breakdown=row.breakdown,
                    value=row.value,
                    status=row.status,
                    fetch=fetch,
                )
            )
        elif (found.value, found.status, found.category_label) != (
            row.value,
            row.status,
            row.category_label,
        ):
            found.value, found.status = row.value, row.status
            found.category_label, found.fetch = row.category_label, fetch
            changed.append(found)
        else:
            summary.unchanged += 1
    with transaction.atomic():
        Observation.objects.bulk_create(new, batch_size=_BATCH)
        Observation.objects.bulk_update(
            changed, ["value", "status", "category_label", "fetch"], batch_size=_BATCH
        )
    summary.created += len(new)
    summary.updated += len(changed)


def _finish(fetch: Fetch, summary: ImportSummary) -> ImportSummary:
    for item in summary.problems:
        if item["level"] == p.WARNING:
            logger.warning("SCB fetch %s: %s: %s", fetch.pk, item["where"], item["reason"])
    Fetch.objects.filter(pk=fetch.pk).update(
        table_id=summary.table_id or fetch.table_id,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        skipped=summary.skipped,
        ignored=summary.ignored,
        problems=summary.listed_problems(),
        problem_count=summary.problem_count,
    )
    return summary


def fetch_apply(*, fetch: Fetch, municipality: str) -> ImportSummary:
    """Read the fetch's payload and store its figures for ``municipality`` (SCB's four digits).

    Never raises for bad input: what cannot be read is listed in the summary and on the fetch.
    """
    summary = ImportSummary(fetch_id=fetch.pk, table_id=fetch.table_id)
    try:
        dataset = jsonstat.parse(fetch.payload)
    except jsonstat.JsonStatError as exc:
        other = _other_kind(fetch.payload)
        if other is not None:
            summary.add("payload", other, level=p.INFO)
        else:
            summary.add("payload", exc.reason, **exc.params)
        return _finish(fetch, summary)
    summary.table_id = dataset.table_id or fetch.table_id
    if not summary.table_id:
        summary.add("extension.px.tableid", "no_table_id")
        return _finish(fetch, summary)
    layout = codes.layout(dataset)
    if layout is None:
        summary.add("role.time", "no_time")
        return _finish(fetch, summary)
    with transaction.atomic():
        table = _table(summary.table_id, dataset, layout, summary)
    if table is None:
        return _finish(fetch, summary)
    if not dataset.has_values:
        summary.add(summary.table_id, "metadata_only", level=p.INFO)
        return _finish(fetch, summary)
    rows = list(_Reader(dataset, layout, municipality, summary).rows())
    _store(table, rows, fetch, summary)
    return _finish(fetch, summary)
