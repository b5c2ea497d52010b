"""Writes of the programme goals: loading them from their data file.

The goals belong to the organisation (they are the municipality's programme), so every feature
app that ties its records to a goal refers to the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from .constants import GoalKind
from .models import Municipality, ProgrammeGoal
from .services import OrganisationFileError

GOALS_FILE = Path(__file__).resolve().parent / "data" / "goals.yaml"


class GoalFileError(OrganisationFileError):
    """The goals file cannot be read; the message names the file and the entry."""


@dataclass
class GoalLoad:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _read_goals(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoalFileError(
            _("The goals file %(path)s cannot be read: %(error)s")
            % {"path": path, "error": exc.strerror}
        ) from exc
    except yaml.YAMLError as exc:
        raise GoalFileError(
            _("The goals file %(path)s is not valid YAML: %(error)s") % {"path": path, "error": exc}
        ) from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise GoalFileError(_("%(path)s: not a version 1 goals file") % {"path": path})
    goals = data.get("goals")
    if not isinstance(goals, list) or not goals:
        raise GoalFileError(_("%(path)s: the file lists no goals") % {"path": path})
    seen: set[str] = set()
    for number, entry in enumerate(goals, start=1):
        if not isinstance(entry, dict):
            raise GoalFileError(
                _("%(path)s, goal %(number)s: not a goal") % {"path": path, "number": number}
            )
        missing = [k for k in ("code", "kind", "name_sv", "source") if not entry.get(k)]
        if missing:
            raise GoalFileError(
                _("%(path)s, goal %(number)s: %(fields)s missing")
                % {"path": path, "number": number, "fields": ", ".join(missing)}
            )
        if entry["kind"] not in GoalKind.values:
            raise GoalFileError(
                _("%(path)s, goal %(code)s: unknown kind %(kind)s")
                % {"path": path, "code": entry["code"], "kind": entry["kind"]}
            )
        if entry["code"] in seen:
            raise GoalFileError(
                _("%(path)s: the goal %(code)s appears twice")
                % {"path": path, "code": entry["code"]}
            )
        seen.add(entry["code"])
    return data


def _values(entry: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "kind": entry["kind"],
        "name_sv": str(entry["name_sv"]).strip(),
        "name_en": str(entry.get("name_en", "")).strip(),
        "description": " ".join(str(entry.get("description", "")).split()),
        "source": " ".join(str(entry["source"]).split()),
        "source_url": str(entry.get("source_url", "")).strip(),
        "position": position,
        "active": True,
    }


def goal_load_file(*, path: Path = GOALS_FILE, force: bool = False) -> GoalLoad:
    """Load the programme goals from their file, by code: new ones are created, changed ones
    updated; a goal the file no longer lists is made inactive (records may still refer to it).

    The shipped file is for the municipality it names and loads nothing elsewhere; ``force``
    loads a file whatever the municipality (a municipality's own file given on the command line).
    Atomic: a bad entry leaves the goals as they were.
    """
    data = _read_goals(path)
    result = GoalLoad()
    municipality = str(data.get("municipality", ""))
    if not force and not Municipality.objects.filter(code=municipality).exists():
        return result
    with transaction.atomic():
        existing = {g.code: g for g in ProgrammeGoal.objects.all()}
        for position, entry in enumerate(data["goals"], start=1):
            values = _values(entry, position)
            goal = existing.get(entry["code"])
            if goal is None:
                goal = ProgrammeGoal(code=entry["code"], **values)
                result.created += 1
            elif any(getattr(goal, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(goal, name, value)
                result.updated += 1
            else:
                result.unchanged += 1
                continue
            goal.full_clean()
            goal.save()
        listed = {str(entry["code"]) for entry in data["goals"]}
        for goal in existing.values():
            if goal.code not in listed and goal.active:
                goal.active = False
                goal.save(update_fields=["active"])
                result.deactivated += 1
    return result


def goal_load_reference(*, path: Path | None) -> dict[str, int]:
    """The programme goals as reference data: the shipped file for the municipality it names, or
    a municipality's own file given by path."""
    return goal_load_file(path=path or GOALS_FILE, force=path is not None).as_dict()
