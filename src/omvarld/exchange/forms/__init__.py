"""Forms of the exchange pages. Filters never fail a page: invalid values are dropped with a
message. Write forms check what a field can check; the services check the rest, and their errors
are put back on the fields so that nothing typed is lost."""

from .common import FilterForm
from .events import (
    CostFilterForm,
    CostForm,
    EventFilterForm,
    EventForm,
    GuestSearchForm,
    ParticipationForm,
    PresentationForm,
)
from .reports import (
    ACTION_ERROR_FIELDS,
    ActionFilterForm,
    ActionForm,
    ContactForm,
    DocumentForm,
    IdeaForm,
    KnowledgeFilterForm,
    LessonForm,
    ReportForm,
)

__all__ = [
    "ACTION_ERROR_FIELDS",
    "ActionFilterForm",
    "ActionForm",
    "ContactForm",
    "CostFilterForm",
    "CostForm",
    "DocumentForm",
    "EventFilterForm",
    "EventForm",
    "FilterForm",
    "GuestSearchForm",
    "IdeaForm",
    "KnowledgeFilterForm",
    "LessonForm",
    "ParticipationForm",
    "PresentationForm",
    "ReportForm",
]
