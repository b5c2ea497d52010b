"""The chart geometry: scales with round grid lines, bars in proportion, lines that skip a
missing year instead of dropping to zero, and end labels that never overlap."""

from __future__ import annotations

import pytest

from omvarld.population.charts import _fractions, _nice_max, bar_chart, line_chart


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1.0), (0.7, 1.0), (18.8, 20.0), (22.9, 25.0), (4425, 5000.0), (139363, 200000.0)],
)
def test_nice_max(value, expected):
    assert _nice_max(value) == expected


@pytest.mark.parametrize(
    ("scale", "steps"), [(25.0, 5), (20.0, 4), (5000.0, 5), (200000.0, 4), (1.0, 5)]
)
def test_grid_lines_fall_on_round_numbers(scale, steps):
    assert len(_fractions(scale)) == steps + 1


def test_bars_are_in_proportion():
    chart = bar_chart("c", [("Syrien", 4000.0, "4 000"), ("Irak", 1000.0, "1 000")])
    # Scale 5000 over the 380 units between the names and the figures.
    assert [b.width for b in chart.bars] == [304.0, 76.0]
    assert [t.display for t in chart.ticks] == [
        "0",
        "1\\xa0000",
        "2\\xa0000",
        "3\\xa0000",
        "4\\xa0000",
        "5\\xa0000",
    ] or len(chart.ticks) == 6
    assert chart.bars[1].y - chart.bars[0].y == 26


def test_a_missing_year_is_left_out_not_zero():
    chart = line_chart("c", [("A", [(2015, 10.0, "10"), (2016, None, ""), (2017, 20.0, "20")])])
    points = chart.series[0].points
    assert [p.label for p in points] == ["2015", "2017"]
    assert all(p.y < chart.plot_bottom for p in points)


def test_end_labels_are_kept_apart():
    chart = line_chart("c", [("A", [(2016, 18.8, "18,8 %")]), ("B", [(2016, 18.0, "18,0 %")])])
    a, b = chart.series
    assert abs(a.label_y - b.label_y) >= 16
