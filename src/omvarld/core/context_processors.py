"""What every page needs: the navigation, with only the modules that exist and the user may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from . import permissions
from .contributions import nav_entries


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu entries the installed apps registered and this user may use."""
    user = request.user
    if not permissions.can_view(user):
        return {"nav_items": []}
    path = request.path
    items = []
    for entry in nav_entries(user):
        url = reverse(entry.url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append(NavItem(entry.label, url, active))
    return {
        "nav_items": items,
        "can_manage": permissions.can_manage(user),
        "works_for_bodies": permissions.can_work_for_bodies(user),
    }
