"""A reader of JSON-stat 2.0 datasets as SCB's PxWebApi 2.0 gives them (metadata and data).

The format (json-stat.org, version 2.0): ``id`` names the dimensions in order, ``size`` their
number of categories, ``dimension[id].category.index`` the categories' order, ``value`` the
figures in row-major order (the last dimension varies fastest) as an array or as an object keyed
by position, ``status`` a mark per position (a string for all, an array, or an object). SCB writes
a missing or protected figure as ``null`` with its symbol in ``status`` (``..``, ``...``, ``.``,
``-``); a figure with a note (preliminary, for instance) keeps its number and carries the mark.
The table's id, whether sums are allowed and which notes must be shown sit in ``extension``.

Plain Python, no Django: the importer decides what to store.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Cell", "Dataset", "Dimension", "JsonStatError", "parse"]


class JsonStatError(ValueError):
    """The payload is not a JSON-stat 2.0 dataset; ``reason`` names why, ``params`` the details."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(f"{reason}: {params}" if params else reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]
    labels: Mapping[str, str]
    extension: Mapping[str, Any] = field(default_factory=dict)
    units: Mapping[str, Any] = field(default_factory=dict)

    def label_of(self, code: str) -> str:
        return self.labels.get(code, code)


@dataclass(frozen=True)
class Cell:
    """One position of the cube: the category code of every dimension, and what SCB put there."""

    index: int
    codes: Mapping[str, str]
    value: float | None
    status: str


@dataclass(frozen=True)
class Dataset:
    label: str
    source: str
    updated: dt.datetime | None
    table_id: str
    dimensions: tuple[Dimension, ...]
    roles: Mapping[str, tuple[str, ...]]
    values: Sequence[float | None] | Mapping[int, float | None]
    status: Mapping[int, str]
    notes: tuple[str, ...]
    mandatory_notes: tuple[str, ...]
    aggregation_allowed: bool | None
    official: bool | None
    has_values: bool

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def size(self) -> int:
        return math.prod(len(d.codes) for d in self.dimensions)

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def role(self, name: str) -> Dimension | None:
        ids = self.roles.get(name, ())
        return self.dimension(ids[0]) if ids else None

    def value_at(self, index: int) -> float | None:
        if isinstance(self.values, Mapping):
            return self.values.get(index)
        return self.values[index] if index < len(self.values) else None

    def cells(self, only: Mapping[str, Collection[str]] | None = None) -> Iterator[Cell]:
        """The positions in row-major order, with their value (None when SCB gave none).

        ``only`` keeps, per dimension, the given codes: a country-wide table is read for three
        regions without walking its millions of other cells.
        """
        only = only or {}
        ids = self.ids
        strides = []
        stride = 1
        for dimension in reversed(self.dimensions):
            strides.append(stride)
            stride *= len(dimension.codes)
        strides.reverse()
        positions = [
            [(i, c) for i, c in enumerate(d.codes) if d.id not in only or c in only[d.id]]
            for d in self.dimensions
        ]
        for combination in itertools.product(*positions):
            index = sum(i * s for (i, _), s in zip(combination, strides, strict=True))
            yield Cell(
                index=index,
                codes={k: c for k, (_, c) in zip(ids, combination, strict=True)},
                value=self.value_at(index),
                status=self.status.get(index, ""),
            )


