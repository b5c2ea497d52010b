from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalKind(models.TextChoices):
    """Where a programme goal comes from."""

    THEME = "theme", _("Theme of the international programme")
    FOCUS_AREA = "focus_area", _("Focus area of a shared guideline")
    LOCAL = "local", _("Goal set by the municipality")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


#: Statuses of an activity that is still to be done.
OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.ONGOING)

#: The first and last year a plan or report may be for.
FIRST_YEAR = 2000
LAST_YEAR = 2100
