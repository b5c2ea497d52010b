"""Fetch one EU source now, or make sure the daily sync is queued."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omvarld.core.http_client import SourceError
from omvarld.core.scheduling import ScheduleError
from omvarld.eu_monitoring.constants import Source
from omvarld.eu_monitoring.sync import SyncSummary, eu_sync_source
from omvarld.eu_monitoring.tasks import eu_sync_schedule_ensure

SOURCES = [Source.EURLEX.value, Source.HAVE_YOUR_SAY.value, Source.EUROPARL.value]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def report(command: BaseCommand, summary: SyncSummary) -> None:
    """Print what a sync or an import did, one line per kind of row and one per error."""
    created = ", ".join(f"{k} {v}" for k, v in sorted(summary.created.items())) or "nothing"
    updated = ", ".join(f"{k} {v}" for k, v in sorted(summary.updated.items())) or "nothing"
    command.stdout.write(
        f"{summary.fetches} payload(s), {summary.records} record(s) applied; "
        f"created: {created}; updated: {updated}"
    )
    for error in summary.errors:
        command.stderr.write(f"  skipped {error['where']}: {error['error']}")


class Command(BaseCommand):
    help = (
        "Fetch one EU source (EUR-Lex/CELLAR, Have Your Say or the Parliament's open data) and "
        "apply what it gives, or with --schedule make sure the daily sync task is queued."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--source", choices=SOURCES)
        parser.add_argument(
            "--since", type=_date, metavar="YYYY-MM-DD", help="default: the last 30 days"
        )
        parser.add_argument(
            "--schedule", action="store_true", help="queue the daily sync unless it is queued"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            try:
                when = timezone.localtime(eu_sync_schedule_ensure())
            except ScheduleError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"The daily EU sync is queued for {when:%Y-%m-%d %H:%M %Z}.")
            if not options["source"]:
                return
        source = options["source"]
        if not source:
            raise CommandError("Give --source (eurlex, haveyoursay or europarl) or --schedule.")
        try:
            summary = eu_sync_source(source=source, since=options["since"])
        except SourceError as exc:
            raise CommandError(
                f"{exc}. Nothing was changed. Without network access, fetch the payloads "
                f"elsewhere and load them with: manage.py eu_import FILE --source {source}"
            ) from None
        report(self, summary)
