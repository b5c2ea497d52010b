"""The admin site: plans and reports are read here and written on the app's pages (through the
services, which keep the rules). The programme goals are the organisation's, in its admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from omvarld.core.admin import PermissionAdmin

from .models import AnnualReport, Plan, PlanActivity


class ReadOnlyAdmin(PermissionAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ActivityInline(admin.TabularInline[PlanActivity, Plan]):
    model = PlanActivity
    fields = ("title", "status", "due", "done_on", "responsible")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "year", "adopted_on"]
    list_filter = ["year"]
    list_select_related = ["body", "office"]
    inlines = [ActivityInline]


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "year", "adopted_on"]
    list_filter = ["year"]
    list_select_related = ["body"]
    exclude = ["snapshot"]
