"""``manage.py load_reference_data``: load every app's reference data files now."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omvarld.core.contributions import ReferenceDataError
from omvarld.core.services import reference_data_load


class Command(BaseCommand):
    help = (
        "Load the reference data of every app (the knowledge base, the default organisation, "
        "...) from their data files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            action="append",
            default=[],
            metavar="KEY=PATH",
            help="Load the data of KEY (e.g. knowledge, organisation) from PATH instead.",
        )
        parser.add_argument("--organisation-file", type=Path, default=None)
        parser.add_argument("--knowledge-dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        paths: dict[str, Path] = {}
        for given in options["path"]:
            key, sep, path = given.partition("=")
            if not sep or not key or not path:
                raise CommandError(f"--path needs KEY=PATH, not {given!r}")
            paths[key] = Path(path)
        if options["organisation_file"]:
            paths["organisation"] = options["organisation_file"]
        if options["knowledge_dir"]:
            paths["knowledge"] = options["knowledge_dir"]
        try:
            result = reference_data_load(paths=paths)
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
