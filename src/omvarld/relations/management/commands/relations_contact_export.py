"""A data subject's export: everything the relations register holds about one person, as JSON."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from omvarld.relations.privacy import contacts_find, export_json, person_export


def add_person_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--contact", type=int, help="the contact's number")
    parser.add_argument("--email", default="", help="every contact with this e-mail (any case)")
    parser.add_argument("--name", default="", help="every contact with this name (any case)")


def find(options: dict[str, Any]) -> list[Any]:
    if not (options["contact"] or options["email"] or options["name"]):
        raise CommandError("Name the person with --contact, --email or --name.")
    contacts = contacts_find(
        contact_id=options["contact"], email=options["email"], name=options["name"]
    )
    if not contacts:
        raise CommandError("The register holds no contact that matches.")
    return contacts


class Command(BaseCommand):
    help = "Write everything the relations register holds about a person as JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_person_arguments(parser)
        parser.add_argument("--out", type=Path, help="write to this file instead of the screen")

    def handle(self, *args: Any, **options: Any) -> None:
        text = export_json(person_export(contacts=find(options), user=None))
        if options["out"]:
            options["out"].write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Written to {options['out']}.")
        else:
            self.stdout.write(text)
