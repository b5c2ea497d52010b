"""Query parameters that every app's filter sets share (django-filter).

A number in a query string is parsed by a form field with the database's bounds: a value no row
can have is a clear 400 (API) or an ignored filter with a message (pages), never a 500. On SQLite
a whole number beyond 64 bits cannot even be bound to a query (OverflowError), and PostgreSQL
refuses it with an error, so an unbounded ``NumberFilter`` on an id was a server error waiting for
a long enough number.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

#: The largest id a database row can have (a signed 64-bit integer): anything larger is refused.
MAX_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """A row id: a whole number within the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.Filter):
    """A calendar year of four digits."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1000)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)
