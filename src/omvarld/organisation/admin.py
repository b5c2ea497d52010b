from __future__ import annotations

from django.contrib import admin

from omvarld.core.admin import PermissionAdmin

from .models import Body, Municipality, Office, ProgrammeGoal


@admin.register(Municipality)
class MunicipalityAdmin(PermissionAdmin):
    list_display = ["name", "code", "county"]


@admin.register(Body)
class BodyAdmin(PermissionAdmin):
    list_display = ["name", "short_name", "kind", "active_from", "active_until"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["predecessors"]


@admin.register(Office)
class OfficeAdmin(PermissionAdmin):
    list_display = ["name", "short_name", "active_from", "active_until"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["bodies"]


@admin.register(ProgrammeGoal)
class ProgrammeGoalAdmin(PermissionAdmin):
    list_display = ["name_sv", "code", "kind", "active", "position"]
    list_filter = ["kind", "active"]
    search_fields = ["name_sv", "name_en", "code"]
