"""Request types for views that use django-htmx's request attribute."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed through HtmxMiddleware."""

    htmx: HtmxDetails
