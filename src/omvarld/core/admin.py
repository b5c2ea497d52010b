"""The admin site's use of the permission layer, shared by every app's ModelAdmin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import permissions
from .models import WorkerHeartbeat

admin.site.site_header = _("Omvärld – administration")
admin.site.site_title = _("Omvärld – administration")
admin.site.index_title = _("Administration")


class PermissionAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """A ModelAdmin whose rights come from :mod:`omvarld.core.permissions`, with history."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_view(request.user) and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return permissions.can_manage(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return permissions.can_manage(request.user)
        return request.user.is_staff and permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage(request.user)


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin[WorkerHeartbeat]):
    list_display = ["worker_id", "hostname", "pid", "started_at", "last_seen"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_manage(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
