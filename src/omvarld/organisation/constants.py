from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    """The kinds of political body a Swedish municipality has."""

    COUNCIL = "council", _("Municipal council")
    EXECUTIVE_BOARD = "executive_board", _("Executive board")
    COMMITTEE = "committee", _("Committee")
    COMPANY = "company", _("Municipal company")
    OTHER = "other", _("Other body")
