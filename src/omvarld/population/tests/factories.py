"""Factories of the population tests, and a builder of JSON-stat 2.0 payloads in SCB's shape.

The payloads built here follow the format of the real recorded responses in
``../shared/data/statistics/scb-pxwebapi2/`` (``TAB6471_data.json``): ``version``, ``class``,
``id``, ``size``, ``dimension`` with ``category.index``/``label``, ``role``, ``extension.px``,
``value`` row-major and ``status`` by position. Their figures are made up for the tests unless a
test says where they come from.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import Any

import factory
from factory.declarations import LazyAttribute, SubFactory
from factory.declarations import Sequence as Counted

from omvarld.population.constants import CountryGroup, CountryKind, FetchKind, Measure
from omvarld.population.models import Country, Fetch, Observation, StatTable

Dim = tuple[str, str, Sequence[tuple[str, str]]]


def jsonstat_payload(
    *,
    table_id: str,
    dims: Sequence[Dim],
    values: Mapping[tuple[str, ...], int | None] | None = None,
    status: Mapping[tuple[str, ...], str] | None = None,
    label: str = "Testtabell",
    updated: str = "2026-02-24T07:00:00Z",
    aggregallowed: bool | None = None,
    notes: Sequence[str] = (),
    time: str = "Tid",
    metric: str | None = "ContentsCode",
    metadata: bool = False,
) -> str:
    """A JSON-stat 2.0 dataset as SCB writes it. ``values`` is keyed by the codes of every
    dimension in order; a position not given is ``null`` (no figure)."""
    dimension: dict[str, Any] = {}
    for dim_id, dim_label, categories in dims:
        dimension[dim_id] = {
            "label": dim_label,
            "category": {
                "index": {code: i for i, (code, _) in enumerate(categories)},
                "label": dict(categories),
            },
            "extension": {"elimination": dim_id not in (time, metric, "Region")},
        }
    combos = list(itertools.product(*[[c for c, _ in d[2]] for d in dims]))
    value_list = [] if metadata else [(values or {}).get(c) for c in combos]
    status_map = {str(i): (status or {})[c] for i, c in enumerate(combos) if c in (status or {})}
    px: dict[str, Any] = {"tableid": table_id, "official-statistics": True}
    if aggregallowed is not None:
        px["aggregallowed"] = aggregallowed
    payload: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "SCB",
        "updated": updated,
        "note": list(notes),
        "role": {"time": [time], **({"metric": [metric]} if metric else {})},
        "id": [d[0] for d in dims],
        "size": [len(d[2]) for d in dims],
        "dimension": dimension,
        "extension": {
            "noteMandatory": {str(i): True for i in range(len(notes))},
            "px": px,
        },
        "value": value_list,
    }
    if status_map:
        payload["status"] = status_map
    return json.dumps(payload, ensure_ascii=False)


def birth_country_payload(
    cells: Mapping[tuple[str, str, str], int | None],
    *,
    table_id: str = "TAB9001",
    countries: Sequence[tuple[str, str]] | None = None,
    regions: Sequence[tuple[str, str]] = (("00", "Riket"), ("0581", "Norrköping")),
    status: Mapping[tuple[str, str, str], str] | None = None,
) -> str:
    """A table shaped like FolkmRegFlandK (population by region, country of birth and sex),
    keyed by (region, country code, year)."""
    countries = countries or [
        ("TOT", "Samtliga födelseländer"),
        ("SE", "Sverige"),
        ("FI", "Finland"),
        ("SY", "Syrien"),
        ("IQ", "Irak"),
    ]
    years = sorted({year for _, _, year in cells})
    dims: list[Dim] = [
        ("Region", "region", regions),
        ("Fodelseregion", "födelseland", countries),
        ("Kon", "kön", [("TotSa", "totalt, samtliga män och kvinnor")]),
        ("ContentsCode", "tabellinnehåll", [("000001NX", "Antal")]),
        ("Tid", "år", [(y, y) for y in years]),
    ]
    return jsonstat_payload(
        table_id=table_id,
        dims=dims,
        label="Folkmängden efter region, födelseland och kön",
        values={(r, c, "TotSa", "000001NX", y): v for (r, c, y), v in cells.items()},
        status={(r, c, "TotSa", "000001NX", y): s for (r, c, y), s in (status or {}).items()},
    )


class CountryFactory(factory.django.DjangoModelFactory[Country]):
    class Meta:
        model = Country
        django_get_or_create = ("key",)

    key = Counted(lambda n: f"Z{n}")
    name_sv = Counted(lambda n: f"Testland {n}")
    name_en = Counted(lambda n: f"Testland {n}")
    scb_codes = LazyAttribute(lambda o: [o.key])
    iso_alpha2 = ""
    kind = CountryKind.COUNTRY
    group = CountryGroup.ASIA


class StatTableFactory(factory.django.DjangoModelFactory[StatTable]):
    class Meta:
        model = StatTable
        django_get_or_create = ("table_id",)

    table_id = Counted(lambda n: f"TAB9{n:03d}")
    label = "Folkmängden efter region, födelseland och kön"


class FetchFactory(factory.django.DjangoModelFactory[Fetch]):
    class Meta:
        model = Fetch

    kind = FetchKind.FILE
    request = "file test.json"
    payload = "{}"
    sha256 = Counted(lambda n: f"{n:064x}")


class ObservationFactory(factory.django.DjangoModelFactory[Observation]):
    class Meta:
        model = Observation

    table = SubFactory(StatTableFactory)
    measure = Measure.BIRTH_COUNTRY
    region = "0581"
    year = 2016
    period = LazyAttribute(lambda o: str(o.year))
    category = ""
    value = 0
