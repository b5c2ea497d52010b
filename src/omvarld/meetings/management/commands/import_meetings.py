"""Bulk import of agendas, notices and minutes from files and folders, for one body."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import ngettext

from omvarld.meetings.batches.create import batch_new
from omvarld.meetings.batches.entries import files_in, local_source
from omvarld.meetings.batches.run import FileResult, batch_run
from omvarld.meetings.batches.summary import printable_name, summary_lines
from omvarld.organisation.models import Body


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


class Command(BaseCommand):
    help = (
        "Import meeting documents (PDF, DOCX, HTML, text, ZIP) from files and folders, "
        "recursively and in name order, for one body. Prints progress and a summary; files "
        "that cannot be imported are listed with the reason and do not stop the others."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--body", required=True, metavar="SHORTNAME", help="the body's short name, e.g. KF"
        )
        parser.add_argument(
            "--date",
            type=_date,
            metavar="YYYY-MM-DD",
            help="meeting date for documents that do not give one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = [str(p) for p in options["paths"] if not p.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        try:
            body = Body.objects.get(short_name__iexact=options["body"])
        except Body.DoesNotExist:
            known = ", ".join(
                Body.objects.order_by("short_name").values_list("short_name", flat=True)
            )
            raise CommandError(f"No body {options['body']!r}; known: {known}") from None
        except Body.MultipleObjectsReturned:
            raise CommandError(f"More than one body is called {options['body']!r}.") from None
        roots: list[Path] = options["paths"]
        paths = files_in(roots)
        batch = batch_new(body=body, user=None, files=len(paths), meeting_date=options["date"])
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(
                ngettext(
                    "Import %(batch)d: %(count)d file for %(body)s",
                    "Import %(batch)d: %(count)d files for %(body)s",
                    len(paths),
                )
                % {"batch": batch.pk, "count": len(paths), "body": body.name}
            )
        try:
            summary = batch_run(
                batch=batch,
                sources=[local_source(p, _label(p, roots)) for p in paths],
                meeting_date=options["date"],
                progress=self._progress,
            )
        except DatabaseError as exc:
            raise CommandError(
                f"The database could not be written ({exc}). The files imported so far are "
                "kept; run the command again to import the rest (files already imported are "
                "recognised and skipped)."
            ) from None
        self.stdout.write("")
        with translation.override(settings.LANGUAGE_CODE):
            for line in summary_lines(summary):
                self.stdout.write(line)

    def _progress(self, done: int, total: int, result: FileResult) -> None:
        # Called inside the import, in the site's first language.
        if result.status == "imported":
            note = ngettext("%(count)d agenda item", "%(count)d agenda items", result.items) % {
                "count": result.items
            }
        else:
            note = result.message
        # File names come from disks and archives: printed so they cannot break or forge a line.
        self.stdout.write(printable_name(f"[{done}/{total}] {result.name}: {note}"))


def _label(path: Path, roots: list[Path]) -> str:
    # Shown relative to the folder given, so that the summary names files as the user sees them.
    for root in roots:
        if root.is_dir() and path.is_relative_to(root):
            return str(path.relative_to(root))
    return path.name
