from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from omvarld.core.permissions import can_manage_users

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User], SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["username", "email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "bodies"]
    filter_horizontal = ["bodies", "offices"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role and membership"), {"fields": ("role", "bodies", "offices", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "role", "password1", "password2"),
            },
        ),
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_users(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return can_manage_users(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_manage_users(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return can_manage_users(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return can_manage_users(request.user)
