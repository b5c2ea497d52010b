from django.db import models
from django.utils.translation import pgettext_lazy


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("activity", "Planned")
    ONGOING = "ongoing", pgettext_lazy("activity", "Ongoing")
    DONE = "done", pgettext_lazy("activity", "Done")
    CANCELLED = "cancelled", pgettext_lazy("activity", "Cancelled")


#: Statuses of an activity that is still to be done.
OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.ONGOING)

#: The first and last year a plan or report may be for.
FIRST_YEAR = 2000
LAST_YEAR = 2100
