"""The admin site's view of EU funding, under the platform's permission layer. Calls are written
through their services (so they are matched again); the admin keeps to corrections."""

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
    Call,
    CallFetch,
    CallMatch,
    PaymentClaim,
    Programme,
    Project,
    ProjectPartner,
    ProjectResult,
    ReportingPeriod,
)


@admin.register(Programme)
class ProgrammeAdmin(PermissionAdmin):
    list_display = ["name_sv", "period", "managing_authority", "eligibility"]
    list_filter = ["management", "eligibility"]
    search_fields = ["name_sv", "name_en", "code"]
    filter_horizontal = ["areas"]


@admin.register(Call)
class CallAdmin(PermissionAdmin):
    list_display = ["__str__", "identifier", "programme", "opens", "deadline", "source"]
    list_filter = ["source", "programme", "areas"]
    search_fields = ["title", "title_sv", "identifier", "call_identifier"]
    filter_horizontal = ["areas"]
    exclude = ["fetches"]
    actions = ["match_again"]

    @admin.action(description=gettext_lazy("Match the chosen calls to bodies again"))
    def match_again(self, request: HttpRequest, queryset: QuerySet[Call]) -> None:
        if not permissions.can_manage(request.user):
            self.message_user(request, _("Only coordinators may match calls."), messages.ERROR)
            return
        for call in queryset:
            services.call_match(call=call)
        self.message_user(
            request, _("Matched again: %(count)d calls.") % {"count": queryset.count()}
        )


@admin.register(CallMatch)
class CallMatchAdmin(PermissionAdmin):
    list_display = ["call", "body", "score", "status", "suggested"]
    list_filter = ["status", "suggested", "body"]
    raw_id_fields = ["call"]


@admin.register(CallFetch)
class CallFetchAdmin(PermissionAdmin):
    list_display = ["__str__", "source", "status", "records", "fetched_at"]
    list_filter = ["source"]
    readonly_fields = ["source", "request", "status", "payload", "sha256", "records", "errors"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PartnerInline(admin.TabularInline[ProjectPartner, Project]):
    model = ProjectPartner
    extra = 0


class PeriodInline(admin.TabularInline[ReportingPeriod, Project]):
    model = ReportingPeriod
    extra = 0


class ClaimInline(admin.TabularInline[PaymentClaim, Project]):
    model = PaymentClaim
    extra = 0


class ResultInline(admin.TabularInline[ProjectResult, Project]):
    model = ProjectResult
    extra = 0


@admin.register(Project)
class ProjectAdmin(PermissionAdmin):
    list_display = ["__str__", "programme", "status", "decision", "updated_at"]
    list_filter = ["status", "decision", "programme", "bodies"]
    search_fields = ["title", "acronym"]
    filter_horizontal = ["bodies", "offices"]
    raw_id_fields = ["call"]
    inlines = [PartnerInline, PeriodInline, ClaimInline, ResultInline]
