"""Every write of the relations register: keyword-only, typed, atomic, validated.

Who may write follows :mod:`omvarld.core.permissions`: coordinators and administrators write
everything; an officer writes what belongs to their bodies and offices (a partner they are
responsible for, its memberships, agreements and contacts, their bodies' activities) and may
create a record only when one of their bodies or offices is made responsible for it. Deleting is
for coordinators. Contacts' privacy operations are in :mod:`omvarld.relations.privacy`.
"""

from .activities import (
    ACTIVITY_FIELDS,
    CONTACT_FIELDS,
    activity_create,
    activity_delete,
    activity_update,
    contact_create,
    contact_create_for,
    contact_update,
)
from .common import may_create
from .partners import (
    PARTNER_FIELDS,
    DuplicatePartnerError,
    partner_create,
    partner_delete,
    partner_find_duplicate,
    partner_get_or_create,
    partner_update,
)
from .records import (
    AGREEMENT_FIELDS,
    MEMBERSHIP_FIELDS,
    agreement_create,
    agreement_delete,
    agreement_document_add,
    agreement_document_remove,
    agreement_update,
    membership_create,
    membership_delete,
    membership_update,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "AGREEMENT_FIELDS",
    "CONTACT_FIELDS",
    "MEMBERSHIP_FIELDS",
    "PARTNER_FIELDS",
    "DuplicatePartnerError",
    "activity_create",
    "activity_delete",
    "activity_update",
    "agreement_create",
    "agreement_delete",
    "agreement_document_add",
    "agreement_document_remove",
    "agreement_update",
    "contact_create",
    "contact_create_for",
    "contact_update",
    "may_create",
    "membership_create",
    "membership_delete",
    "membership_update",
    "partner_create",
    "partner_delete",
    "partner_find_duplicate",
    "partner_get_or_create",
    "partner_update",
]
