"""Erase a person from the relations register: contacts, history and mentions; a trace stays."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from omvarld.relations.constants import ErasureReason
from omvarld.relations.privacy import person_erase

from .relations_contact_export import add_person_arguments, find


class Command(BaseCommand):
    help = (
        "Erase a person's contacts, their history and the mentions of their name and e-mail in "
        "the register's texts. Without --yes it only lists what would be erased."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_person_arguments(parser)
        parser.add_argument(
            "--reason", choices=ErasureReason.values, default=ErasureReason.REQUEST.value
        )
        parser.add_argument("--yes", action="store_true", help="erase; without it, only list")

    def handle(self, *args: Any, **options: Any) -> None:
        contacts = find(options)
        for contact in contacts:
            self.stdout.write(f"contact {contact.pk}\t{contact.partner}")
        if not options["yes"]:
            self.stdout.write(f"{len(contacts)} contact(s) would be erased; add --yes to erase.")
            return
        result = person_erase(contacts=contacts, user=None, reason=ErasureReason(options["reason"]))
        numbers = ", ".join(str(n) for n in result.contact_numbers)
        self.stdout.write(f"Erased contact(s) {numbers}; an anonymous trace is kept.")
