"""The costs page (per body and year, per programme goal, per trip beside what it brought home)
and its CSV and XLSX files.

Column names are Swedish whatever the reader's language (the files are handed on and read by
spreadsheets built on fixed columns). CSV is written for Swedish Excel: UTF-8 with a byte-order
mark, semicolons, decimal commas. Amounts are Swedish kronor with öre.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .forms import CostFilterForm
from .selectors.costs import (
    BodyYearCost,
    GoalCost,
    TripValue,
    cost_kinds,
    costs_by_body_year,
    costs_by_goal,
    trip_values,
)

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KIND_HEADERS = {
    "travel": "Resor (kr)",
    "accommodation": "Logi (kr)",
    "fees": "Avgifter (kr)",
    "subsistence": "Traktamente (kr)",
    "other": "Övrigt (kr)",
}
BODY_HEADERS = ["År", "Organ", *KIND_HEADERS.values(), "Totalt (kr)"]
GOAL_HEADERS = ["Mål i programmet", "Evenemang", "Kostnad (kr)"]
TRIP_HEADERS = ["Evenemang", "Första dag", "Kostnad (kr)", "Åtgärder", "Åtgärder klara"]
NO_GOAL = "Inget mål angivet"


def _filters(request: HttpRequest) -> tuple[CostFilterForm, int | None, int | None]:
    form = CostFilterForm(request.GET or None)
    data = form.valid()
    body = data.get("body")
    return form, data.get("year"), body.pk if body else None


@login_required
def costs(request: HttpRequest) -> HttpResponse:
    """Totals only: every signed-in user sees them; costs per person are on the event pages."""
    form, year, body_id = _filters(request)
    by_body = costs_by_body_year(year=year, body_id=body_id)
    context = {
        "form": form,
        "kinds": cost_kinds(),
        "by_body": [(row, [row.by_kind.get(k) for k, _label in cost_kinds()]) for row in by_body],
        "by_goal": costs_by_goal(year=year, body_id=body_id),
        "trips": trip_values(year=year, body_id=body_id),
        "total": sum((row.total for row in by_body), Decimal(0)),
        "query": request.GET.urlencode(),
        "filtered": bool(year or body_id),
    }
    if form.is_bound and not form.is_valid():
        context["invalid"] = _("Some filters were not valid and are not used.")
    return render(request, "exchange/costs.html", context)


def _body_records(rows: list[BodyYearCost]) -> list[list[str | int | Decimal]]:
    return [
        [
            row.year,
            row.body_name,
            *(row.by_kind.get(kind, Decimal(0)) for kind in KIND_HEADERS),
            row.total,
        ]
        for row in rows
    ]


def _goal_records(rows: list[GoalCost]) -> list[list[str | int | Decimal]]:
    return [[row.label or NO_GOAL, row.events, row.amount] for row in rows]


def _trip_records(rows: list[TripValue]) -> list[list[str | int | Decimal]]:
    return [
        [row.event.title, row.event.starts_on.isoformat(), row.cost, row.actions, row.actions_done]
        for row in rows
    ]


def _csv_cell(value: str | int | Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") if isinstance(value, Decimal) else str(value)


def as_csv(rows: list[BodyYearCost]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(BODY_HEADERS)
    for record in _body_records(rows):
        writer.writerow([_csv_cell(v) for v in record])
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(by_body: list[BodyYearCost], by_goal: list[GoalCost], trips: list[TripValue]) -> bytes:
    """Three sheets: per body and year, per programme goal, per trip; amounts as numbers."""
    workbook = Workbook()
    sheets = [
        ("Per organ och år", BODY_HEADERS, _body_records(by_body)),
        ("Per mål", GOAL_HEADERS, _goal_records(by_goal)),
        ("Per resa", TRIP_HEADERS, _trip_records(trips)),
    ]
    first = workbook.active
    assert first is not None  # a new workbook always has its first sheet
    workbook.remove(first)
    for title, headers, records in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        money = [i for i, h in enumerate(headers, start=1) if h.endswith("(kr)")]
        for record in records:
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in record])
            for column in money:
                sheet.cell(row=sheet.max_row, column=column).number_format = "#,##0.00"
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["B"].width = 28
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@login_required
def costs_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    _form, year, body_id = _filters(request)
    by_body = costs_by_body_year(year=year, body_id=body_id)
    if fmt == "csv":
        data = as_csv(by_body)
    else:
        data = as_xlsx(
            by_body,
            costs_by_goal(year=year, body_id=body_id),
            trip_values(year=year, body_id=body_id),
        )
    name = "utbyte-kostnader"
    if year:
        name += f"-{year}"
    if body_id:
        name += f"-organ-{body_id}"
    response = HttpResponse(data, content_type=FORMATS[fmt])
    # ASCII by construction (fixed words, ids and years), so no RFC 5987 encoding is needed.
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
