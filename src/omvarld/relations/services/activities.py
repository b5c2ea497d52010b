"""Activities with partners, and contacts at partners (their privacy: ``privacy``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser
from omvarld.organisation.models import Body, Office

from ..constants import LegalBasis
from ..models import Activity, Contact, Partner
from .common import apply, history_user, may_create, require, save

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "starts",
    "ends",
    "place",
    "participants_note",
    "purpose",
    "outcome",
    "follow_up",
    "follow_up_date",
    "follow_up_done",
)
ACTIVITY_RELATIONS = ("partners", "bodies", "offices", "participants", "contacts")


def _activity_relations(activity: Activity, related: Mapping[str, Iterable[Any]]) -> None:
    for name in ACTIVITY_RELATIONS:
        if name in related:
            getattr(activity, name).set(list(related[name]))


@transaction.atomic
def activity_create(
    *,
    user: AnyUser | None,
    kind: str,
    title: str,
    starts: datetime.date,
    purpose: str,
    bodies: Iterable[Body] = (),
    offices: Iterable[Office] = (),
    **fields: Any,
) -> Activity:
    """A visit, delegation, meeting, event or project; an officer records it for their bodies.

    ``fields`` are further fields of :data:`ACTIVITY_FIELDS` and the relations ``partners``,
    ``participants`` and ``contacts``.
    """
    bodies, offices = list(bodies), list(offices)
    if user is not None:
        require(
            may_create(user, body_ids=[b.pk for b in bodies], office_ids=[o.pk for o in offices])
        )
    related = {k: fields.pop(k) for k in ACTIVITY_RELATIONS if k in fields}
    activity = Activity(kind=kind, title=title.strip(), starts=starts, purpose=purpose)
    apply(activity, fields, ACTIVITY_FIELDS)
    if user is not None and user.is_authenticated:
        activity.created_by_id = user.pk
    save(activity, user)
    _activity_relations(activity, {**related, "bodies": bodies, "offices": offices})
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, user: AnyUser, changes: Mapping[str, Any]) -> Activity:
    """Change an activity; an officer cannot hand it over to bodies that are not theirs alone."""
    require(permissions.can_edit(user, activity))
    related = {k: v for k, v in changes.items() if k in ACTIVITY_RELATIONS}
    if ("bodies" in related or "offices" in related) and not permissions.is_coordinator(user):
        body_ids = [b.pk for b in related.get("bodies", activity.bodies.all())]
        office_ids = [o.pk for o in related.get("offices", activity.offices.all())]
        require(may_create(user, body_ids=body_ids, office_ids=office_ids))
    apply(activity, {k: v for k, v in changes.items() if k not in related}, ACTIVITY_FIELDS)
    save(activity, user)
    _activity_relations(activity, related)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, user: AnyUser) -> None:
    require(permissions.can_manage(user))
    history_user(activity, user)
    activity.delete()


# --- Contacts -------------------------------------------------------------------------------------

CONTACT_FIELDS = (
    "name",
    "role",
    "email",
    "phone",
    "languages",
    "notes",
    "legal_basis",
    "purpose",
    "retention_until",
)


def _check_retention(contact: Contact) -> None:
    if contact.retention_until and contact.retention_until <= timezone.localdate():
        raise ValidationError(
            {"retention_until": _("The date to keep the details until must be in the future.")}
        )


@transaction.atomic
def contact_create(*, user: AnyUser | None, partner: Partner, **fields: Any) -> Contact:
    """A person at a partner, with the purpose, legal basis and date to keep the details until.

    Those who may see the partner's contacts may add one: coordinators and the officers of the
    partner's bodies and offices.
    """
    if user is not None:
        require(permissions.can_edit(user, partner))
    contact = Contact(partner=partner)
    apply(contact, fields, CONTACT_FIELDS)
    if user is not None and user.is_authenticated:
        contact.created_by_id = user.pk
    _check_retention(contact)
    return save(contact, user)


@transaction.atomic
def contact_update(*, contact: Contact, user: AnyUser, changes: Mapping[str, Any]) -> Contact:
    require(permissions.can_edit(user, contact))
    apply(contact, changes, CONTACT_FIELDS)
    if "retention_until" in changes:
        _check_retention(contact)
    return save(contact, user)


def contact_create_for(
    *,
    user: AnyUser | None,
    partner_id: int,
    name: str,
    purpose: str,
    retention_until: datetime.date,
    role: str = "",
    email: str = "",
    phone: str = "",
    languages: str = "",
    notes: str = "",
    legal_basis: str = LegalBasis.PUBLIC_TASK,
) -> int:
    """For other apps (a trip report's contacts made): a contact at a partner by its id; the
    contact's number. The same rules as :func:`contact_create`."""
    partner = Partner.objects.prefetch_related("bodies", "offices").get(pk=partner_id)
    contact = contact_create(
        user=user,
        partner=partner,
        name=name,
        purpose=purpose,
        retention_until=retention_until,
        role=role,
        email=email,
        phone=phone,
        languages=languages,
        notes=notes,
        legal_basis=legal_basis,
    )
    return contact.pk
