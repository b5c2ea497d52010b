from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model

from omvarld.accounts.models import User
from omvarld.core.documents import StoredDocument, document_remove_file
from omvarld.core.permissions import AnyUser


def author(user: AnyUser) -> User | None:
    return user if isinstance(user, User) else None


def deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def assign(instance: Model, changes: Mapping[str, Any], allowed: Collection[str]) -> list[str]:
    """Set the changed fields on the instance; refuse fields that may not change.

    Returns the names of the fields whose value differs, so a caller saves only on a change.
    """
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"fields that cannot change: {sorted(unknown)}")
    changed = []
    for name, value in changes.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def remove_files_on_commit(documents: Collection[StoredDocument]) -> None:
    """Remove the stored files of deleted documents once the deletion is committed (a file that
    another document still keeps stays), so a rolled-back deletion loses no file."""
    documents = list(documents)

    def remove() -> None:
        for document in documents:
            document_remove_file(document)

    if documents:
        transaction.on_commit(remove)
