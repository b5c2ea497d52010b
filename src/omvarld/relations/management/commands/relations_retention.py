"""List, erase or schedule the erasure of contacts past their retention date."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omvarld.core.scheduling import ScheduleError
from omvarld.relations.privacy import retention_due, retention_sweep
from omvarld.relations.tasks import relations_retention_schedule_ensure


class Command(BaseCommand):
    help = (
        "List the contacts whose retention date has passed (numbers, partners and dates, no "
        "names); --erase erases them; --schedule queues the nightly sweep (03:00)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--erase", action="store_true", help="erase them now")
        group.add_argument(
            "--schedule", action="store_true", help="queue the nightly sweep unless it is queued"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            try:
                when = timezone.localtime(relations_retention_schedule_ensure())
            except ScheduleError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"The retention sweep is queued for {when:%Y-%m-%d %H:%M %Z}.")
            return
        due = list(retention_due())
        for contact in due:
            self.stdout.write(
                f"contact {contact.pk}\t{contact.partner}\tkeep until {contact.retention_until}"
            )
        if options["erase"]:
            erased = retention_sweep()
            self.stdout.write(f"{len(erased)} contact(s) erased.")
        else:
            self.stdout.write(f"{len(due)} contact(s) past their retention date.")
