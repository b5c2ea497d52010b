from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import Role


class User(AbstractUser):
    """A person who uses Omvärld: a role, and the bodies and offices they belong to."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.READER)
    bodies = models.ManyToManyField(
        "organisation.Body",
        blank=True,
        related_name="members",
        verbose_name=_("bodies"),
        help_text=_("Committees and other bodies whose matters this user works with."),
    )
    offices = models.ManyToManyField(
        "organisation.Office",
        blank=True,
        related_name="members",
        verbose_name=_("offices"),
        help_text=_("Offices this user works at."),
    )

    history = HistoricalRecords(
        excluded_fields=["password", "last_login"], m2m_fields=[bodies, offices]
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Admin-site access follows the role so that the role is the single source of truth.
        self.is_superuser = self.role == Role.ADMINISTRATOR
        self.is_staff = self.role in (Role.ADMINISTRATOR, Role.COORDINATOR)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


def _new_feed_key() -> str:
    return secrets.token_urlsafe(32)


class FeedKey(models.Model):
    """A secret in the addresses of a user's calendar and news feeds.

    Calendar and feed readers cannot log in, so the address itself carries the secret; it is
    separate from the API key, reads only, and the user can replace it at any time.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="feed_key", verbose_name=_("user")
    )
    key = models.CharField(_("key"), max_length=64, unique=True, default=_new_feed_key)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("feed key")
        verbose_name_plural = _("feed keys")

    def __str__(self) -> str:
        return f"{self.user}"
