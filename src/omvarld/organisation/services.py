"""Writes to the organisation: loading the organisation data file."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omvarld.core.contributions import ReferenceDataError
from omvarld.core.updates import model_update
from omvarld.knowledge.models import PolicyArea

from .constants import BodyKind
from .models import Body, Municipality, Office


class OrganisationFileError(ReferenceDataError):
    """The organisation data file cannot be read; the message is for the user, in Swedish."""


@dataclass
class LoadSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    messages: list[str] = field(default_factory=list)

    def count(self, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OrganisationFileError(
            _("The organisation file %(path)s cannot be read: %(error)s")
            % {"path": path, "error": exc.strerror}
        ) from exc
    except yaml.YAMLError as exc:
        raise OrganisationFileError(
            _("The organisation file %(path)s is not valid YAML: %(error)s")
            % {"path": path, "error": exc}
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("municipality"), dict):
        raise OrganisationFileError(
            _("The organisation file %(path)s has no 'municipality' section.") % {"path": path}
        )
    return data


#: Fields that officers keep up to date in the platform: the file only fills them when empty.
PROFILE_FIELDS = ("description", "contact_email")


def _upsert(
    model: type[Any], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[Any, bool, bool]:
    """Create or update one row; a profile field someone filled in the platform is kept."""
    instance = model.objects.filter(**lookup).first()
    created = instance is None
    instance, changed = model_update(
        instance=instance or model(**lookup), data=values, keep=PROFILE_FIELDS
    )
    return instance, created, changed and not created


def _date(value: Any, where: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise OrganisationFileError(
            _("%(where)s: '%(value)s' is not a date (YYYY-MM-DD).")
            % {"where": where, "value": value}
        ) from exc


@transaction.atomic
def organisation_load_file(*, path: Path) -> LoadSummary:
    """Load the municipality, its bodies and its offices from a YAML file.

    Idempotent: running it twice changes nothing the second time. Atomic: a bad entry leaves the
    database as it was and raises :class:`OrganisationFileError` naming the entry.
    """
    data = _read(path)
    summary = LoadSummary()
    m = data["municipality"]
    try:
        municipality, created, changed = _upsert(
            Municipality,
            {"code": str(m.get("code", ""))},
            {
                "name": m.get("name", ""),
                "county": m.get("county", ""),
                "website": m.get("website", ""),
            },
        )
        summary.count(created, changed)
        bodies: dict[str, Body] = {}
        for entry in data.get("bodies") or []:
            where = _("body %(name)s") % {"name": entry.get("short_name", "?")}
            kind = entry.get("kind")
            if kind not in BodyKind.values:
                raise OrganisationFileError(
                    _("%(where)s: unknown kind '%(kind)s'.") % {"where": where, "kind": kind}
                )
            body, created, changed = _upsert(
                Body,
                {"municipality": municipality, "short_name": entry["short_name"]},
                {
                    "name": entry["name"],
                    "kind": kind,
                    "description": entry.get("description", ""),
                    "contact_email": entry.get("contact_email", ""),
                    "active_from": _date(entry.get("active_from"), where),
                    "active_until": _date(entry.get("active_until"), where),
                },
            )
            summary.count(created, changed)
            bodies[body.short_name] = body
        area_codes = {a.code: a for a in PolicyArea.objects.all()}
        for entry in data.get("bodies") or []:
            body = bodies[entry["short_name"]]
            codes = entry.get("areas") or []
            unknown = [code for code in codes if code not in area_codes]
            if unknown:
                raise OrganisationFileError(
                    _(
                        "%(where)s names unknown policy areas: %(codes)s. "
                        "Load the knowledge base first."
                    )
                    % {"where": entry["short_name"], "codes": ", ".join(unknown)}
                )
            wanted_areas = {area_codes[code] for code in codes}
            if set(body.areas.all()) != wanted_areas:
                body.areas.set(wanted_areas)
            wanted = {
                _lookup(bodies, name, entry["short_name"]) for name in entry.get("predecessors", [])
            }
            body = bodies[entry["short_name"]]
            if set(body.predecessors.all()) != wanted:
                body.predecessors.set(wanted)
        for entry in data.get("offices") or []:
            where = _("office %(name)s") % {"name": entry.get("short_name", "?")}
            office, created, changed = _upsert(
                Office,
                {"municipality": municipality, "short_name": entry["short_name"]},
                {
                    "name": entry["name"],
                    "description": entry.get("description", ""),
                    "contact_email": entry.get("contact_email", ""),
                    "active_from": _date(entry.get("active_from"), where),
                    "active_until": _date(entry.get("active_until"), where),
                },
            )
            wanted = {
                _lookup(bodies, name, entry["short_name"]) for name in entry.get("bodies", [])
            }
            if set(office.bodies.all()) != wanted:
                office.bodies.set(wanted)
                changed = True
            summary.count(created, changed)
    except KeyError as exc:
        raise OrganisationFileError(
            _("The organisation file %(path)s lacks the field %(field)s in an entry.")
            % {"path": path, "field": exc.args[0]}
        ) from exc
    except ValidationError as exc:
        raise OrganisationFileError(
            _("The organisation file %(path)s has an invalid entry: %(error)s")
            % {"path": path, "error": "; ".join(exc.messages)}
        ) from exc
    return summary


def _lookup(bodies: dict[str, Body], short_name: str, referrer: str) -> Body:
    try:
        return bodies[short_name]
    except KeyError:
        raise OrganisationFileError(
            _("%(referrer)s refers to the body %(name)s, which is not in the file.")
            % {"referrer": referrer, "name": short_name}
        ) from None


@transaction.atomic
def body_update_profile(*, body: Body, description: str, contact_email: str) -> Body:
    """Change a body's description and contact address."""
    body.description = description
    body.contact_email = contact_email
    body.full_clean()
    body.save(update_fields=["description", "contact_email"])
    return body


def organisation_load_reference(*, path: Path | None) -> dict[str, Any]:
    """The default organisation as reference data (registered in the app's ``ready()``)."""
    summary = organisation_load_file(path=path or Path(settings.ORGANISATION_FILE))
    return {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged}
