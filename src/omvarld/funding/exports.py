"""CSV and XLSX of the portfolio tables.

Column names are Swedish whatever the reader's language: the files go to committees and into
spreadsheets built on a fixed set of columns. CSV is written for Swedish Excel (UTF-8 with a
byte-order mark, semicolons, decimal commas); XLSX carries amounts and shares as numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from .portfolio import Figures, PortfolioFilters, Row, portfolio

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
GROUP_HEADERS = {"year": "År", "programme": "Program", "body": "Organ"}
FILE_NAMES = {"year": "per-ar", "programme": "per-program", "body": "per-organ"}
TOTAL_LABEL = "Totalt"
HEADERS = [
    "Ansökningar",
    "Beviljade",
    "Avslagna",
    "Andel beviljade",
    "EU-medel beviljade (kr)",
    "EU-medel beviljade (euro)",
    "EU-medel mottagna (kr)",
    "EU-medel mottagna (euro)",
    "Egen medfinansiering (kr)",
    "Egen medfinansiering (euro)",
    "Egen medfinansiering (timmar)",
]


def export_query(filters: PortfolioFilters) -> str:
    params = {
        "year_from": filters.year_from,
        "year_to": filters.year_to,
        "programme": filters.programme_id,
        "body": filters.body_id,
    }
    return urlencode({k: v for k, v in params.items() if v})


def values(figures: Figures) -> list[int | float | Decimal | None]:
    return [
        figures.applications,
        figures.granted,
        figures.rejected,
        figures.success_rate,
        figures.granted_sek,
        figures.granted_eur,
        figures.received_sek,
        figures.received_eur,
        figures.cofinancing_sek,
        figures.cofinancing_eur,
        figures.cofinancing_hours,
    ]


def records(table: str, rows: list[Row], total: Figures) -> list[list[object]]:
    out: list[list[object]] = [[row.label, *values(row.figures)] for row in rows]
    out.append([TOTAL_LABEL, *values(total)])
    return out


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{100 * value:.1f}".replace(".", ",")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def as_csv(table: str, rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            GROUP_HEADERS[table],
            *(h.replace("Andel beviljade", "Andel beviljade i procent") for h in HEADERS),
        ]
    )
    for record in rows:
        writer.writerow([_csv_cell(v) for v in record])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(table: str, rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "EU-medel"
    sheet.append([GROUP_HEADERS[table], *HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    share = HEADERS.index("Andel beviljade") + 2
    for record in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in record])
        sheet.cell(row=sheet.max_row, column=share).number_format = "0.0%"
        for column in range(share + 1, len(HEADERS) + 2):
            sheet.cell(row=sheet.max_row, column=column).number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def portfolio_export(*, table: str, fmt: str, filters: PortfolioFilters) -> HttpResponse:
    """The named table of the portfolio, with its total row, as a downloadable file."""
    figures = portfolio(filters)
    rows = records(table, figures.table(table), figures.total)
    data = as_csv(table, rows) if fmt == "csv" else as_xlsx(table, rows)
    name = f"eu-medel-{FILE_NAMES[table]}"
    if filters.year_from or filters.year_to:
        name += f"-{filters.year_from or ''}-{filters.year_to or ''}"
    response = HttpResponse(data, content_type=FORMATS[fmt])
    # The name is ASCII by construction (fixed words and years), so no RFC 5987 encoding.
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
