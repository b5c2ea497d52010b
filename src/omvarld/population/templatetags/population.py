"""Template helpers of the population pages: one table cell as its column says."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..figures.base import INT, LINK, PCT, YEAR, Column, Link

register = template.Library()


@register.simple_tag
def cell(value: Any, column: Column) -> SafeString | str:
    """A value as its column shows it: grouped whole numbers, shares with one decimal, links."""
    if value is None:
        return "–"
    if isinstance(value, Link):
        return format_html('<a href="{}">{}</a>', value.url, value.text)
    if column.kind == INT and isinstance(value, int | float):
        return number_format(int(value), 0, force_grouping=True)
    if column.kind == PCT and isinstance(value, int | float):
        return f"{number_format(round(value, 1), 1)} %"
    if column.kind in (YEAR, LINK):
        return str(value)
    return str(value)


@register.filter
def zip_columns(row: list[Any], columns: list[Column]) -> list[tuple[Any, Column]]:
    """A row's values beside their columns, for one loop in the template."""
    return list(zip(row, columns, strict=True))
