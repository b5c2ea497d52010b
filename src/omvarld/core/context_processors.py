"""What every page needs: the navigation, with only the modules that exist and the user may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import permissions


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not permissions.can_view(user):
        return {"nav_items": []}
    entries: list[tuple[str | Promise, str]] = [
        (_("Start"), "core:home"),
        (_("EU analysis"), "meetings:meeting_list"),
        (_("EU monitoring"), "eu_monitoring:initiative_list"),
        (_("Organisation"), "organisation:body_list"),
        (_("Knowledge base"), "knowledge:act_list"),
    ]
    if permissions.can_manage(user):
        entries += [(_("Background tasks"), "core:task_list"), (_("Change log"), "core:audit")]
    entries.append((_("API"), "api:docs"))
    path = request.path
    items = []
    for label, name in entries:
        url = reverse(name)
        active = path == url if name == "core:home" else path.startswith(url)
        items.append(NavItem(label, url, active))
    return {"nav_items": items, "can_manage": permissions.can_manage(user)}
