"""Apply files of calls, for installations without network access or calls from other sources."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from omvarld.funding.sync import CallSyncSummary, calls_import_file

from .calls_sync import report


class Command(BaseCommand):
    help = (
        "Apply files of calls: a saved answer of the Funding & Tenders portal's search (JSON) or a "
        "table of calls (CSV; see docs/funding.md). Each file is stored with its provenance; a "
        "record that cannot be read is listed and does not stop the others."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        missing = [str(p) for p in files if not p.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        total = CallSyncSummary()
        for path in files:
            try:
                payload = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from None
            total.merge(calls_import_file(name=str(path), payload=payload))
        report(self, total)
