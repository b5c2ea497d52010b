"""The relations register: partners, memberships, agreements with their documents, contacts (with
the log of who saw them and the trace of their erasure) and activities.

Every model users edit keeps its history (django-simple-history). Contacts are personal data: see
:mod:`omvarld.relations.privacy` for the view log, the export and the erasure.
"""

from .activities import Activity
from .partners import Agreement, AgreementDocument, Membership, Partner, PartnerOwned
from .people import Contact, ContactErasure, ContactView

__all__ = [
    "Activity",
    "Agreement",
    "AgreementDocument",
    "Contact",
    "ContactErasure",
    "ContactView",
    "Membership",
    "Partner",
    "PartnerOwned",
]
