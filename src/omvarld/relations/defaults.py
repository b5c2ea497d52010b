"""The default relations data file: Norrköping's partners as the municipality describes them.

``relations_load_file`` is idempotent: partners are matched on name and country (the duplicate
check), missing ones are created, empty fields filled; memberships and agreements are created
when the partner has none of that title; nothing typed in the platform is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError

from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.models import Body, Municipality
from omvarld.organisation.services import OrganisationFileError

from . import services
from .models import Partner

DATA_FILE = Path(__file__).resolve().parent / "data" / "norrkoping_relations.yaml"


class RelationsFileError(OrganisationFileError):
    """The relations file cannot be read or names something that does not exist; a kind of
    organisation-file error, so ``load_reference_data`` reports it the same way."""


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RelationsFileError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise RelationsFileError(f"{path}: not a version 1 relations file")
    return data


@lru_cache(maxsize=4)
def home_place(path: Path = DATA_FILE) -> tuple[str, float, float] | None:
    """The municipality's own place on the map: (name, latitude, longitude)."""
    home = _read(path).get("home")
    if not home:
        return None
    return str(home["name"]), float(home["latitude"]), float(home["longitude"])


def _source_lines(data: dict[str, Any], keys: list[str]) -> str:
    lines = []
    for key in keys:
        source = data["sources"].get(key)
        if source is None:
            raise RelationsFileError(f"unknown source {key!r}")
        published = f", {source['published']}" if source.get("published") else ""
        lines.append(f"{source['publisher']}{published}: {source['url']}")
    return "\n".join(lines)


def _partner_fields(data: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    fields = {
        key: entry[key]
        for key in ("name_sv", "relation", "place", "website", "status", "description")
        if entry.get(key)
    }
    for key in ("latitude", "longitude"):
        if entry.get(key) is not None:
            fields[key] = Decimal(str(entry[key]))
    fields["sources"] = _source_lines(data, entry.get("sources", []))
    return fields


def _fill_empty(partner: Partner, fields: dict[str, Any]) -> bool:
    changes = {k: v for k, v in fields.items() if getattr(partner, k) in ("", None)}
    if changes:
        services.partner_update(partner=partner, user=None, changes=changes)
    return bool(changes)


def _check(data: dict[str, Any]) -> None:
    """The file's references before anything is written: sources, areas and partner names."""
    names = {entry["name"] for entry in data.get("partners", [])}
    codes = set(PolicyArea.objects.values_list("code", flat=True))
    entries = [*data.get("partners", []), *data.get("memberships", []), *data.get("agreements", [])]
    for entry in entries:
        _source_lines(data, entry.get("sources", []))
        unknown_areas = set(entry.get("areas", [])) - codes
        if unknown_areas:
            raise RelationsFileError(f"unknown areas {sorted(unknown_areas)}")
        unknown = {entry.get("partner"), *entry.get("partners", [])} - names - {None}
        if unknown:
            raise RelationsFileError(f"unknown partners {sorted(unknown)}")


def relations_load_file(*, path: Path = DATA_FILE) -> LoadResult:
    """Load the relations file into the register (after the organisation and knowledge base).

    The file is checked as a whole first; then each partner, membership and agreement is
    written in its own short transaction, so that the web server and the task worker keep
    writing during a reload (SQLite has one writer at a time).
    """
    data = _read(path)
    result = LoadResult()
    if not Municipality.objects.filter(code=str(data.get("municipality", ""))).exists():
        return result
    _check(data)
    bodies = list(Body.objects.filter(short_name__in=data.get("responsible", [])))
    by_name: dict[str, Partner] = {}
    for entry in data.get("partners", []):
        fields = _partner_fields(data, entry)
        areas = list(PolicyArea.objects.filter(code__in=entry.get("areas", [])))
        match = services.partner_find_duplicate(
            name=entry["name"],
            name_sv=entry.get("name_sv", ""),
            country=entry.get("country", ""),
            website=entry.get("website", ""),
        )
        try:
            if match is None:
                partner = services.partner_create(
                    user=None,
                    name=entry["name"],
                    kind=entry["kind"],
                    country=entry.get("country", ""),
                    bodies=bodies,
                    areas=areas,
                    **fields,
                )
                result.created += 1
            else:
                partner = match[0]
                if _fill_empty(partner, fields):
                    result.updated += 1
                else:
                    result.unchanged += 1
        except ValidationError as exc:
            raise RelationsFileError(f"{entry['name']}: {'; '.join(exc.messages)}") from exc
        by_name[entry["name"]] = partner
    for entry in data.get("memberships", []):
        partner = _named(by_name, entry["partner"])
        if not partner.memberships.exists():
            services.membership_create(
                user=None,
                partner=partner,
                body=bodies[0] if bodies else None,
                notes=entry.get("notes", ""),
            )
            result.created += 1
    for entry in data.get("agreements", []):
        parties = [_named(by_name, name) for name in entry["partners"]]
        if not parties[0].agreements.filter(title=entry["title"]).exists():
            services.agreement_create(
                user=None,
                partner=parties[0],
                other_partners=parties[1:],
                title=entry["title"],
                kind=entry["kind"],
                body=bodies[0] if bodies else None,
                summary=entry.get("summary", "").strip()
                + "\n\n"
                + _source_lines(data, entry.get("sources", [])),
            )
            result.created += 1
    return result


def _named(by_name: dict[str, Partner], name: str) -> Partner:
    try:
        return by_name[name]
    except KeyError:
        raise RelationsFileError(f"unknown partner {name!r}") from None


def relations_load_reference(*, path: Path | None) -> dict[str, int]:
    """The default partners as reference data (registered in the app's ``ready()``); after the
    organisation, whose bodies they name."""
    return relations_load_file(path=path or DATA_FILE).as_dict()