def _loads(payload: str | bytes | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(payload, Mapping):
        return payload
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise JsonStatError("not_json", detail=str(exc)) from None
    if not isinstance(data, dict):
        raise JsonStatError("not_dataset")
    return data


def _updated(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _category_codes(dimension_id: str, category: Mapping[str, Any], size: int) -> tuple[str, ...]:
    index = category.get("index")
    labels = category.get("label") or {}
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        try:
            codes = sorted((str(c) for c in index), key=lambda c: int(index[c]))
        except (TypeError, ValueError):
            raise JsonStatError("bad_index", dimension=dimension_id) from None
    elif index is None and isinstance(labels, dict) and len(labels) == 1:
        # JSON-stat allows a single category without an index.
        codes = [str(next(iter(labels)))]
    else:
        raise JsonStatError("bad_index", dimension=dimension_id)
    if len(codes) != size:
        raise JsonStatError(
            "size_mismatch", dimension=dimension_id, size=size, categories=len(codes)
        )
    return tuple(codes)


def _dimensions(data: Mapping[str, Any]) -> tuple[Dimension, ...]:
    ids, sizes, dims = data.get("id"), data.get("size"), data.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims, dict):
        raise JsonStatError("not_dataset")
    if len(ids) != len(sizes):
        raise JsonStatError("not_dataset")
    result = []
    for dimension_id, size in zip(ids, sizes, strict=True):
        raw = dims.get(dimension_id)
        if not isinstance(raw, dict) or not isinstance(raw.get("category"), dict):
            raise JsonStatError("missing_dimension", dimension=str(dimension_id))
        if not isinstance(size, int) or size < 0:
            raise JsonStatError("size_mismatch", dimension=str(dimension_id), size=size)
        category = raw["category"]
        codes = _category_codes(str(dimension_id), category, size)
        labels = category.get("label") or {}
        result.append(
            Dimension(
                id=str(dimension_id),
                label=str(raw.get("label") or dimension_id),
                codes=codes,
                labels={str(k): str(v) for k, v in labels.items()},
                extension=raw.get("extension") or {},
                units=category.get("unit") or {},
            )
        )
    return tuple(result)


def _number(value: Any, position: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise JsonStatError("bad_value", position=position, value=str(value)[:40])
    return float(value) if isinstance(value, float) else int(value)


def _values(
    data: Mapping[str, Any], size: int
) -> tuple[Sequence[float | None] | dict[int, float | None], bool]:
    raw = data.get("value")
    if isinstance(raw, list):
        if not raw:
            return [], False
        if len(raw) != size:
            raise JsonStatError("value_count", expected=size, found=len(raw))
        for i, v in enumerate(raw):
            _number(v, i)
        return raw, True
    if isinstance(raw, dict):
        values: dict[int, float | None] = {}
        for key, value in raw.items():
            try:
                position = int(key)
            except ValueError:
                raise JsonStatError("bad_value", position=key, value=str(value)[:40]) from None
            if not 0 <= position < size:
                raise JsonStatError("value_count", expected=size, found=position + 1)
            values[position] = _number(value, position)
        return values, bool(values)
    raise JsonStatError("not_dataset")


def _status(raw: Any, size: int) -> dict[int, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return dict.fromkeys(range(size), raw)
    if isinstance(raw, list):
        return {i: str(s) for i, s in enumerate(raw) if s not in (None, "")}
    if isinstance(raw, dict):
        marks: dict[int, str] = {}
        for key, mark in raw.items():
            try:
                marks[int(key)] = str(mark)
            except ValueError:
                continue
        return marks
    return {}


def parse(payload: str | bytes | Mapping[str, Any]) -> Dataset:
    """Read a JSON-stat 2.0 dataset; raise :class:`JsonStatError` when it is not one."""
    data = _loads(payload)
    if data.get("class") != "dataset" or not str(data.get("version", "")).startswith("2"):
        raise JsonStatError("not_dataset")
    dimensions = _dimensions(data)
    size = math.prod(len(d.codes) for d in dimensions)
    values, has_values = _values(data, size)
    extension = data.get("extension") or {}
    px = extension.get("px") or {}
    notes = data.get("note") or []
    if isinstance(notes, str):
        notes = [notes]
    mandatory = extension.get("noteMandatory") or {}
    mandatory_notes = tuple(
        str(note) for i, note in enumerate(notes) if mandatory.get(str(i)) is True
    )
    roles = {str(k): tuple(str(x) for x in v) for k, v in (data.get("role") or {}).items()}
    return Dataset(
        label=str(data.get("label") or ""),
        source=str(data.get("source") or ""),
        updated=_updated(data.get("updated")),
        table_id=str(px.get("tableid") or ""),
        dimensions=dimensions,
        roles=roles,
        values=values,
        status=_status(data.get("status"), size),
        notes=tuple(str(n) for n in notes),
        mandatory_notes=mandatory_notes,
        aggregation_allowed=px.get("aggregallowed")
        if isinstance(px.get("aggregallowed"), bool)
        else None,
        official=px.get("official-statistics")
        if isinstance(px.get("official-statistics"), bool)
        else None,
        has_values=has_values,
    )
