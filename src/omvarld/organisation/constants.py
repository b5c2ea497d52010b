from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    """The kinds of political body a Swedish municipality has."""

    COUNCIL = "council", _("Municipal council")
    EXECUTIVE_BOARD = "executive_board", _("Executive board")
    COMMITTEE = "committee", _("Committee")
    COMPANY = "company", _("Municipal company")
    OTHER = "other", _("Other body")


class GoalKind(models.TextChoices):
    """Where a goal of the international programme comes from."""

    THEME = "theme", _("Theme of the international programme")
    FOCUS_AREA = "focus_area", _("Focus area of a shared guideline")
    LOCAL = "local", _("Goal set by the municipality")
