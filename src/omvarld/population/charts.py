"""Charts drawn on the server as SVG: the geometry here, the templates only place it.

Two kinds, reusable by any page: horizontal bars (:func:`bar_chart`) and lines over years
(:func:`line_chart`). Coordinates are in a fixed ``viewBox`` that the browser scales to the page
width, so no script and no inline style is needed (CSP-safe). Series differ by more than colour:
each line has its own dash pattern and marker shape, and is labelled at its end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format

__all__ = ["Bar", "BarChart", "LineChart", "LineSeries", "Tick", "bar_chart", "line_chart"]

WIDTH = 720
_LABEL_W = 250  # bars: room for the category names on the left
_VALUE_W = 90  # bars: room for the figure after the bar
_BAR_ROW = 26
_BAR_H = 18
_TOP = 10
_AXIS_H = 28
_PLOT_LEFT = 64  # lines: room for the y-axis labels
_PLOT_RIGHT = 150  # lines: room for the series labels at the end of each line
_PLOT_H = 220
_MARKERS = ("circle", "square", "diamond", "triangle")
_DASHES = ("", "8 4", "2 4", "12 4 2 4")


def _nice_max(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at least ``value`` (0 gives 1)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def _fractions(scale_max: float) -> tuple[float, ...]:
    """Where the grid lines go: five or four equal steps, whichever gives round numbers."""
    for parts in (5, 4):
        step = scale_max / parts
        mantissa = step / 10 ** math.floor(math.log10(step))
        if any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5)):
            return tuple(i / parts for i in range(parts + 1))
    return (0, 0.25, 0.5, 0.75, 1)


@dataclass(frozen=True)
class Tick:
    value: float
    position: float  # x for bars, y for lines, in viewBox units

    @property
    def display(self) -> str:
        decimals = 0 if self.value == int(self.value) else 1
        return number_format(self.value, decimals, force_grouping=True)


_MAX_LABEL = 34


def _short(label: str) -> str:
    """A name that fits beside a bar; the table under the chart has it in full."""
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1].rstrip() + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    full_label: str
    value: float
    display: str
    y: float
    width: float

    @property
    def middle(self) -> float:
        return self.y + _BAR_H / 2

    @property
    def value_x(self) -> float:
        return _LABEL_W + self.width + 6


@dataclass(frozen=True)
class BarChart:
    id: str
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    height: float
    label_width: float = _LABEL_W
    bar_height: float = _BAR_H
    width: float = WIDTH

    @property
    def axis_y(self) -> float:
        return self.height - _AXIS_H + 4

    @property
    def tick_label_y(self) -> float:
        return self.height - 8

    @property
    def label_x(self) -> float:
        return self.label_width - 8


def bar_chart(chart_id: str, items: Sequence[tuple[str, float, str]]) -> BarChart:
    """Horizontal bars from (label, value, value as shown) in the given order."""
    top = max((v for _, v, _ in items), default=0.0)
    scale_max = _nice_max(top)
    room = WIDTH - _LABEL_W - _VALUE_W
    bars = tuple(
        Bar(
            label=_short(label),
            full_label=label,
            value=value,
            display=display,
            y=_TOP + i * _BAR_ROW,
            width=round(room * value / scale_max, 2) if value > 0 else 0.0,
        )
        for i, (label, value, display) in enumerate(items)
    )
    ticks = tuple(
        Tick(value=scale_max * f, position=round(_LABEL_W + room * f, 2))
        for f in _fractions(scale_max)
    )
    height = _TOP + len(bars) * _BAR_ROW + _AXIS_H
    return BarChart(id=chart_id, bars=bars, ticks=ticks, height=height)


_MARK = 4


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    display: str

    @property
    def left(self) -> float:
        return round(self.x - _MARK, 2)

    @property
    def top(self) -> float:
        return round(self.y - _MARK, 2)

    @property
    def label_x(self) -> float:
        return round(self.x + 10, 2)


@dataclass(frozen=True)
class LineSeries:
    label: str
    points: tuple[Point, ...]
    marker: str
    dash: str
    index: int
    label_y: float = 0.0

    @property
    def path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def end(self) -> Point | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class LineChart:
    id: str
    series: tuple[LineSeries, ...]
    x_ticks: tuple[Point, ...]
    y_ticks: tuple[Tick, ...]
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    height: float
    width: float = WIDTH

    @property
    def x_label_y(self) -> float:
        return self.plot_bottom + 18

    @property
    def y_label_x(self) -> float:
        return self.plot_left - 6

    @property
    def legend_point(self) -> Point:
        return Point(18, 7, "", "")


_LABEL_GAP = 16


def _spread_labels(lines: list[LineSeries]) -> list[LineSeries]:
    """Move the end labels of lines that end close together apart, top to bottom."""
    ends = sorted((s.end.y, i) for i, s in enumerate(lines) if s.end is not None)
    placed: dict[int, float] = {}
    previous = -math.inf
    for y, i in ends:
        y = max(y, previous + _LABEL_GAP)
        placed[i] = y
        previous = y
    return [
        LineSeries(s.label, s.points, s.marker, s.dash, s.index, placed.get(i, 0.0))
        for i, s in enumerate(lines)
    ]


def line_chart(
    chart_id: str, series: Sequence[tuple[str, Sequence[tuple[int, float | None, str]]]]
) -> LineChart:
    """Lines over years from (name, [(year, value or None, value as shown)]); a year without a
    value leaves the line's point out, never a zero."""
    years = sorted({year for _, points in series for year, value, _ in points if value is not None})
    top_value = max((v for _, points in series for _, v, _ in points if v is not None), default=0.0)
    y_max = _nice_max(top_value)
    left, right = _PLOT_LEFT, WIDTH - _PLOT_RIGHT
    top, bottom = float(_TOP + 6), float(_TOP + 6 + _PLOT_H)

    def x_of(year: int) -> float:
        if len(years) == 1:
            return (left + right) / 2
        return round(left + (right - left) * years.index(year) / (len(years) - 1), 2)

    def y_of(value: float) -> float:
        return round(bottom - (bottom - top) * value / y_max, 2)

    lines = []
    for i, (name, points) in enumerate(series):
        drawn = tuple(
            Point(x_of(year), y_of(value), str(year), shown)
            for year, value, shown in sorted(points)
            if value is not None
        )
        lines.append(
            LineSeries(
                label=name,
                points=drawn,
                marker=_MARKERS[i % len(_MARKERS)],
                dash=_DASHES[i % len(_DASHES)],
                index=i,
            )
        )
    lines = _spread_labels(lines)
    # At most about ten year labels, so they never overlap.
    every = max(1, math.ceil(len(years) / 10))
    x_ticks = tuple(
        Point(x_of(year), bottom, str(year), str(year))
        for n, year in enumerate(years)
        if n % every == 0 or year == years[-1]
    )
    y_ticks = tuple(
        Tick(value=y_max * f, position=y_of(y_max * f)) for f in (0, 0.25, 0.5, 0.75, 1)
    )
    return LineChart(
        id=chart_id,
        series=tuple(lines),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
        height=bottom + _AXIS_H + 6,
    )
