"""The relations register in the admin site: for reading records and their history.

Changes are made on the register's pages, where the duplicate check, the permission rules and
the privacy rules apply; contacts are not in the admin site at all, so that every view of one is
logged. The log of contact views and the trace of erasures are read-only for coordinators.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from omvarld.core import permissions
from omvarld.core.admin import PermissionAdmin

from .models import (
    Activity,
    Agreement,
    AgreementDocument,
    ContactErasure,
    ContactView,
    Membership,
    Partner,
)


class ReadOnlyAdmin(PermissionAdmin):
    """Read and see the history; the pages make the changes."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "relation", "country", "status"]
    list_filter = ["kind", "relation", "status", "country"]
    search_fields = ["name", "name_sv", "place"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "body", "starts", "ends", "renewal_date", "notice_date"]


class DocumentInline(admin.TabularInline[AgreementDocument, Agreement]):
    model = AgreementDocument
    fields = ["title", "original_name", "kind", "size", "sha256", "uploaded_at"]
    readonly_fields = ["title", "original_name", "kind", "size", "sha256", "uploaded_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "partner", "signed", "valid_until", "notice_date"]
    list_filter = ["kind"]
    search_fields = ["title", "reference"]
    inlines = [DocumentInline]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "starts", "follow_up_date"]
    list_filter = ["kind"]
    search_fields = ["title"]


class CoordinatorLogAdmin(admin.ModelAdmin[Any]):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.is_coordinator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.is_coordinator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ContactView)
class ContactViewAdmin(CoordinatorLogAdmin):
    list_display = ["viewed_at", "username", "contact_number", "channel"]
    list_filter = ["channel"]


@admin.register(ContactErasure)
class ContactErasureAdmin(CoordinatorLogAdmin):
    list_display = ["erased_at", "contact_number", "partner", "reason", "erased_by"]
    list_filter = ["reason"]
