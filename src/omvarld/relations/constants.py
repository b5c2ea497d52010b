from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    """What kind of organisation a partner is."""

    MUNICIPALITY = "municipality", _("Municipality or city")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country (cooperation at national level)")
    NETWORK = "network", _("Network or association")
    INTERNATIONAL_BODY = "international_body", _("EU or international body")
    AUTHORITY = "authority", _("Public authority")
    EMBASSY = "embassy", _("Embassy or consulate")
    UNIVERSITY = "university", _("University or school")
    COMPANY = "company", _("Company")
    ORGANISATION = "organisation", _("Organisation")


class PartnerStatus(models.TextChoices):
    """Where a relation stands. A prospective relation is one the municipality is building up."""

    ACTIVE = "active", _("Active")
    PROSPECTIVE = "prospective", _("Being built up")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


class Relation(models.TextChoices):
    """How the municipality relates to a partner (vänort, samverkansort, medlemskap)."""

    TWIN_TOWN = "twin_town", _("Twin town")
    COOPERATION = "cooperation", _("Cooperation partner")
    MEMBERSHIP = "membership", _("Membership")
    OTHER = "other", _("Other relation")


class AgreementKind(models.TextChoices):
    TWINNING = "twinning", _("Twinning agreement")
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
    MOU = "mou", _("Memorandum of understanding")
    PARTNERSHIP = "partnership", _("Partnership agreement")
    CONTRACT = "contract", _("Contract")
    JOINT_STRATEGY = "joint_strategy", _("Joint strategy or guideline")


class ActivityKind(models.TextChoices):
    VISIT_IN = "visit_in", _("Incoming visit")
    VISIT_OUT = "visit_out", _("Outgoing visit")
    DELEGATION = "delegation", _("Delegation")
    AMBASSADOR = "ambassador", _("Ambassador's visit")
    STUDY_VISIT = "study_visit", _("Study visit")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    JOINT_EVENT = "joint_event", _("Joint event")
    JOINT_PROJECT = "joint_project", _("Joint project")


class LegalBasis(models.TextChoices):
    """The legal basis for keeping a contact's personal data (GDPR article 6.1)."""

    PUBLIC_TASK = "public_task", _("Task in the public interest (GDPR art. 6.1 e)")
    CONSENT = "consent", _("Consent (GDPR art. 6.1 a)")
    CONTRACT = "contract", _("Contract (GDPR art. 6.1 b)")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (GDPR art. 6.1 c)")


class ViewChannel(models.TextChoices):
    """Where a contact was shown to someone."""

    PARTNER_PAGE = "partner_page", _("Partner page")
    CONTACT_PAGE = "contact_page", _("Contact page")
    API = "api", _("API")
    EXPORT = "export", _("Data subject export")


class ErasureReason(models.TextChoices):
    REQUEST = "request", _("Request by the data subject")
    RETENTION = "retention", _("Retention date passed")
    OTHER = "other", _("No longer needed")


class Currency(models.TextChoices):
    """The currencies network fees are paid in; ISO 4217 codes."""

    SEK = "SEK", _("Swedish krona (SEK)")
    EUR = "EUR", _("Euro (EUR)")
    DKK = "DKK", _("Danish krone (DKK)")
    NOK = "NOK", _("Norwegian krone (NOK)")
    ISK = "ISK", _("Icelandic króna (ISK)")
    GBP = "GBP", _("Pound sterling (GBP)")
    USD = "USD", _("US dollar (USD)")
    CHF = "CHF", _("Swiss franc (CHF)")
    PLN = "PLN", _("Polish złoty (PLN)")
