"""The exchange app's records: events and who went, what it cost, what was presented; the trip
report with its lessons and ideas, and the follow-up actions that bring them home."""

from .events import (
    Cost,
    Event,
    EventPartner,
    Participation,
    Presentation,
    PresentationDocument,
)
from .reports import FollowUpAction, Idea, Lesson, ReportContact, ReportDocument, TripReport

__all__ = [
    "Cost",
    "Event",
    "EventPartner",
    "FollowUpAction",
    "Idea",
    "Lesson",
    "Participation",
    "Presentation",
    "PresentationDocument",
    "ReportContact",
    "ReportDocument",
    "TripReport",
]
