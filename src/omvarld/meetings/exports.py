"""CSV and XLSX of the statistics tables.

The column names are Swedish whatever the reader's language: the files are handed on to
committees and opened by spreadsheets and scripts built on a fixed set of columns.
CSV is written for Swedish Excel: UTF-8 with a byte-order mark, semicolons, decimal commas.
XLSX carries the shares as numbers formatted as percentages.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from urllib.parse import urlencode

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from .statistics import Counts, Row, StatsFilters, share, stats_table

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
GROUP_HEADERS = {"year": "År", "body": "Organ", "area": "Område"}
FILE_NAMES = {"year": "per-ar", "body": "per-organ", "area": "per-omrade"}
TOTAL_LABEL = "Totalt"
_CODES = (("legal", "EU-rätt"), ("policy", "EU-politik"), ("none", "Ingen EU-påverkan"))
_AMONG = (("all", "alla ärenden"), ("substantive", "sakärenden"))


def export_query(filters: StatsFilters) -> str:
    """The query string that gives an export the same filters as the page."""
    params = {
        "body": filters.body_id,
        "year_from": filters.year_from,
        "year_to": filters.year_to,
    }
    return urlencode({k: v for k, v in params.items() if v})


def headers(table: str) -> list[str]:
    """Swedish column names: the group, then counts and shares among all and substantive items."""
    columns = [GROUP_HEADERS[table]]
    for _, among in _AMONG:
        columns.append(f"Antal ärenden ({among})")
        for _, code in _CODES:
            columns += [f"{code}, antal ({among})", f"{code}, andel ({among})"]
        columns.append(f"EU-medel, antal ({among})")
    return columns


def _values(counts: Counts) -> list[int | float | None]:
    values: list[int | float | None] = [counts.items]
    for name, _ in _CODES:
        part = getattr(counts, name)
        values += [part, share(part, counts.items)]
    values.append(counts.funding)
    return values


def records(rows: list[Row]) -> Iterator[list[str | int | float | None]]:
    """One list of cell values per row; shares are fractions (0.22), None where no items."""
    for row in rows:
        label = row.label if row.key != "total" else TOTAL_LABEL
        yield [label, *_values(row.all), *_values(row.substantive)]


def _csv_cell(value: str | int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{100 * value:.1f}".replace(".", ",")
    return str(value)


def as_csv(table: str, rows: list[Row]) -> bytes:
    """CSV for Swedish Excel: BOM, semicolons, shares in percent with a decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([h.replace("andel", "andel i procent") for h in headers(table)])
    for record in records(rows):
        writer.writerow([_csv_cell(v) for v in record])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(table: str, rows: list[Row]) -> bytes:
    """A workbook with one sheet: a bold, frozen header row; shares as numbers shown in percent."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "EU-påverkan"
    sheet.append(headers(table))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    share_columns = [i for i, h in enumerate(headers(table), start=1) if ", andel" in h]
    for record in records(rows):
        sheet.append(record)
        for column in share_columns:
            sheet.cell(row=sheet.max_row, column=column).number_format = "0.0%"
    sheet.column_dimensions["A"].width = 36
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def stats_export(*, table: str, fmt: str, filters: StatsFilters) -> HttpResponse:
    """The named table with its total row as a downloadable CSV or XLSX file."""
    rows = stats_table(table, filters)
    data = as_csv(table, rows) if fmt == "csv" else as_xlsx(table, rows)
    name = f"eu-statistik-{FILE_NAMES[table]}"
    if filters.body_id:
        name += f"-organ-{filters.body_id}"
    if filters.year_from or filters.year_to:
        name += f"-{filters.year_from or ''}-{filters.year_to or ''}"
    response = HttpResponse(data, content_type=FORMATS[fmt])
    # The name is ASCII by construction (fixed words, ids and years), so no RFC 5987 encoding.
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
