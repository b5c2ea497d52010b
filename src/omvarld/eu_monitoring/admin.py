from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omvarld.core import permissions
from omvarld.core.admin import PermissionAdmin

from . import services
from .models import (
    Assessment,
    FeedbackWindow,
    FetchRecord,
    InfluenceAction,
    Initiative,
    InitiativeAct,
    Routing,
    StageEvent,
)


class InitiativeActInline(admin.TabularInline[InitiativeAct, Initiative]):
    model = InitiativeAct
    raw_id_fields = ["act"]
    extra = 0


class StageEventInline(admin.TabularInline[StageEvent, Initiative]):
    model = StageEvent
    extra = 0


class FeedbackWindowInline(admin.TabularInline[FeedbackWindow, Initiative]):
    model = FeedbackWindow
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(PermissionAdmin):
    list_display = ["__str__", "procedure_reference", "com_number", "stage", "updated_at"]
    list_filter = ["stage", "areas"]
    search_fields = ["title_sv", "title_en", "procedure_reference", "com_number"]
    filter_horizontal = ["areas"]
    exclude = ["fetches"]
    inlines = [InitiativeActInline, StageEventInline, FeedbackWindowInline]
    actions = ["route_again"]

    @admin.action(description=gettext_lazy("Route the chosen initiatives again"))
    def route_again(self, request: HttpRequest, queryset: QuerySet[Initiative]) -> None:
        if not permissions.can_manage(request.user):
            self.message_user(request, _("Only coordinators may route."), messages.ERROR)
            return
        for initiative in queryset:
            services.initiative_route(initiative=initiative)
        self.message_user(
            request, _("Routed %(count)d initiatives again.") % {"count": queryset.count()}
        )


@admin.register(Routing)
class RoutingAdmin(PermissionAdmin):
    list_display = ["initiative", "body", "score", "status", "suggested"]
    list_filter = ["status", "suggested", "body"]
    search_fields = ["initiative__title_sv", "initiative__procedure_reference"]
    raw_id_fields = ["initiative"]
    readonly_fields = ["score", "reasons", "suggested"]

    def save_model(self, request: HttpRequest, obj: Routing, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # A routing added here is added by hand, as on the initiative's page: the router then
        # keeps it, with its reason, whatever it suggests.
        routing = services.routing_add(initiative=obj.initiative, body=obj.body, user=request.user)
        obj.pk = routing.pk
        obj.refresh_from_db()


@admin.register(Assessment)
class AssessmentAdmin(PermissionAdmin):
    list_display = ["routing", "relevance", "responsible", "assessed_by", "updated_at"]
    list_filter = ["relevance", "routing__body"]
    raw_id_fields = ["routing", "responsible", "assessed_by"]


@admin.register(InfluenceAction)
class InfluenceActionAdmin(PermissionAdmin):
    list_display = ["date", "initiative", "body", "channel", "stance"]
    list_filter = ["channel", "stance", "body"]
    search_fields = ["description", "initiative__title_sv"]
    raw_id_fields = ["initiative", "window", "created_by"]


@admin.register(FetchRecord)
class FetchRecordAdmin(PermissionAdmin):
    """What was fetched, kept as evidence: read only."""

    list_display = ["source", "fetched_at", "status", "records"]
    list_filter = ["source"]
    search_fields = ["request", "sha256"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
