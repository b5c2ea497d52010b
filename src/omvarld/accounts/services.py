"""Writes on users: the first administrator, invitations, roles and memberships, API and feed
keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.organisation.models import Body, Office

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


# --- Users managed inside the platform --------------------------------------------------------


def invitation_send(*, user: User, invited_by: AnyUser, base_url: str | None = None) -> None:
    """E-mail the user a one-time link to choose a password and sign in.

    The link is Django's password-reset token: it works once, stops working when a password is
    set, and expires after ``PASSWORD_RESET_TIMEOUT`` (three days).
    """
    context = {
        "user": user,
        "invited_by": getattr(invited_by, "display_name", ""),
        "link": password_set_link(user=user, base_url=base_url),
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        "site_url": (base_url or settings.SITE_URL).rstrip("/"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("registration/invitation_subject.txt", context).split())
        body = render_to_string("registration/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])


def _check_role(actor: AnyUser, role: str) -> None:
    if role not in permissions.roles_user_may_give(actor):
        raise PermissionDenied


def _check_email(email: str, *, other_than: User | None = None) -> str:
    email = email.strip().lower()
    taken = User.objects.filter(email__iexact=email) | User.objects.filter(username__iexact=email)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists():
        raise ValidationError({"email": _("A user with this e-mail address exists already.")})
    return email


@transaction.atomic
def user_invite(
    *,
    actor: AnyUser,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    bodies: Iterable[Body] = (),
    offices: Iterable[Office] = (),
    base_url: str | None = None,
) -> User:
    """Create a user without a password and e-mail them a one-time link to choose one.

    The e-mail address is the user name. Administrators invite every role, coordinators
    officers and readers. The e-mail goes once the user is saved.
    """
    _check_role(actor, role)
    email = _check_email(email)
    user = User(username=email, email=email, first_name=first_name, last_name=last_name, role=role)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.bodies.set(bodies)
    user.offices.set(offices)
    transaction.on_commit(lambda: invitation_send(user=user, invited_by=actor, base_url=base_url))
    return user


def user_is_invited(user: User) -> bool:
    """Invited and not yet signed in: no password chosen."""
    return user.last_login is None and not user.has_usable_password()


def invitation_resend(*, actor: AnyUser, user: User, base_url: str | None = None) -> None:
    """A new one-time link to a user who has not chosen a password yet."""
    if not permissions.can_manage_user(actor, user):
        raise PermissionDenied
    if not user_is_invited(user):
        raise ValidationError(_("The user has already chosen a password."))
    invitation_send(user=user, invited_by=actor, base_url=base_url)


@transaction.atomic
def user_update(
    *,
    actor: AnyUser,
    user: User,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    bodies: Iterable[Body] = (),
    offices: Iterable[Office] = (),
) -> User:
    """Change a user's name, address, role and memberships (not one's own)."""
    if not permissions.can_manage_user(actor, user):
        raise PermissionDenied
    _check_role(actor, role)
    user.email = _check_email(email, other_than=user)
    user.first_name, user.last_name, user.role = first_name, last_name, role
    user.full_clean(exclude=["password"])
    user.save()
    user.bodies.set(bodies)
    user.offices.set(offices)
    return user


@transaction.atomic
def user_set_active(*, actor: AnyUser, user: User, active: bool) -> User:
    """Deactivate a user (they can no longer sign in, and their API and feed keys stop
    working), or let them back in. Their history stays."""
    if not permissions.can_manage_user(actor, user):
        raise PermissionDenied
    user.is_active = active
    user.save(update_fields=["is_active", "is_staff", "is_superuser"])
    return user
