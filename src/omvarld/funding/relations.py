"""The optional link to the relations register (``omvarld.relations``, issue 11).

A project partner may be one of the register's partners: its id is kept, and its name and country
are read through the register's selectors (never its models). Without the register installed,
partners are plain names and these functions say there is nothing to link.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps

APP = "omvarld.relations"


def installed() -> bool:
    return apps.is_installed(APP)


def _selectors() -> ModuleType:
    # Imported by name: the register is optional, and this app must load without it.
    return import_module(f"{APP}.selectors")


def partner_choices() -> list[tuple[int, str]]:
    """(id, name) of the register's current partners, for a form; empty without the register."""
    if not installed():
        return []
    return list(_selectors().partner_choices())


def partner_summaries(ids: Collection[int]) -> dict[int, Any]:
    """The register's summaries (name, country, address) of these partners, by id."""
    if not installed() or not ids:
        return {}
    summaries: dict[int, Any] = _selectors().partner_summaries(ids=ids)
    return summaries
