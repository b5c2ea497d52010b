"""Charts of the annual report as SVG, drawn on the server for the page and the PDF alike.

No script and no style attribute (the content security policy forbids both): colours are
presentation attributes, every bar carries its number in text, and every chart has a title and
a description, so the figures never rest on colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.translation import gettext as _

from omvarld.core.formatting import format_value

WIDTH = 680
LABEL_WIDTH = 270
BAR_AREA = WIDTH - LABEL_WIDTH - 70
ROW = 40
CURRENT = "#0b4f8a"
PREVIOUS = "#9db7d1"
DONE = "#1d6b2f"
REMAINING = "#c9d9c9"
INK = "#1b1b1b"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    previous: float | None = None


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{INK}" '
        f'text-anchor="{anchor}" font-family="DejaVu Sans, sans-serif">{escape(text)}</text>'
    )


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _frame(key: str, title: str, description: str, height: int, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="chart-{key}-title chart-{key}-desc">'
        f'<title id="chart-{key}-title">{escape(title)}</title>'
        f'<desc id="chart-{key}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def comparison_chart(
    bars: Sequence[Bar], *, title: str, unit: str, year: int, previous_year: int
) -> str:
    """Horizontal bars of each figure this year, with last year's beneath it."""
    if not bars:
        return ""
    top = 34
    height = top + ROW * len(bars) + 10
    scale = (
        100.0
        if unit == "percent"
        else max([b.value for b in bars] + [b.previous or 0 for b in bars] + [1])
    )
    body = [
        f'<rect x="{LABEL_WIDTH}" y="6" width="12" height="12" fill="{CURRENT}"/>',
        _text(LABEL_WIDTH + 18, 17, str(year)),
        f'<rect x="{LABEL_WIDTH + 80}" y="6" width="12" height="12" fill="{PREVIOUS}"/>',
        _text(LABEL_WIDTH + 98, 17, str(previous_year)),
    ]
    for index, bar in enumerate(bars):
        y = top + index * ROW
        body.append(_text(LABEL_WIDTH - 8, y + 16, _short(bar.label), anchor="end"))
        width = BAR_AREA * bar.value / scale
        body.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width:.1f}" height="14" '
            f'fill="{CURRENT}"/>'
        )
        body.append(_text(LABEL_WIDTH + width + 4, y + 16, format_value(bar.value, unit)))
        if bar.previous is not None:
            width = BAR_AREA * bar.previous / scale
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 20}" width="{width:.1f}" height="10" '
                f'fill="{PREVIOUS}"/>'
            )
            body.append(
                _text(LABEL_WIDTH + width + 4, y + 30, format_value(bar.previous, unit), size=10)
            )
    description = "; ".join(
        _("%(label)s: %(value)s (%(year)s: %(previous)s)")
        % {
            "label": b.label,
            "value": format_value(b.value, unit),
            "year": previous_year,
            "previous": format_value(b.previous, unit) if b.previous is not None else "–",
        }
        for b in bars
    )
    return _frame(unit, title, description, height, body)


def goal_chart(goals: Sequence[dict[str, object]], *, title: str) -> str:
    """Per goal, the plan's activities: done, and the rest."""
    rows = [g for g in goals if int(str(g["activities"]))]
    if not rows:
        return ""
    top = 34
    height = top + ROW * len(rows)
    scale = max(int(str(g["activities"])) for g in rows)
    body = [
        f'<rect x="{LABEL_WIDTH}" y="6" width="12" height="12" fill="{DONE}"/>',
        _text(LABEL_WIDTH + 18, 17, _("done")),
        f'<rect x="{LABEL_WIDTH + 90}" y="6" width="12" height="12" fill="{REMAINING}"/>',
        _text(LABEL_WIDTH + 108, 17, _("not done")),
    ]
    for index, goal in enumerate(rows):
        y = top + index * ROW
        total, done = int(str(goal["activities"])), int(str(goal["done"]))
        body.append(_text(LABEL_WIDTH - 8, y + 18, _short(str(goal["name"])), anchor="end"))
        done_width = BAR_AREA * done / scale
        rest_width = BAR_AREA * (total - done) / scale
        body.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{done_width:.1f}" height="20" '
            f'fill="{DONE}"/>'
        )
        body.append(
            f'<rect x="{LABEL_WIDTH + done_width:.1f}" y="{y + 4}" width="{rest_width:.1f}" '
            f'height="20" fill="{REMAINING}"/>'
        )
        body.append(
            _text(
                LABEL_WIDTH + done_width + rest_width + 4,
                y + 18,
                _("%(done)s of %(total)s") % {"done": done, "total": total},
            )
        )
    description = "; ".join(
        _("%(goal)s: %(done)s of %(total)s activities done")
        % {"goal": g["name"], "done": g["done"], "total": g["activities"]}
        for g in rows
    )
    return _frame("goals", title, description, height, body)


def report_charts(data: dict[str, object]) -> list[tuple[str, str]]:
    """The charts of a report's values, as (title, SVG): activities per goal, then each unit's
    indicators; a chart with nothing to draw is left out."""
    title = _("Plan activities per goal")
    charts = [(title, goal_chart(data["goals"], title=title))]  # type: ignore[arg-type]
    titles = {
        "count": _("Indicators: numbers, this year and last year"),
        "percent": _("Indicators: shares in per cent, this year and last year"),
        "sek": _("Indicators: amounts in kronor, this year and last year"),
    }
    rows: list[dict[str, object]] = data["indicators"]  # type: ignore[assignment]
    for unit, title in titles.items():
        bars = [
            Bar(
                str(r["name"]),
                float(r["value"]),  # type: ignore[arg-type]
                float(r["previous"]) if r["previous"] is not None else None,  # type: ignore[arg-type]
            )
            for r in rows
            if r["unit"] == unit and r["value"] is not None
        ]
        chart = comparison_chart(
            bars,
            title=title,
            unit=unit,
            year=int(str(data["year"])),
            previous_year=int(str(data["previous_year"])),
        )
        charts.append((title, chart))
    return [(t, c) for t, c in charts if c]
