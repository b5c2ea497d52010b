"""The choices of EU funding, with translatable labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Management(models.TextChoices):
    """How a programme's money reaches a municipality."""

    SHARED = "shared", _("Shared management (a Swedish managing authority)")
    INTERREG = "interreg", _("Interreg (a joint secretariat of the countries)")
    INDIRECT = "indirect", _("Indirect management (a Swedish national agency)")
    DIRECT = "direct", _("Direct management (the European Commission)")


class Eligibility(models.TextChoices):
    """Whether the municipality may apply, as the programme's sources say."""

    YES = "yes", _("Norrköping is in the programme area")
    CHECK = "check", _("Check: no source settles it")


class CallSource(models.TextChoices):
    PORTAL = "portal", _("EU Funding & Tenders portal")
    FILE = "file", _("Imported from a file")
    MANUAL = "manual", _("Entered by hand")


class CallStatus(models.TextChoices):
    """Where a call stands today, from its dates."""

    FORTHCOMING = "forthcoming", _("Forthcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class MatchStatus(models.TextChoices):
    """A call in a body's inbox, as its officers judge it."""

    NEW = "new", _("New")
    RELEVANT = "relevant", _("Of interest")
    APPLYING = "applying", _("Applying")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class ProjectStatus(models.TextChoices):
    """A project's way from idea to closure, in order."""

    IDEA = "idea", _("Idea")
    PREPARING = "preparing", _("Preparing the application")
    SUBMITTED = "submitted", _("Application submitted")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    RUNNING = "running", _("Running")
    FINAL_REPORT = "final_report", _("Final report")
    CLOSED = "closed", _("Closed")


#: The moves a project may make; a step back corrects a mistake.
TRANSITIONS: dict[str, frozenset[str]] = {
    ProjectStatus.IDEA: frozenset({ProjectStatus.PREPARING, ProjectStatus.CLOSED}),
    ProjectStatus.PREPARING: frozenset(
        {ProjectStatus.IDEA, ProjectStatus.SUBMITTED, ProjectStatus.CLOSED}
    ),
    ProjectStatus.SUBMITTED: frozenset(
        {ProjectStatus.PREPARING, ProjectStatus.GRANTED, ProjectStatus.REJECTED}
    ),
    ProjectStatus.GRANTED: frozenset(
        {ProjectStatus.SUBMITTED, ProjectStatus.RUNNING, ProjectStatus.CLOSED}
    ),
    ProjectStatus.REJECTED: frozenset(
        {ProjectStatus.SUBMITTED, ProjectStatus.PREPARING, ProjectStatus.CLOSED}
    ),
    ProjectStatus.RUNNING: frozenset({ProjectStatus.GRANTED, ProjectStatus.FINAL_REPORT}),
    ProjectStatus.FINAL_REPORT: frozenset({ProjectStatus.RUNNING, ProjectStatus.CLOSED}),
    ProjectStatus.CLOSED: frozenset({ProjectStatus.FINAL_REPORT}),
}

#: Statuses in which the application has been decided in the project's favour.
AFTER_GRANT = frozenset(
    {
        ProjectStatus.GRANTED,
        ProjectStatus.RUNNING,
        ProjectStatus.FINAL_REPORT,
    }
)


class Decision(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")


class Currency(models.TextChoices):
    SEK = "SEK", _("Swedish kronor (SEK)")
    EUR = "EUR", _("Euro (EUR)")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")


class DocumentType(models.TextChoices):
    APPLICATION = "application", _("Application")
    DECISION = "decision", _("Funding decision")
    AGREEMENT = "agreement", _("Agreement")
    REPORT = "report", _("Report")
    CLAIM = "claim", _("Payment claim")
    OTHER = "other", _("Other")
