"""Loading the programme file: idempotent, matched on each programme's code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omvarld.core.contributions import ReferenceDataError
from omvarld.knowledge.models import PolicyArea

from ..constants import Eligibility, Management
from ..models import Programme

PROGRAMMES_FILE = Path(__file__).resolve().parent.parent / "data" / "programmes.yaml"
_REQUIRED = ("code", "name_sv", "management", "period", "managing_authority", "eligibility", "url")


class ProgrammeFileError(ReferenceDataError):
    """The programme file cannot be loaded; the message names the entry and the problem."""


@dataclass
class ProgrammeLoad:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _fields(entry: dict[str, Any]) -> dict[str, Any]:
    missing = [key for key in _REQUIRED if not entry.get(key)]
    if missing:
        raise ProgrammeFileError(
            _("%(code)s: missing %(fields)s")
            % {"code": entry.get("code", "?"), "fields": ", ".join(missing)}
        )
    if entry["management"] not in Management.values:
        raise ProgrammeFileError(
            _("%(code)s: unknown management %(value)s")
            % {"code": entry["code"], "value": entry["management"]}
        )
    if entry["eligibility"] not in Eligibility.values:
        raise ProgrammeFileError(
            _("%(code)s: unknown eligibility %(value)s")
            % {"code": entry["code"], "value": entry["eligibility"]}
        )
    period = entry["period"]
    if not (
        isinstance(period, list) and len(period) == 2 and all(isinstance(y, int) for y in period)
    ):
        raise ProgrammeFileError(
            _("%(code)s: the period must be [first year, last year]") % {"code": entry["code"]}
        )
    sources = entry.get("sources") or []
    if not sources or not all(isinstance(s, dict) and s.get("url") for s in sources):
        raise ProgrammeFileError(
            _("%(code)s: every programme needs sources with addresses") % {"code": entry["code"]}
        )
    return {
        "name_sv": str(entry["name_sv"]),
        "name_en": str(entry.get("name_en") or ""),
        "fund": str(entry.get("fund") or ""),
        "management": entry["management"],
        "period_start": period[0],
        "period_end": period[1],
        "managing_authority": str(entry["managing_authority"]),
        "national_contact": str(entry.get("national_contact") or ""),
        "eligibility": entry["eligibility"],
        "eligibility_note": str(entry.get("eligibility_note") or ""),
        "url": str(entry["url"]),
        "sources": sources,
        "portal_prefixes": [str(p).upper() for p in entry.get("portal_prefixes") or []],
    }


@transaction.atomic
def programmes_load_file(*, path: Path | None = None) -> ProgrammeLoad:
    """Create or update the programmes of the file (default: the one shipped); nothing is deleted.

    The policy areas must be loaded first (they come with the knowledge base).
    """
    path = path or PROGRAMMES_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ProgrammeFileError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ProgrammeFileError(_("%(path)s: not a version 1 programme file") % {"path": path})
    areas = {a.code: a for a in PolicyArea.objects.all()}
    result = ProgrammeLoad()
    for entry in data.get("programmes") or []:
        fields = _fields(entry)
        codes = [str(c) for c in entry.get("areas") or []]
        unknown = [c for c in codes if c not in areas]
        if unknown:
            raise ProgrammeFileError(
                _("%(code)s: unknown areas %(codes)s")
                % {"code": entry["code"], "codes": ", ".join(unknown)}
            )
        programme = Programme.objects.filter(code=entry["code"]).first()
        created = programme is None
        programme = programme or Programme(code=entry["code"])
        changed = [name for name, value in fields.items() if getattr(programme, name) != value]
        for name in changed:
            setattr(programme, name, fields[name])
        if created or changed:
            try:
                programme.full_clean()
            except ValidationError as exc:
                raise ProgrammeFileError(f"{entry['code']}: {'; '.join(exc.messages)}") from exc
            programme.save()
        current = set(programme.areas.values_list("code", flat=True))
        if current != set(codes):
            programme.areas.set([areas[c] for c in codes])
            changed.append("areas")
        if created:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def programmes_load_reference(*, path: Path | None) -> dict[str, int]:
    """The programme file as reference data (registered in the app's ``ready()``)."""
    return programmes_load_file(path=path).as_dict()
