"""Loading the programme goals from their data file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ProgrammeGoal

GOALS_FILE = Path(__file__).resolve().parent.parent / "data" / "goals.yaml"


class GoalsFileError(Exception):
    """The goals file cannot be read; the message is for the user, in Swedish."""


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoalsFileError(
            _("The goals file %(path)s cannot be read: %(error)s") % {"path": path, "error": exc}
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("goals"), list):
        raise GoalsFileError(_("The goals file %(path)s has no list 'goals'.") % {"path": path})
    return data


@transaction.atomic
def goals_load_file(*, path: Path = GOALS_FILE) -> dict[str, int]:
    """Create or update the programme goals of the file; idempotent. Returns the counts."""
    data = _read(path)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for position, entry in enumerate(data["goals"]):
        values = {
            "label_sv": str(entry["label_sv"]),
            "label_en": str(entry.get("label_en", "")),
            "description_sv": str(entry.get("description_sv", "")).strip(),
            "source": str(entry.get("source") or data.get("source", "")).strip(),
            "position": position,
        }
        goal = ProgrammeGoal.objects.filter(code=entry["code"]).first()
        if goal is None:
            goal = ProgrammeGoal(code=entry["code"], **values)
            goal.full_clean()
            goal.save()
            counts["created"] += 1
        elif any(getattr(goal, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(goal, key, value)
            goal.full_clean()
            goal.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def goals_load_reference(*, path: Path | None) -> dict[str, int]:
    """The programme goals as reference data (registered in the app's ``ready()``)."""
    return goals_load_file(path=path or GOALS_FILE)
