"""The mapping of SCB's countries of birth (``data/countries.yaml``): loading it, and finding the
country an SCB category stands for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from omvarld.core.contributions import ReferenceDataError

from .constants import CountryGroup, CountryKind
from .models import Country

__all__ = [
    "COUNTRIES_FILE",
    "CountryFileError",
    "CountryMatcher",
    "LoadResult",
    "country_load_file",
    "read_country_file",
]

COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.yaml"
_FIELDS = ("name_sv", "name_en", "scb_codes", "iso_alpha2", "kind", "group", "note")


class CountryFileError(ReferenceDataError):
    """The mapping file cannot be read; the message says where."""


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def read_country_file(path: Path = COUNTRIES_FILE) -> list[dict[str, Any]]:
    """The entries of the file as model fields, checked; raise :class:`CountryFileError`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CountryFileError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise CountryFileError(f"{path}: expected 'version: 1' and a list of countries")
    entries = []
    groups, kinds = set(CountryGroup.values), set(CountryKind.values)
    for n, raw in enumerate(data.get("countries") or [], start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            raise CountryFileError(f"{path}: entry {n} has no key")
        entry = {
            "key": raw["key"],
            "name_sv": str(raw.get("sv") or "").strip(),
            "name_en": str(raw.get("en") or "").strip(),
            "scb_codes": [str(c) for c in raw.get("scb") or []],
            "iso_alpha2": str(raw.get("iso") or ""),
            "kind": str(raw.get("kind") or CountryKind.COUNTRY),
            "group": str(raw.get("group") or ""),
            "note": " ".join(str(raw.get("note") or "").split()),
        }
        if entry["group"] not in groups or entry["kind"] not in kinds or not entry["name_sv"]:
            raise CountryFileError(f"{path}: entry {n} ({entry['key']}) is incomplete")
        entries.append(entry)
    keys = [e["key"] for e in entries]
    names = [_normal(e["name_sv"]) for e in entries]
    codes = [c for e in entries for c in e["scb_codes"]]
    for what, values in (("key", keys), ("Swedish name", names), ("SCB code", codes)):
        twice = {v for v in values if values.count(v) > 1}
        if twice:
            raise CountryFileError(f"{path}: {what} given twice: {', '.join(sorted(twice))}")
    return entries


@transaction.atomic
def country_load_file(*, path: Path = COUNTRIES_FILE) -> LoadResult:
    """Create or update the countries of the file; countries not in it are left alone."""
    result = LoadResult()
    existing = {c.key: c for c in Country.objects.all()}
    for entry in read_country_file(path):
        country = existing.get(entry["key"])
        if country is None:
            country = Country(key=entry["key"])
            changed = True
        else:
            changed = any(getattr(country, f) != entry[f] for f in _FIELDS)
        if not changed:
            result.unchanged += 1
            continue
        created = country.pk is None
        for name in _FIELDS:
            setattr(country, name, entry[name])
        try:
            country.full_clean()
        except ValidationError as exc:
            raise CountryFileError(f"{path}: {entry['key']}: {'; '.join(exc.messages)}") from None
        country.save()
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result


@dataclass
class CountryMatcher:
    """Finds the platform's country for an SCB category: by code, then by SCB's Swedish name."""

    by_code: dict[str, Country] = field(default_factory=dict)
    by_name: dict[str, Country] = field(default_factory=dict)

    @classmethod
    def from_countries(cls, countries: Iterable[Country]) -> CountryMatcher:
        matcher = cls()
        for country in countries:
            for code in country.scb_codes:
                matcher.by_code[code] = country
            matcher.by_name[_normal(country.name_sv)] = country
        return matcher

    @classmethod
    def load(cls) -> CountryMatcher:
        return cls.from_countries(Country.objects.all())

    def find(self, code: str, label: str) -> Country | None:
        return self.by_code.get(code) or self.by_name.get(_normal(label))
