from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """The official sources the platform follows."""

    EURLEX = "eurlex", _("EUR-Lex / CELLAR")
    HAVE_YOUR_SAY = "haveyoursay", _("Have Your Say")
    EUROPARL = "europarl", _("European Parliament open data")
    MANUAL = "manual", _("Entered by hand")


class Stage(models.TextChoices):
    """The stages of an EU initiative, in the order they usually come."""

    PLANNED = "planned", _("Planned")
    CALL_FOR_EVIDENCE = "call_for_evidence", _("Call for evidence")
    PUBLIC_CONSULTATION = "public_consultation", _("Public consultation")
    PROPOSAL = "proposal", _("Commission proposal")
    PARLIAMENT_COUNCIL = "parliament_council", _("In Parliament and Council")
    AGREEMENT = "agreement", _("Provisional agreement")
    ADOPTED = "adopted", _("Adopted")
    TRANSPOSITION = "transposition", _("Transposition into Swedish law")
    APPLICATION = "application", _("Applies")


STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}


class WindowKind(models.TextChoices):
    CALL_FOR_EVIDENCE = "call_for_evidence", _("Call for evidence")
    PUBLIC_CONSULTATION = "public_consultation", _("Public consultation")
    FEEDBACK_ON_PROPOSAL = "feedback_on_proposal", _("Feedback on the proposal")
    FEEDBACK_ON_DRAFT_ACT = "feedback_on_draft_act", _("Feedback on a draft act")
    OTHER = "other", _("Other feedback")


class WindowStatus(models.TextChoices):
    """A feedback window's status as Have Your Say reports it (``receivingFeedbackStatus``)."""

    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ActRelation(models.TextChoices):
    AMENDS = "amends", _("Amends")
    REPEALS = "repeals", _("Repeals")
    REPLACES = "replaces", _("Replaces")
    BASED_ON = "based_on", _("Builds on")


class Relevance(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
    NONE = "none", _("Not relevant")


class InboxStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSESSED = "assessed", _("Assessed")
    ACTING = "acting", _("Acting")
    CLOSED = "closed", _("Closed")


class Channel(models.TextChoices):
    """How the municipality takes part in influencing an EU initiative."""

    OWN_RESPONSE = "own_response", _("Own response to a consultation")
    SKR = "skr", _("Through SKR (Swedish Association of Local Authorities and Regions)")
    COR = "cor", _("Through the European Committee of the Regions")
    BRUSSELS_OFFICE = "brussels_office", _("Through the regional Brussels office")
    NETWORK = "network", _("Through a network (e.g. UBC, Eurocities)")
    MEP = "mep", _("Contact with a Member of the European Parliament")
    GOVERNMENT = "government", _("Through the Swedish government's consultation")
    OTHER = "other", _("Other")


class Stance(models.TextChoices):
    SUPPORT = "support", _("Supports")
    SUPPORT_WITH_CHANGES = "support_with_changes", _("Supports with changes")
    NEUTRAL = "neutral", _("Neutral")
    OPPOSE = "oppose", _("Opposes")
