"""What the relations models share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def end_after_start(start: object, end: object, field: str) -> dict[str, ValidationError]:
    """An error on ``field`` when the end comes before the start."""
    if start and end and end < start:  # type: ignore[operator]
        return {field: ValidationError(_("The end cannot come before the start."), code="order")}
    return {}
