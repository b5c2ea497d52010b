"""``manage.py reanalyse_items``: code stored items again after the engine or knowledge changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omvarld.meetings.models import AgendaItem
from omvarld.meetings.services_analysis import engine_default, items_reanalyse
from omvarld.organisation.models import Body


class Command(BaseCommand):
    help = (
        "Analyse stored agenda items again with the current engine and knowledge files. Earlier "
        "analyses stay in each item's history; reviewed items keep their reviewed coding; items "
        "already analysed by this engine and knowledge version are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", help="Only this body's items (its short name).")

    def handle(self, *args: Any, **options: Any) -> None:
        items = AgendaItem.objects.order_by("pk")
        if options["body"]:
            body = Body.objects.filter(short_name=options["body"]).first()
            if body is None:
                raise CommandError(f"Okänt organ: {options['body']}")
            items = items.filter(meeting__body=body)
        engine = engine_default()
        count = items_reanalyse(items=items, engine=engine)
        self.stdout.write(
            f"{count} of {items.count()} items analysed anew "
            f"(engine {engine.engine_version}, knowledge {engine.knowledge_version})."
        )
