from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user may do. Enforced in one place: :mod:`omvarld.core.permissions`."""

    ADMINISTRATOR = "administrator", _("Administrator")
    COORDINATOR = "coordinator", _("International coordinator")
    OFFICER = "officer", _("Officer")
    READER = "reader", _("Reader")
