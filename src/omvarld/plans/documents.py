"""The annual report as files: a PDF drawn by WeasyPrint from the same template as the page
(charts as SVG, fonts from the system's DejaVu package), and an XLSX workbook with the numbers
as numbers. Both are made from a report's values (:func:`omvarld.plans.reports.report_for`)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from omvarld.core.formatting import format_change, format_value

from .charts import report_charts


def report_context(data: dict[str, Any]) -> dict[str, Any]:
    """What the report's templates (page and PDF) need besides the values themselves."""
    rows = [
        {
            **row,
            "shown": format_value(row["value"], row["unit"]),
            "shown_previous": format_value(row["previous"], row["unit"]),
            "change": format_change(row["value"], row["previous"], row["unit"]),
        }
        for row in data["indicators"]
    ]
    names = {g["code"]: g["name"] for g in data["goals"]}
    activities = [
        {**a, "goal_names": "; ".join(names.get(code, code) for code in a["goals"])}
        for a in data.get("plan", {}).get("activities", [])
    ]
    return {
        "data": data,
        "indicator_rows": rows,
        "activity_rows": activities,
        "charts": report_charts(data),
    }


def report_pdf(data: dict[str, Any]) -> bytes:
    """The report as a PDF (A4, Swedish)."""
    from weasyprint import CSS, HTML

    with translation.override("sv"):
        html = render_to_string("plans/report_pdf.html", report_context(data))
        css = render_to_string("plans/report_print.css")
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])  # type: ignore[no-any-return]


def _sheet(book: Workbook, title: str, header: list[str]) -> Worksheet:
    sheet: Worksheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


NUMBER_FORMATS = {"count": "0", "percent": '0.0" %"', "sek": '# ##0" kr"'}


def report_xlsx(data: dict[str, Any]) -> bytes:
    """The report as a workbook: about, indicators, plan, goals and lists, one sheet each."""
    with translation.override("sv"):
        book = Workbook()
        about = book.active
        assert about is not None
        about.title = _("Report")
        for label, value in (
            (_("Report"), data["title"]),
            (_("Municipality"), data["municipality"]),
            (_("Year"), data["year"]),
            (_("Computed on"), data["computed_on"]),
            (_("Adopted on"), data["adopted_on"] or _("not adopted")),
            (_("Highlights"), data["highlights"]),
        ):
            about.append([label, value])
            about.cell(about.max_row, 1).font = Font(bold=True)
        about.cell(about.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        _widths(about, [22, 100])

        year, previous = data["year"], data["previous_year"]
        sheet = _sheet(
            book,
            _("Indicators"),
            [
                _("Indicator"),
                _("Unit"),
                str(year),
                str(previous),
                _("Base %(year)s") % {"year": year},
                _("Definition"),
                _("Supplied by"),
            ],
        )
        units = {
            "count": pgettext("unit", "number"),
            "percent": pgettext("unit", "per cent"),
            "sek": pgettext("unit", "kronor"),
        }
        for row in data["indicators"]:
            sheet.append(
                [
                    row["name"],
                    units.get(row["unit"], row["unit"]),
                    row["value"],
                    row["previous"],
                    row["base"],
                    row["definition"],
                    row["app"],
                ]
            )
            for column in (3, 4):
                sheet.cell(sheet.max_row, column).number_format = NUMBER_FORMATS.get(
                    row["unit"], "General"
                )
        _widths(sheet, [48, 10, 10, 10, 12, 90, 24])

        if "plan" in data:
            sheet = _sheet(
                book,
                _("Plan"),
                [
                    _("Activity"),
                    _("Goals"),
                    _("Status"),
                    _("Responsible"),
                    _("Planned hours"),
                    _("Planned cost (SEK)"),
                    _("Due"),
                    _("Done on"),
                    _("Outcome"),
                ],
            )
            names = {g["code"]: g["name"] for g in data["goals"]}
            for a in data["plan"]["activities"]:
                sheet.append(
                    [
                        a["title"],
                        ", ".join(names.get(code, code) for code in a["goals"]),
                        a["status_label"],
                        a["responsible"],
                        a["planned_hours"],
                        a["planned_cost"],
                        a["due"],
                        a["done_on"],
                        a["outcome"],
                    ]
                )
            _widths(sheet, [44, 40, 12, 22, 14, 18, 12, 12, 60])
        else:
            sheet = _sheet(
                book,
                _("Plans"),
                [
                    _("Body or office"),
                    _("Activities"),
                    _("Done"),
                    _("Planned hours"),
                    _("Planned cost (SEK)"),
                    _("Adopted on"),
                ],
            )
            for p in data["plans"]:
                sheet.append(
                    [p["owner"], p["activities"], p["done"], p["hours"], p["cost"], p["adopted_on"]]
                )
            _widths(sheet, [44, 12, 10, 14, 18, 12])

        sheet = _sheet(book, _("Goals"), [_("Goal"), _("Kind"), _("Activities"), _("Done")])
        for g in data["goals"]:
            sheet.append([g["name"], g["kind_label"], g["activities"], g["done"]])
        _widths(sheet, [56, 36, 12, 10])

        sheet = _sheet(book, _("Lists"), [_("List"), _("Title"), _("What"), _("Date"), _("Detail")])
        for report_list in data["lists"]:
            for e in report_list["entries"]:
                sheet.append([report_list["title"], e["title"], e["label"], e["date"], e["detail"]])
        _widths(sheet, [30, 60, 24, 12, 40])

    out = BytesIO()
    book.save(out)
    return out.getvalue()
