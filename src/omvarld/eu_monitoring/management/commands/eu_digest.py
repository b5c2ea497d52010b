"""Send the weekly digest now, show who would get what, or queue the weekly task."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omvarld.core.scheduling import ScheduleError
from omvarld.eu_monitoring.services.digest import digests_send
from omvarld.eu_monitoring.tasks import digest_schedule_ensure


class Command(BaseCommand):
    help = (
        "Send every member of a body the EU initiatives routed to their bodies in the past week, "
        "their bodies' steps due within 30 days (from every part of the platform) and reminders "
        "of the steps past their date and not done; nobody gets an empty digest."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would get what and send nothing"
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the weekly digest task (Mondays 07:00) unless it is queued, send nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            try:
                when = timezone.localtime(digest_schedule_ensure())
            except ScheduleError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"The weekly EU digest is queued for {when:%Y-%m-%d %H:%M %Z}.")
            return
        dry_run = options["dry_run"]
        digests = digests_send(dry_run=dry_run)
        for digest in digests:
            self.stdout.write(
                f"{digest.user.email}: {len(digest.new)} new initiative(s), "
                f"{len(digest.upcoming)} step(s) due, {len(digest.overdue)} reminder(s)"
            )
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{len(digests)} digest(s) {verb}.")
