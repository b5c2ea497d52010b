"""What an import can meet, said in plain words: each problem is kept with the import as its place
in the payload, a reason code and the details, and worded in the reader's language when shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["INFO", "MESSAGES", "WARNING", "problem", "problem_text"]

INFO = "info"
WARNING = "warning"

MESSAGES: dict[str, str | Promise] = {
    "not_json": _("The file is not JSON (%(detail)s); nothing was imported."),
    "not_dataset": _(
        "This is not a JSON-stat 2.0 dataset, the format SCB's PxWebApi 2.0 answers with; "
        "nothing was imported."
    ),
    "table_list": _("This is SCB's list of tables, not a table; there are no figures in it."),
    "config": _("This is the API's configuration, not a table; there are no figures in it."),
    "codelist": _("This is a code list, not a table; there are no figures in it."),
    "bad_index": _("The dataset is damaged: the categories of %(dimension)s have no order."),
    "size_mismatch": _("The dataset is damaged: %(dimension)s does not have the size it states."),
    "missing_dimension": _("The dataset is damaged: the dimension %(dimension)s is not described."),
    "value_count": _(
        "The dataset is damaged: it should hold %(expected)s figures but holds %(found)s."
    ),
    "bad_value": _("The dataset is damaged: position %(position)s holds %(value)s, not a number."),
    "no_table_id": _(
        "The dataset does not say which table it comes from; nothing was imported. Download it "
        "again from SCB's API with its metadata."
    ),
    "no_time": _("The dataset has no time dimension; nothing was imported."),
    "dimensions_changed": _(
        "The table's dimensions have changed (before: %(before)s; now: %(after)s). Nothing was "
        "imported from this payload: check the table at SCB before the platform reads it again."
    ),
    "metadata_only": _(
        "The table's description (metadata): the table is known now; there are no figures in it."
    ),
    "region_not_ours": _(
        "%(label)s is neither the municipality (%(municipality)s), its county nor Sweden; its "
        "figures were not stored."
    ),
    "region_not_municipality": _(
        "%(label)s is not a Swedish municipality, county or the whole country; skipped."
    ),
    "no_region": _("The table has no region: its figures are stored as Sweden's."),
    "no_total": _(
        "The payload gives no total of %(dimension)s: its figures are stored per %(dimension)s "
        "and the pages, which show totals, do not use them. Choose the total (or leave the "
        "dimension out) when fetching the table."
    ),
    "missing_value": _(
        "No figure: SCB marks it “%(status)s” (missing or protected). Skipped, not stored as zero."
    ),
    "not_integer": _("The figure %(value)s is not a whole number; skipped."),
    "contents_not_followed": _(
        "The contents %(label)s are not among the figures the platform follows; skipped."
    ),
    "period_not_understood": _("The period %(period)s is neither a year nor a month; skipped."),
    "country_not_mapped": _(
        "The country of birth %(label)s (code %(code)s) is not in the mapping of countries: its "
        "figures are stored and counted as unknown until data/countries.yaml names it."
    ),
    "http_error": _("SCB answered HTTP %(status)s for the table %(table)s; it was skipped."),
    "more_problems": _("%(count)s more problems of the same kinds are not listed."),
}


def problem(where: str, reason: str, *, level: str = WARNING, **params: Any) -> dict[str, Any]:
    """A problem as it is kept with an import (JSON)."""
    return {"where": where, "reason": reason, "level": level, "params": params}


def problem_text(item: Mapping[str, Any]) -> str:
    """The problem in the active language."""
    message = MESSAGES.get(str(item.get("reason")))
    if message is None:
        return str(item.get("reason"))
    params = {k: v if v not in (None, "") else "–" for k, v in (item.get("params") or {}).items()}
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):
        return str(message)
