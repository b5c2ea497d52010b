"""Numbers as Swedish readers write them: a decimal comma, a space between thousands, "%"
and "kr" after a space; "–" where there is nothing to show."""

from __future__ import annotations

from django.utils.translation import gettext as _

NBSP = "\u00a0"


def _grouped(whole: int) -> str:
    return f"{whole:,}".replace(",", NBSP)


def format_number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    if decimals == 0:
        return _grouped(round(value))
    text = f"{abs(value):.{decimals}f}"
    whole, fraction = text.split(".")
    sign = "−" if value < 0 else ""
    return f"{sign}{_grouped(int(whole))},{fraction}"


def format_value(value: float | int | None, unit: str) -> str:
    """An indicator's value in its unit: 12 · 47,5 % · 12 500 kr."""
    if value is None:
        return "–"
    if unit == "percent":
        return f"{format_number(value, 1)}{NBSP}%"
    if unit == "sek":
        return f"{format_number(value)}{NBSP}kr"
    if isinstance(value, float) and not value.is_integer():
        return format_number(value, 1)
    return format_number(value)


def format_change(value: float | int | None, previous: float | int | None, unit: str) -> str:
    """The change from last year: +3, −2,5 procentenheter, ±0."""
    if value is None or previous is None:
        return "–"
    change = value - previous
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "−"
    if unit == "percent":
        return sign + _("%(number)s percentage points") % {"number": format_number(abs(change), 1)}
    return sign + format_value(abs(change), unit)
