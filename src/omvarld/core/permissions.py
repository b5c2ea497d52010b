"""The one permission layer of Omvärld, used by views, the API and the admin site.

Roles:
- administrator: everything, including users and roles;
- international coordinator: everything except users and roles;
- officer: reads everything, edits what belongs to the bodies and offices they are a member of;
- reader: reads everything, edits nothing.

An object that belongs to bodies or offices says so by implementing :class:`Owned`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .constants import Role

AnyUser = AbstractBaseUser | AnonymousUser


@runtime_checkable
class Owned(Protocol):
    """An object that belongs to some bodies and offices of the organisation."""

    def owner_body_ids(self) -> set[int]: ...

    def owner_office_ids(self) -> set[int]: ...


def role_of(user: AnyUser) -> Role | None:
    """The role of an active, logged-in user; None for anyone else."""
    if not user.is_authenticated or not user.is_active:
        return None
    return Role(getattr(user, "role", Role.READER))


def is_coordinator(user: AnyUser) -> bool:
    """Administrators and international coordinators: may do everything with content."""
    return role_of(user) in (Role.ADMINISTRATOR, Role.COORDINATOR)


def can_view(user: AnyUser) -> bool:
    """Every active user with an account reads everything in the platform."""
    return role_of(user) is not None


def can_manage(user: AnyUser) -> bool:
    """Create and delete records, edit the organisation and the knowledge base, run tasks."""
    return is_coordinator(user)


def can_manage_users(user: AnyUser) -> bool:
    """Create users of every role and manage them all: administrators only."""
    return role_of(user) == Role.ADMINISTRATOR


def roles_user_may_give(user: AnyUser) -> list[Role]:
    """The roles the user may give when inviting or changing a user: every role for an
    administrator, officer and reader for a coordinator, none for anyone else."""
    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return list(Role)
    if role == Role.COORDINATOR:
        return [Role.OFFICER, Role.READER]
    return []


def can_invite_users(user: AnyUser) -> bool:
    """Administrators, and coordinators (who invite officers and readers)."""
    return bool(roles_user_may_give(user))


def can_manage_user(user: AnyUser, other: AbstractBaseUser) -> bool:
    """Whether the user may change another user's role, memberships and access: an
    administrator any other user, a coordinator officers and readers; nobody themselves."""
    if user.pk is not None and user.pk == other.pk:
        return False
    return Role(getattr(other, "role", Role.READER)) in roles_user_may_give(user)


def can_work_for_bodies(user: AnyUser) -> bool:
    """Whether the user writes for some body: a coordinator, or an officer who belongs to one.

    Menus show what leads to such work (importing a body's minutes, recording an action) only
    to them, so that nobody follows a link to a refusal.
    """
    if is_coordinator(user):
        return True
    return role_of(user) == Role.OFFICER and bool(member_ids(user)[0])


def member_ids(user: AnyUser) -> tuple[set[int], set[int]]:
    """The ids of the bodies and offices a user belongs to, cached on the user object."""
    cached: tuple[set[int], set[int]] | None = getattr(user, "_omvarld_member_ids", None)
    if cached is None:
        if not user.is_authenticated:
            cached = (set(), set())
        else:
            cached = (
                set(getattr(user, "bodies").values_list("pk", flat=True)),  # noqa: B009
                set(getattr(user, "offices").values_list("pk", flat=True)),  # noqa: B009
            )
        user._omvarld_member_ids = cached  # type: ignore[union-attr]
    return cached


def can_edit(user: AnyUser, obj: object) -> bool:
    """Whether the user may change this object."""
    role = role_of(user)
    if role in (Role.ADMINISTRATOR, Role.COORDINATOR):
        return True
    if role != Role.OFFICER or not isinstance(obj, Owned):
        return False
    body_ids, office_ids = member_ids(user)
    return bool(obj.owner_body_ids() & body_ids or obj.owner_office_ids() & office_ids)
