"""``manage.py load_reference_data``: load the organisation and knowledge files now."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

from omvarld.core.services import reference_data_load
from omvarld.knowledge.services import KnowledgeLoadError
from omvarld.organisation.services import OrganisationFileError


def _app_file_errors() -> tuple[type[Exception], ...]:
    """The errors of installed apps' reference files (countries of birth, funding programmes)."""
    found: list[type[Exception]] = []
    if apps.is_installed("omvarld.population"):
        from omvarld.population.countries import CountryFileError

        found.append(CountryFileError)
    if apps.is_installed("omvarld.funding"):
        from omvarld.funding.services import ProgrammeFileError

        found.append(ProgrammeFileError)
    return tuple(found)


class Command(BaseCommand):
    help = "Load the default organisation and the knowledge base from their data files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation-file", type=Path, default=None)
        parser.add_argument("--knowledge-dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        errors: tuple[type[Exception], ...] = (
            KnowledgeLoadError,
            OrganisationFileError,
            *_app_file_errors(),
        )
        try:
            result = reference_data_load(
                organisation_file=options["organisation_file"],
                knowledge_dir=options["knowledge_dir"],
            )
        except errors as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
