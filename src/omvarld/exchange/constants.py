"""The exchange app's vocabulary: kinds of events, roles, costs, report and action states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    FAIR = "fair", _("Fair")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    STUDY_VISIT_OUT = "study_visit_out", _("Study visit (outgoing)")
    STUDY_VISIT_IN = "study_visit_in", _("Incoming study visit (a delegation visits us)")
    COURSE = "course", _("Course")
    WEBINAR = "webinar", _("Webinar")


#: Kinds where nobody travels: a delegation visiting us, an online event. They need no trip
#: report unless the officer asks for one.
NO_TRIP_KINDS = frozenset({EventKind.STUDY_VISIT_IN, EventKind.WEBINAR})


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    HOST = "host", _("Host")


class LegalBasis(models.TextChoices):
    """The legal basis (GDPR art. 6.1) for keeping a named guest's data."""

    PUBLIC_TASK = "public_task", _("Task in the public interest (art. 6.1 e)")
    CONTRACT = "contract", _("Contract (art. 6.1 b)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (art. 6.1 c)")
    CONSENT = "consent", _("Consent (art. 6.1 a)")


class CostKind(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    ACCOMMODATION = "accommodation", _("Accommodation")
    FEES = "fees", _("Fees")
    SUBSISTENCE = "subsistence", _("Subsistence allowance")
    OTHER = "other", _("Other")


class PresentationKind(models.TextChoices):
    TALK = "talk", _("Talk")
    POSTER = "poster", _("Poster")
    STAND = "stand", _("Stand")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: Statuses of an action that nobody needs to work on any more.
CLOSED_ACTION_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})
OPEN_ACTION_STATUSES = tuple(s for s in ActionStatus if s not in CLOSED_ACTION_STATUSES)
