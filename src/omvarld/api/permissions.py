"""The API's permission class: the same rules as the pages, from omvarld.core.permissions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from omvarld.core import permissions

if TYPE_CHECKING:
    # Imported for types only: rest_framework.views imports this module through its settings.
    from rest_framework.request import Request
    from rest_framework.views import APIView


class RolePermission(BasePermission):
    """Reads for every user; creating and deleting for coordinators; changing per object."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not permissions.can_view(request.user):
            return False
        if request.method in SAFE_METHODS:
            return True
        if request.method in ("POST", "DELETE"):
            return permissions.can_manage(request.user)
        # PUT and PATCH are decided per object.
        return True

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return permissions.can_manage(request.user)
        return permissions.can_edit(request.user, obj)


class ReviewPermission(BasePermission):
    """Reviews: every user reads them; officers of the item's body and coordinators write them."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return permissions.can_view(request.user)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return permissions.can_edit(request.user, obj)
