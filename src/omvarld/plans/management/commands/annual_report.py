"""``manage.py annual_report [--body SHORTNAME] --year YEAR --format pdf|xlsx --output FILE``:
the annual follow-up report of a body, or of the whole municipality without ``--body``, for
batch use. An adopted report is written as it was adopted; another is computed now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omvarld.organisation.models import Body
from omvarld.plans.constants import FIRST_YEAR, LAST_YEAR
from omvarld.plans.documents import report_pdf, report_xlsx
from omvarld.plans.reports import report_for


class Command(BaseCommand):
    help = "Write the annual follow-up report of a body (or the whole municipality) as PDF or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--body", help="the body's short name, e.g. KFN; none: the whole municipality"
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["pdf", "xlsx"], required=True)
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"--year must lie between {FIRST_YEAR} and {LAST_YEAR}")
        body = None
        if options["body"]:
            body = Body.objects.filter(short_name__iexact=options["body"]).first()
            if body is None:
                known = ", ".join(
                    Body.objects.order_by("short_name").values_list("short_name", flat=True)
                )
                raise CommandError(
                    f"no body with the short name {options['body']!r} (known: {known})"
                )
        report, data = report_for(body=body, year=year)
        content = report_pdf(data) if options["format"] == "pdf" else report_xlsx(data)
        output: Path = options["output"]
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc}") from exc
        state = (
            f"adopted {report.adopted_on}"
            if report is not None and report.frozen
            else "computed now"
        )
        self.stdout.write(f"{output}: {data['title']} ({state}), {len(content)} bytes")
