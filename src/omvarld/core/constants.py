"""The vocabulary of the permission layer, which every app shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user may do. Enforced in one place: :mod:`omvarld.core.permissions`.

    It lives here, under the permission layer that gives it meaning, so that ``core`` needs no
    app above it; ``omvarld.accounts.constants`` names it too, for the users that carry a role.
    """

    ADMINISTRATOR = "administrator", _("Administrator")
    COORDINATOR = "coordinator", _("International coordinator")
    OFFICER = "officer", _("Officer")
    READER = "reader", _("Reader")
