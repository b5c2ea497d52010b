"""Writes on users: the first administrator, invitations, roles and memberships, API and feed
keys."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from .constants import Role
from .models import FeedKey, User


@dataclass(frozen=True)
class FirstAdmin:
    user: User
    login_url: str


def password_set_link(*, user: User, base_url: str | None = None) -> str:
    """A one-time link that lets the user choose a password; invalid once a password is set."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{(base_url or settings.SITE_URL).rstrip('/')}{path}"


@transaction.atomic
def administrator_ensure(
    *, username: str = "admin", base_url: str | None = None
) -> FirstAdmin | None:
    """Create the first administrator when there is none, without a password.

    Returns the user and a one-time link to set the password, or None when an administrator
    exists already. There is no default password anywhere.
    """
    if User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).exists():
        return None
    user = User(username=username, role=Role.ADMINISTRATOR)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return FirstAdmin(user=user, login_url=password_set_link(user=user, base_url=base_url))


def token_exists(*, user: User) -> bool:
    """Whether the user has an API key."""
    return Token.objects.filter(user=user).exists()


@transaction.atomic
def token_regenerate(*, user: User) -> str:
    """Replace the user's API key with a new one and return it."""
    Token.objects.filter(user=user).delete()
    return str(Token.objects.create(user=user).key)


def feed_key_ensure(*, user: User) -> FeedKey:
    """The user's feed key (for calendar and feed addresses), created on first use."""
    feed_key, _created = FeedKey.objects.get_or_create(user=user)
    return feed_key


@transaction.atomic
def feed_key_regenerate(*, user: User) -> FeedKey:
    """Replace the user's feed key: every calendar and feed address given out so far stops."""
    FeedKey.objects.filter(user=user).delete()
    feed_key = FeedKey(user=user)
    feed_key.full_clean()
    feed_key.save()
    return feed_key
