"""Small helpers the exchange views share: fetching records or 404, and putting a service's
validation errors back on the form's fields."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404

from .models import Event
from .selectors.events import event_detail


def get_event(pk: int) -> Event:
    try:
        return event_detail(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def form_errors(form: Form, error: ValidationError, names: Mapping[str, str] | None = None) -> None:
    """Put a service's errors on the form's fields (a field the form lacks: on the form)."""
    names = names or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, problems in error.message_dict.items():
        field = names.get(field, field)
        form.add_error(field if field in form.fields else None, problems)
