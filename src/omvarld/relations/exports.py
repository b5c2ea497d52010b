"""The register as CSV or XLSX, with the filters of the page.

Column names are Swedish whatever the reader's language, like the other exports of the platform:
the files go to committees and into spreadsheets built on fixed columns. CSV is written for
Swedish Excel: UTF-8 with a byte-order mark and semicolons.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from .countries import country_name
from .models import Partner

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
HEADERS = [
    "Id",
    "Namn",
    "Svenskt namn",
    "Slag",
    "Relation",
    "Land (kod)",
    "Land",
    "Ort",
    "Latitud",
    "Longitud",
    "Webbplats",
    "Relation sedan",
    "Relation till",
    "Status",
    "Ansvariga organ",
    "Områden",
    "Beskrivning",
]


def records(partners: Iterable[Partner]) -> Iterator[list[object]]:
    """One row of cell values per partner; dates as dates, coordinates as numbers."""
    for p in partners:
        yield [
            p.pk,
            p.name,
            p.name_sv,
            str(p.get_kind_display()),
            str(p.get_relation_display()),
            p.country,
            country_name(p.country),
            p.place,
            float(p.latitude) if p.latitude is not None else None,
            float(p.longitude) if p.longitude is not None else None,
            p.website,
            p.since,
            p.until,
            str(p.get_status_display()),
            ", ".join(b.short_name for b in p.bodies.all()),
            ", ".join(sorted(a.code for a in p.areas.all())),
            p.description,
        ]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    return str(value)


def as_csv(partners: Iterable[Partner]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for record in records(partners):
        writer.writerow([_csv_cell(v) for v in record])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(partners: Iterable[Partner]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Partner"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for record in records(partners):
        sheet.append(record)
    sheet.column_dimensions["B"].width = 32
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def partners_export(*, partners: Iterable[Partner], fmt: str) -> HttpResponse:
    """The partners as a downloadable file named with today's date."""
    data = as_csv(partners) if fmt == "csv" else as_xlsx(partners)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    name = f"partner-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
