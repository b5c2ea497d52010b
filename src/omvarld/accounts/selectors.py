"""Reads of users: who a feed key belongs to, the users an administrator or coordinator manages."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from omvarld.core import permissions
from omvarld.organisation.models import Body, Office

from .models import FeedKey, User


def feed_key_user(*, key: str) -> User:
    """The active user whose feed key this is; 404 for any other key."""
    feed_key = FeedKey.objects.select_related("user").filter(key=key).first()
    if feed_key is None or not permissions.can_view(feed_key.user):
        raise Http404
    return feed_key.user


def user_list() -> QuerySet[User]:
    """Every user with their bodies and offices, active ones first, by name."""
    bodies: QuerySet[Body] = Body.objects.order_by("name")
    offices: QuerySet[Office] = Office.objects.order_by("name")
    users: QuerySet[User] = User.objects.order_by(
        "-is_active", "last_name", "first_name", "username"
    )
    return users.prefetch_related(Prefetch("bodies", bodies), Prefetch("offices", offices))
