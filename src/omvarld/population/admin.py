"""The admin site: everything here is read only. Figures and fetches come from SCB and are kept
as evidence; the countries come from data/countries.yaml (change the file, not the rows)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from omvarld.core.admin import PermissionAdmin

from .models import Country, Fetch, Observation, StatTable


class ReadOnlyAdmin(PermissionAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Country)
class CountryAdmin(ReadOnlyAdmin):
    list_display = ["name_sv", "key", "iso_alpha2", "group", "kind"]
    list_filter = ["group", "kind"]
    search_fields = ["name_sv", "name_en", "key"]


@admin.register(StatTable)
class StatTableAdmin(ReadOnlyAdmin):
    list_display = ["table_id", "label", "updated", "imported_at"]
    search_fields = ["table_id", "label"]


@admin.register(Fetch)
class FetchAdmin(ReadOnlyAdmin):
    list_display = ["fetched_at", "kind", "table_id", "state", "status", "created", "problem_count"]
    list_filter = ["kind", "state"]
    search_fields = ["request", "sha256", "table_id"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["table", "measure", "region", "period", "category", "value", "status"]
    list_filter = ["measure", "region"]
    search_fields = ["category", "category_label", "period"]
    list_select_related = ["table"]
    raw_id_fields = ["fetch"]
