"""Statistics pages: the overview with filters, one page per body, CSV and XLSX of every table.

The charts are drawn on the server as SVG (no script, CSP-safe); :func:`bar_chart` turns table
rows into percentages and positions, and the templates only place them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from omvarld.organisation.models import Body

from . import exports, statistics
from .constants import REFERENCE_STUDIES
from .statistics import Row, StatsFilters

MEASURES = {"all": _("all items"), "substantive": _("substantive items")}


class StatsFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("All bodies")
    )
    year_from = forms.TypedChoiceField(label=_("From year"), coerce=int, required=False)
    year_to = forms.TypedChoiceField(label=_("To year"), coerce=int, required=False)
    measure = forms.ChoiceField(
        label=_("Shares among"), choices=list(MEASURES.items()), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = statistics.stats_bodies()  # type: ignore[attr-defined]
        years = [("", _("Any year"))] + [(str(y), str(y)) for y in statistics.stats_years()]
        self.fields["year_from"].choices = years  # type: ignore[attr-defined]
        self.fields["year_to"].choices = years  # type: ignore[attr-defined]

    def _valid_data(self) -> dict[str, Any]:
        # The valid fields only: an invalid one is ignored rather than failing the page.
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def filters(self) -> StatsFilters:
        """The filters of the valid fields."""
        data = self._valid_data()
        body = data.get("body")
        return StatsFilters(
            body_id=body.pk if body else None,
            year_from=data.get("year_from") or None,
            year_to=data.get("year_to") or None,
        )

    def chosen_measure(self) -> str:
        return str(self._valid_data().get("measure") or "all")


# Chart geometry, in pixels down the chart and in percent across it.
_REFERENCE_ROW = 16
_LABEL_LINE = 18
_BAR_ROW = 48
_BAR_HEIGHT = 22
_AXIS = 28
_MIN_LABELLED_WIDTH = 7.0
_SHORT_STUDY = {
    "skl2010": _("SKL 2010"),
    "skl2018": _("SKL 2018"),
    "skl2018_legal": _("SKL 2018 law"),
}


@dataclass(frozen=True)
class Segment:
    code: str
    x: float
    width: float
    percent: int | None

    @property
    def middle(self) -> float:
        return self.x + self.width / 2

    @property
    def labelled(self) -> bool:
        return self.width >= _MIN_LABELLED_WIDTH


@dataclass(frozen=True)
class Bar:
    label: str
    items: int
    y: int
    segments: list[Segment]

    @property
    def middle(self) -> int:
        return self.y + _BAR_HEIGHT // 2

    @property
    def label_y(self) -> int:
        # Each bar's label stands on its own line above it, so long names fit on a phone too.
        return self.y - 6


@dataclass(frozen=True)
class Reference:
    label: str
    percent: int
    y: int


@dataclass(frozen=True)
class Tick:
    percent: int

    @property
    def anchor(self) -> str:
        """The ends' labels stand inside the chart, so that neither "0 %" nor "100 %" is cut."""
        if self.percent == 0:
            return "start"
        if self.percent == 100:
            return "end"
        return "middle"


@dataclass(frozen=True)
class Chart:
    id: str
    bars: list[Bar]
    references: list[Reference]
    top: int
    height: int
    bar_height: int = _BAR_HEIGHT
    ticks: tuple[Tick, ...] = tuple(Tick(p) for p in (0, 25, 50, 75, 100))

    @property
    def unlabelled_segments(self) -> bool:
        """Some segment is too narrow for its share: the chart says the table has it."""
        return any(not s.labelled for bar in self.bars for s in bar.segments)

    @property
    def axis_y(self) -> int:
        return self.height - _AXIS

    @property
    def tick_label_y(self) -> int:
        return self.height - 8


def bar_chart(chart_id: str, rows: list[Row], measure: str, *, studies: bool = True) -> Chart:
    """Horizontal bars stacked EU law, EU policy, none, with the national studies as lines.

    The studies counted the items of whole councils: ``studies=False`` leaves their lines out of
    a chart whose bars are something else (policy areas).
    """
    # The studies' labels stagger on their own rows, widest share on top, so they never collide.
    shown = REFERENCE_STUDIES if studies else []
    study_shares = sorted(
        ((str(s["key"]), round(100 * float(str(s["share"])))) for s in shown),
        key=lambda study: -study[1],
    )
    references = [
        Reference(label=f"{_SHORT_STUDY[key]} {pct} %", percent=pct, y=_REFERENCE_ROW * (i + 1) - 4)
        for i, (key, pct) in enumerate(study_shares)
    ]
    top = _REFERENCE_ROW * len(references) + 6
    bars = []
    for i, row in enumerate(rows):
        counts = row.substantive if measure == "substantive" else row.all
        segments, x = [], 0.0
        for code, n, pct in (
            ("legal", counts.legal, counts.legal_percent),
            ("policy", counts.policy, counts.policy_percent),
            ("none", counts.none, counts.none_percent),
        ):
            width = 100 * n / counts.items if counts.items else 0.0
            if width:
                segments.append(
                    Segment(code=code, x=round(x, 3), width=round(width, 3), percent=pct)
                )
            x += width
        y = top + _LABEL_LINE + i * _BAR_ROW
        bars.append(Bar(label=row.label, items=counts.items, y=y, segments=segments))
    return Chart(
        id=chart_id,
        bars=bars,
        references=references,
        top=top,
        height=top + len(rows) * _BAR_ROW + _AXIS + 4,
    )


def _tables(measure: str, by_name: dict[str, list[Row]]) -> list[dict[str, Any]]:
    tables = []
    for name, rows in by_name.items():
        tables.append(
            {
                "name": name,
                "rows": rows,
                "chart": bar_chart(f"chart-{name}", rows, measure, studies=name != "area")
                if rows
                else None,
            }
        )
    return tables


@login_required
def stats_overview(request: HttpRequest) -> HttpResponse:
    form = StatsFilterForm(request.GET or None)
    filters, measure = form.filters(), form.chosen_measure()
    total, by_name = statistics.stats_figures(filters, ("year", "body", "area"))
    context = {
        "form": form,
        "filters": filters,
        "measure": measure,
        "measure_label": MEASURES[measure],
        "total": total,
        "tables": _tables(measure, by_name),
        "export_query": exports.export_query(filters),
    }
    return render(request, "meetings/stats_overview.html", context)


@login_required
def stats_body(request: HttpRequest, body_id: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=body_id)
    filters = StatsFilters(body_id=body.pk)
    total, by_name = statistics.stats_figures(filters, ("year", "area"))
    context = {
        "body": body,
        "filters": filters,
        "measure": "all",
        "measure_label": MEASURES["all"],
        "total": total,
        "tables": _tables("all", by_name),
        "top_items": statistics.stats_top_items(body_id=body.pk),
        "export_query": exports.export_query(filters),
    }
    return render(request, "meetings/stats_body.html", context)


@login_required
def stats_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in statistics.TABLES or fmt not in exports.FORMATS:
        raise Http404
    filters = StatsFilterForm(request.GET or None).filters()
    return exports.stats_export(table=table, fmt=fmt, filters=filters)
