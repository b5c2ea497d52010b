"""Apply payloads of an EU source from disk, for installations without network access."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from omvarld.eu_monitoring.sync import SyncSummary, eu_import_file

from .eu_sync import SOURCES, report


class Command(BaseCommand):
    help = (
        "Apply payloads saved from an EU source (the same JSON the source answers: SPARQL JSON "
        "results for eurlex, searchInitiatives or groupInitiatives for haveyoursay, /procedures "
        "JSON-LD for europarl). Each file is stored with its provenance; a record that cannot be "
        "read is listed and does not stop the others."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--source", choices=SOURCES, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        missing = [str(p) for p in files if not p.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        total = SyncSummary()
        for path in files:
            try:
                payload = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from None
            total.merge(eu_import_file(source=options["source"], path=str(path), payload=payload))
        report(self, total)
