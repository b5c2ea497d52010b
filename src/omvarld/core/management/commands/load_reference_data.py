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


class Command(BaseCommand):
    help = "Load the default organisation and the knowledge base from their data files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation-file", type=Path, default=None)
        parser.add_argument("--knowledge-dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = reference_data_load(
                organisation_file=options["organisation_file"],
                knowledge_dir=options["knowledge_dir"],
            )
        except (KnowledgeLoadError, OrganisationFileError) as exc:
            raise CommandError(str(exc)) from exc
        if apps.is_installed("omvarld.funding"):
            from omvarld.funding.services import ProgrammeFileError, programmes_load_file

            try:
                result["funding_programmes"] = programmes_load_file().as_dict()
            except ProgrammeFileError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
