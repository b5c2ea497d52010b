"""The portfolio page: figures, server-drawn SVG charts (no script, CSP-safe) with their tables,
and CSV/XLSX of every table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import exports
from .filter_forms import PortfolioFilterForm
from .portfolio import TABLES, Row, portfolio, portfolio_years

# Chart geometry: pixels down, percent across (of the bar area).
_LABEL_LINE = 18
_BAR_HEIGHT = 16
_GAP = 4
_ROW = _LABEL_LINE + 2 * _BAR_HEIGHT + _GAP + 14
_AXIS = 8


@dataclass(frozen=True)
class Bar:
    series: str
    y: int
    width: float
    amount: Decimal

    @property
    def middle(self) -> int:
        return self.y + _BAR_HEIGHT // 2

    @property
    def text_x(self) -> float:
        return self.width + 1


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    id: str
    rows: list[ChartRow]
    height: int
    bar_height: int = _BAR_HEIGHT


def money_chart(chart_id: str, rows: list[Row]) -> Chart | None:
    """Per row, EU funds granted (solid) and received (hatched), in kronor, as shares of the
    largest amount; None when there is nothing to draw."""
    largest = max(
        (max(r.figures.granted_sek, r.figures.received_sek) for r in rows), default=Decimal(0)
    )
    if not largest:
        return None
    drawn = []
    for index, row in enumerate(rows):
        top = index * _ROW
        bars = []
        for offset, (series, amount) in enumerate(
            (("granted", row.figures.granted_sek), ("received", row.figures.received_sek))
        ):
            y = top + _LABEL_LINE + offset * (_BAR_HEIGHT + _GAP)
            bars.append(Bar(series, y, round(float(80 * amount / largest), 3), amount))
        drawn.append(ChartRow(row.label, top + _LABEL_LINE - 5, bars))
    return Chart(chart_id, drawn, len(rows) * _ROW + _AXIS)


@login_required
def portfolio_page(request: HttpRequest) -> HttpResponse:
    form = PortfolioFilterForm(request.GET or None, years=portfolio_years())
    filters = form.filters()
    figures = portfolio(filters)
    tables = [
        {
            "name": name,
            "rows": figures.table(name),
            "chart": money_chart(f"chart-{name}", figures.table(name)),
        }
        for name in TABLES
    ]
    context = {
        "form": form,
        "total": figures.total,
        "tables": tables,
        "export_query": exports.export_query(filters),
    }
    return render(request, "funding/portfolio.html", context)


@login_required
def portfolio_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in TABLES or fmt not in exports.FORMATS:
        raise Http404
    form = PortfolioFilterForm(request.GET or None, years=portfolio_years())
    return exports.portfolio_export(table=table, fmt=fmt, filters=form.filters())
