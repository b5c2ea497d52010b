"""Reads behind the calendar and news-feed addresses: which bodies an address names."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from omvarld.accounts.models import User
from omvarld.organisation.models import Body

__all__ = ["MY_BODIES", "body_by_short_name", "feed_bodies"]

MY_BODIES = "mina"
"""The name, in calendar addresses, of the calendar of all the user's own bodies."""


def body_by_short_name(name: str) -> Body:
    """The active body with this short name; 404 when there is none."""
    body = Body.objects.active_on().filter(short_name=name).order_by("pk").first()
    if body is None:
        raise Http404
    return body


def feed_bodies(*, user: User, name: str) -> tuple[str, list[Body]]:
    """The bodies a feed address names: one active body by short name, or the user's own bodies.

    Returns the feed's title with the bodies; 404 when the name matches no active body.
    """
    if name == MY_BODIES:
        return _("My bodies"), list(Body.objects.active_on().filter(members=user).order_by("name"))
    body = body_by_short_name(name)
    return body.name, [body]
