"""``manage.py eu_stats``: the statistics pages' figures on the command line, as a table or JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omvarld.organisation.models import Body

from ...statistics import StatsFilters, percent, stats_report

_SECTIONS = (("by_year", "Per year"), ("by_body", "Per body"), ("by_area", "Per area"))
_GROUP_WIDTH = 34


class Command(BaseCommand):
    help = (
        "Shares of agenda items coded EU law, EU policy and none, among all items and among "
        "substantive items, with the number of items behind each share."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", metavar="SHORTNAME", help="Only this body, e.g. KF.")
        parser.add_argument("--year", type=int, metavar="YYYY", help="Only meetings this year.")
        parser.add_argument("--format", choices=("table", "json"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        body_id = None
        if options["body"]:
            bodies = list(Body.objects.filter(short_name__iexact=options["body"]))
            if len(bodies) != 1:
                raise CommandError(
                    f"No single body has the short name {options['body']!r} ({len(bodies)} found)."
                )
            body_id = bodies[0].pk
        year = options["year"]
        report = stats_report(StatsFilters(body_id=body_id, year_from=year, year_to=year))
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._table(report))

    def _table(self, report: dict[str, Any]) -> str:
        head = "".ljust(_GROUP_WIDTH) + " | ".join(
            [f"{'all items':^52}", f"{'substantive items':^52}"]
        )
        columns = "".ljust(_GROUP_WIDTH) + " | ".join(
            [f"{'items':>6} {'legal':>13} {'policy':>13} {'none':>13} {'fund':>4}"] * 2
        )
        lines = []
        for key, title in _SECTIONS:
            lines += ["", title, head, columns]
            for row in report[key]:
                lines.append(_line(row["label"], row))
            lines.append(_line("Total", report["total"]))
        return "\n".join(lines).lstrip("\n") + "\n"


def _cells(counts: dict[str, Any]) -> str:
    shares = []
    for code in ("legal", "policy", "none"):
        pct = percent(counts[code], counts["items"])
        shares.append(f"{'-' if pct is None else f'{pct} %'} ({counts[code]})".rjust(13))
    return f"{counts['items']:>6} {' '.join(shares)} {counts['funding']:>4}"


def _line(label: str, row: dict[str, Any]) -> str:
    group = label[: _GROUP_WIDTH - 1].ljust(_GROUP_WIDTH)
    return group + " | ".join([_cells(row["all"]), _cells(row["substantive"])])
