"""Fetch the followed tables (or one) from Statistics Sweden now, or make sure the monthly sync
is queued."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omvarld.core.http_client import SourceError
from omvarld.core.scheduling import ScheduleError
from omvarld.population.importing import ImportSummary
from omvarld.population.problems import problem_text
from omvarld.population.services import NoMunicipalityError, stats_sync_now
from omvarld.population.tasks import stats_sync_schedule_ensure


def report(command: BaseCommand, summary: ImportSummary) -> None:
    """One line of counts, then one line per problem listed."""
    command.stdout.write(
        f"figures added {summary.created}, changed {summary.updated}, unchanged "
        f"{summary.unchanged}; cells skipped {summary.skipped}; problems {summary.problem_count}"
    )
    for item in summary.listed_problems():
        where = f"{item['where']}: " if item["where"] else ""
        command.stderr.write(f"  {item['level']}: {where}{problem_text(item)}")


class Command(BaseCommand):
    help = (
        "Fetch the tables on the residents' country of birth, background and migration from "
        "SCB's PxWebApi 2.0 for the organisation's municipality, its county and Sweden, and "
        "store their figures; or with --schedule make sure the monthly sync is queued."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--table", metavar="ID", help="one table, e.g. TAB638")
        parser.add_argument(
            "--since", type=int, metavar="YEAR", help="only periods from this year on"
        )
        parser.add_argument(
            "--schedule", action="store_true", help="queue the monthly sync unless it is queued"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            try:
                when = timezone.localtime(stats_sync_schedule_ensure())
            except ScheduleError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"The monthly SCB sync is queued for {when:%Y-%m-%d %H:%M %Z}.")
            return
        try:
            summary = stats_sync_now(table=options["table"], since=options["since"])
        except NoMunicipalityError as exc:
            raise CommandError(str(exc)) from None
        except SourceError as exc:
            raise CommandError(
                f"{exc}. What was fetched before is kept. Without network access, save the "
                "JSON-stat2 answers elsewhere and load them with: manage.py stats_import FILE"
            ) from None
        self.stdout.write(
            f"{len(summary.tables)} table(s) ({', '.join(summary.tables) or 'none'}), "
            f"{summary.fetches} call(s) to SCB"
        )
        report(self, summary.result)
