"""What the services share: who may create, validated saves with the history's user."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser

_M = TypeVar("_M", bound=models.Model)


def may_create(user: AnyUser, *, body_ids: Iterable[int], office_ids: Iterable[int] = ()) -> bool:
    """Coordinators create anything; officers what one of their bodies or offices is made
    responsible for."""
    if permissions.is_coordinator(user):
        return True
    if permissions.role_of(user) != "officer":
        return False
    bodies, offices = permissions.member_ids(user)
    return bool(set(body_ids) & bodies or set(office_ids) & offices)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def history_user(record: models.Model, user: AnyUser | None) -> None:
    if user is not None and user.is_authenticated:
        record._history_user = user  # type: ignore[attr-defined]


def save(record: _M, user: AnyUser | None) -> _M:
    record.full_clean()
    history_user(record, user)
    record.save()
    return record


def apply(record: models.Model, changes: Mapping[str, Any], allowed: Collection[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    for name, value in changes.items():
        setattr(record, name, value)
