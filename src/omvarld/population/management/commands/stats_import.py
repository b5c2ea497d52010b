"""Import payloads saved from SCB's PxWebApi 2.0 (JSON-stat 2.0), for installations without
network access."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from omvarld.population.importing import ImportSummary
from omvarld.population.services import NoMunicipalityError, stats_import_file

from .stats_sync import report


class Command(BaseCommand):
    help = (
        "Import files holding what SCB's API answers (GET /tables/{id}/data or /metadata with "
        "outputFormat=json-stat2). Each file is kept with its provenance; a cell that cannot be "
        "read is listed with its place and the rest is imported. Importing a file again changes "
        "nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        total = ImportSummary()
        for path in files:
            try:
                summary = stats_import_file(path=path)
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from None
            except NoMunicipalityError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"{path.name}: table {summary.table_id or '?'}")
            total.merge(summary)
        report(self, total)
