"""``manage.py exchange_erase_guests``: erase named guests past their retention date now, or
(``--schedule``) queue the daily task that does it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from omvarld.exchange.services.personal_data import guests_erase_expired
from omvarld.exchange.tasks import erase_schedule_ensure


class Command(BaseCommand):
    help = "Erase the data of named guests whose retention date has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--schedule", action="store_true", help="Queue the daily task instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            run = erase_schedule_ensure()
            self.stdout.write(f"next run: {timezone.localtime(run):%Y-%m-%d %H:%M}")
            return
        erased = guests_erase_expired(today=options["today"])
        self.stdout.write(f"guests erased: {erased}")
