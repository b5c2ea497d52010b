"""``manage.py plans_load_goals [FILE]``: load the programme goals from a goals file (the
shipped one for Norrköping by default; a municipality's own file is loaded whatever its code)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omvarld.plans.services import DATA_FILE, GoalFileError, goal_load_file


class Command(BaseCommand):
    help = "Load the programme goals from a goals file (same format as plans/data/goals.yaml)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["file"]
        try:
            result = goal_load_file(path=path or DATA_FILE, force=path is not None)
        except GoalFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result.as_dict()))
