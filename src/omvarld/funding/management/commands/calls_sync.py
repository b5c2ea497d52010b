"""Fetch the open and forthcoming calls of the Funding & Tenders portal now, or make sure the
daily sync is queued."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omvarld.core.http_client import SourceError
from omvarld.core.scheduling import ScheduleError
from omvarld.funding.sync import CallSyncSummary, calls_sync_portal
from omvarld.funding.tasks import calls_sync_schedule_ensure


def report(command: BaseCommand, summary: CallSyncSummary) -> None:
    """Print what a sync or an import did, and one line per record that could not be read."""
    command.stdout.write(
        f"{summary.fetches} payload(s), {summary.records} call(s) applied: "
        f"{summary.created} new, {summary.updated} changed"
    )
    for error in summary.errors:
        command.stderr.write(f"  skipped {error['where']}: {error['error']}")


class Command(BaseCommand):
    help = (
        "Fetch the open and forthcoming calls of the EU Funding & Tenders portal, store each "
        "answer with its provenance and match the calls to bodies; or with --schedule make sure "
        "the daily sync (05:30) is queued."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--schedule", action="store_true", help="queue the daily sync unless it is queued"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            try:
                when = timezone.localtime(calls_sync_schedule_ensure())
            except ScheduleError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"The daily call sync is queued for {when:%Y-%m-%d %H:%M %Z}.")
            return
        try:
            summary = calls_sync_portal()
        except SourceError as exc:
            raise CommandError(
                f"{exc}. Nothing was changed. Without network access, save the portal's answers "
                "elsewhere and load them with: manage.py calls_import FILE"
            ) from None
        report(self, summary)
