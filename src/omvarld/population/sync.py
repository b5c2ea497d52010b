"""Fetching the followed tables from SCB now: which tables, what to ask, and applying the answers.

Every answer (configuration, table search, metadata, data) is kept as a :class:`Fetch` with its
request, time and raw payload before anything is read from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from omvarld.core.http_client import SourceHTTPError

from .constants import SWEDEN_REGION, FetchKind
from .importing import ImportSummary, fetch_apply, fetch_store
from .scb import jsonstat
from .scb.client import Answer, ScbClient, scb_client
from .scb.selection import selections

__all__ = ["SERIES_FILE", "Series", "SyncSummary", "read_series", "stats_sync"]

SERIES_FILE = Path(__file__).resolve().parent / "data" / "tables.yaml"


@dataclass(frozen=True)
class Series:
    key: str
    v1: str
    subject: str
    search: str
    variables: tuple[str, ...]
    tables: tuple[str, ...]


def read_series(path: Path = SERIES_FILE) -> list[Series]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Series(
            key=str(s["key"]),
            v1=str(s["v1"]),
            subject=str(s["subject"]),
            search=str(s["search"]),
            variables=tuple(str(v).lower() for v in s.get("variables") or ()),
            tables=tuple(str(t) for t in s.get("tables") or ()),
        )
        for s in data["series"]
    ]


@dataclass
class SyncSummary:
    tables: list[str] = field(default_factory=list)
    fetches: int = 0
    result: ImportSummary = field(default_factory=ImportSummary)

    def as_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "tables": self.tables,
            "fetches": self.fetches,
            "created": r.created,
            "updated": r.updated,
            "unchanged": r.unchanged,
            "skipped": r.skipped,
            "problems": r.problem_count,
        }


def found_tables(payload: str, series: Series) -> list[str]:
    """The ids in a table-search answer that belong to the series: under its subject (the last
    level of the table's path) and with every variable it names."""
    try:
        answer = json.loads(payload)
    except ValueError:
        return []
    tables = answer.get("tables") if isinstance(answer, dict) else None
    found = []
    for table in tables if isinstance(tables, list) else []:
        paths = table.get("paths") or []
        subjects = {level.get("id") for path in paths for level in path}
        names = [str(v).lower() for v in table.get("variableNames") or []]
        if series.subject not in subjects:
            continue
        if all(any(wanted in name for name in names) for wanted in series.variables):
            found.append(str(table.get("id")))
    return found


class _Run:
    def __init__(self, client: ScbClient, municipality: str) -> None:
        self.client = client
        self.municipality = municipality
        self.summary = SyncSummary()

    def keep(self, kind: str, answer: Answer, table_id: str = "") -> Any:
        self.summary.fetches += 1
        return fetch_store(
            kind=kind,
            request=answer.request,
            payload=answer.payload,
            status=answer.status,
            table_id=table_id,
        )

    def resolve(self) -> list[str]:
        ids: list[str] = []
        for series in read_series():
            ids.extend(series.tables)
            answer = self.client.tables(query=series.search)
            self.keep(FetchKind.TABLES, answer)
            ids.extend(found_tables(answer.payload, series))
        return list(dict.fromkeys(ids))

    def table(self, table_id: str, since: int | None) -> None:
        try:
            answer = self.client.metadata(table_id)
        except SourceHTTPError as exc:
            # A table SCB does not know (any more): said, and the other tables go on.
            self.summary.result.add(table_id, "http_error", status=exc.status, table=table_id)
            return
        fetch = self.keep(FetchKind.METADATA, answer, table_id)
        described = fetch_apply(fetch=fetch, municipality=self.municipality)
        self.summary.result.merge(described)
        if any(p["reason"] == "dimensions_changed" for p in described.problems):
            return
        try:
            dataset = jsonstat.parse(answer.payload)
        except jsonstat.JsonStatError:
            return  # already listed with the metadata fetch
        regions = {SWEDEN_REGION, self.municipality, self.municipality[:2]}
        for selection in selections(
            dataset, regions=regions, since=since, max_cells=self.client.max_cells
        ):
            data = self.client.data(table_id, selection)
            fetch = self.keep(FetchKind.DATA, data, table_id)
            self.summary.result.merge(fetch_apply(fetch=fetch, municipality=self.municipality))
        self.summary.tables.append(table_id)


def stats_sync(
    *,
    municipality: str,
    table: str | None = None,
    since: int | None = None,
    client: ScbClient | None = None,
) -> SyncSummary:
    """Fetch the followed tables (or one) from ``since`` on and store their figures.

    Raises :class:`omvarld.core.http_client.SourceError` when SCB cannot be
    reached; what was fetched before that is kept.
    """
    run = _Run(client or scb_client(), municipality)
    run.keep(FetchKind.CONFIG, run.client.config())
    for table_id in [table] if table else run.resolve():
        run.table(table_id, since)
    return run.summary
