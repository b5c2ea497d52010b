"""One way to write a row's fields: :func:`model_update` (after HackSoft's Django styleguide).

Every loader and sync of the platform (knowledge files, the organisation file, the EU sources)
creates or updates rows from data it read. They all go through this function, so that each of
them validates the same way, saves only what changed and reports whether anything did.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def model_update(
    *,
    instance: M,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    keep: Collection[str] = (),
    validate_unique: bool = True,
) -> tuple[M, bool]:
    """Set the fields of ``data`` that differ, validate and save; True when anything changed.

    A new instance (no primary key yet) is always validated and saved. A field named in ``keep``
    is only filled while it is empty: it holds what someone wrote in the platform, which a data
    file must not overwrite. ``m2m`` gives the wanted members of many-to-many fields, set after
    the save and only when they differ. Raises ``ValidationError`` from ``full_clean()``.
    """
    changed = False
    for name, value in data.items():
        current = getattr(instance, name)
        if name in keep and current:
            continue
        if current != value:
            setattr(instance, name, value)
            changed = True
    if changed or instance.pk is None:
        instance.full_clean(validate_unique=validate_unique)
        instance.save()
    for name, targets in (m2m or {}).items():
        wanted = {target.pk for target in targets}
        manager = getattr(instance, name)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            changed = True
    return instance, changed
