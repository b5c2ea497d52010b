"""The feed key in the addresses of a user's calendar and news feeds."""

from __future__ import annotations

from omvarld.accounts.models import FeedKey, User


def feed_key_ensure(*, user: User) -> FeedKey:
    """The user's feed key (shared with the platform's other feeds), created on first use."""
    feed_key, _created = FeedKey.objects.get_or_create(user=user)
    return feed_key
