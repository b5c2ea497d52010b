"""CSV and XLSX of a figure's table: the same rows the page shows under the chart.

Column names are Swedish whatever the reader's language, as in the other statistics exports.
CSV is written for Swedish Excel: UTF-8 with a byte-order mark, semicolons, decimal commas. The
file ends with the source of every figure: SCB's table id, its title and SCB's update time.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font

from .figures import Figure
from .figures.base import PCT, Link

__all__ = ["FORMATS", "figure_export"]

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(value: Any) -> Any:
    if isinstance(value, Link):
        return value.text
    return value


def _source_lines(figure: Figure) -> list[str]:
    lines = []
    for source in figure.sources:
        updated = (
            f", uppdaterad {timezone.localtime(source.updated):%Y-%m-%d}" if source.updated else ""
        )
        lines.append(f"Källa: SCB, tabell {source.table_id} ({source.label}){updated}")
    return lines


def _csv_cell(value: Any, kind: str) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if kind == PCT:
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def as_csv(figure: Figure) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    with translation.override("sv"):
        headers = [
            f"{c.label} (procent)" if c.kind == PCT else str(c.label) for c in figure.columns
        ]
    writer.writerow(headers)
    for row in figure.rows:
        writer.writerow([_csv_cell(v, c.kind) for v, c in zip(row, figure.columns, strict=True)])
    writer.writerow([])
    for line in _source_lines(figure):
        writer.writerow([line])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(figure: Figure) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Befolkning"
    with translation.override("sv"):
        sheet.append([str(c.label) for c in figure.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in figure.rows:
        values = [
            (v / 100 if c.kind == PCT and v is not None else _plain(v))
            for v, c in zip(row, figure.columns, strict=True)
        ]
        sheet.append(values)
        for index, column in enumerate(figure.columns, start=1):
            if column.kind == PCT:
                sheet.cell(row=sheet.max_row, column=index).number_format = "0.0%"
    sheet.append([])
    for line in _source_lines(figure):
        sheet.append([line])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 36
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def figure_export(figure: Figure, *, fmt: str, name: str) -> HttpResponse:
    """The figure's table as a downloadable file; ``name`` is ASCII by construction."""
    data = as_csv(figure) if fmt == "csv" else as_xlsx(figure)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
