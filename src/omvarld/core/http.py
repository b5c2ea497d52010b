"""Request helpers: the request type of views that use django-htmx, and the client's address."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has passed through HtmxMiddleware."""

    htmx: HtmxDetails


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client, as the login lockout must see it.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each appends the address it received the
    request from to ``X-Forwarded-For``; the client is the entry the outermost trusted proxy added,
    counted from the right. Entries left of it were written by the client and are ignored, as is
    the whole header when no proxy is trusted (anyone can send it). A header shorter than the
    proxy chain or holding no valid address falls back to the connection's address.
    """
    remote = request.META.get("REMOTE_ADDR")
    count: int = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
