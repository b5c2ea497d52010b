"""Memberships, agreements and the documents kept with agreements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser
from omvarld.core.documents import document_fill, document_remove_file
from omvarld.organisation.models import Body

from ..models import Agreement, AgreementDocument, Membership, Partner
from .common import apply, history_user, may_create, require, save

MEMBERSHIP_FIELDS = (
    "body",
    "starts",
    "ends",
    "fee",
    "currency",
    "representative",
    "renewal_date",
    "notice_date",
    "notes",
)
AGREEMENT_FIELDS = (
    "title",
    "kind",
    "reference",
    "signed",
    "valid_from",
    "valid_until",
    "renewal_date",
    "notice_date",
    "body",
    "summary",
)


def _may_add_to(user: AnyUser, partner: Partner, body: Body | None) -> bool:
    return permissions.can_edit(user, partner) or (
        body is not None and may_create(user, body_ids=[body.pk])
    )


@transaction.atomic
def membership_create(*, user: AnyUser | None, partner: Partner, **fields: Any) -> Membership:
    """A membership of a network; the fields are those of :data:`MEMBERSHIP_FIELDS`."""
    if user is not None:
        require(_may_add_to(user, partner, fields.get("body")))
    membership = Membership(partner=partner)
    apply(membership, fields, MEMBERSHIP_FIELDS)
    return save(membership, user)


@transaction.atomic
def membership_update(
    *, membership: Membership, user: AnyUser, changes: Mapping[str, Any]
) -> Membership:
    require(permissions.can_edit(user, membership))
    apply(membership, changes, MEMBERSHIP_FIELDS)
    if "body" in changes:
        require(permissions.can_edit(user, membership))
    return save(membership, user)


@transaction.atomic
def membership_delete(*, membership: Membership, user: AnyUser) -> None:
    require(permissions.can_manage(user))
    history_user(membership, user)
    membership.delete()


@transaction.atomic
def agreement_create(
    *,
    user: AnyUser | None,
    partner: Partner,
    other_partners: Iterable[Partner] = (),
    **fields: Any,
) -> Agreement:
    """An agreement with a partner (and any further parties); see :data:`AGREEMENT_FIELDS`."""
    if user is not None:
        require(_may_add_to(user, partner, fields.get("body")))
    agreement = Agreement(partner=partner)
    apply(agreement, fields, AGREEMENT_FIELDS)
    save(agreement, user)
    agreement.other_partners.set([p for p in other_partners if p.pk != partner.pk])
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    user: AnyUser,
    changes: Mapping[str, Any],
    other_partners: Iterable[Partner] | None = None,
) -> Agreement:
    require(permissions.can_edit(user, agreement))
    apply(agreement, changes, AGREEMENT_FIELDS)
    if "body" in changes:
        require(permissions.can_edit(user, agreement))
    save(agreement, user)
    if other_partners is not None:
        agreement.other_partners.set([p for p in other_partners if p.pk != agreement.partner_id])
    return agreement


@transaction.atomic
def agreement_delete(*, agreement: Agreement, user: AnyUser) -> None:
    require(permissions.can_manage(user))
    for document in agreement.documents.all():
        document_remove_file(document)
    history_user(agreement, user)
    agreement.delete()


@transaction.atomic
def agreement_document_add(
    *, agreement: Agreement, user: AnyUser, upload: File[Any], title: str = ""
) -> AgreementDocument:
    """Keep a document with an agreement: checked, stored untouched under its SHA-256."""
    require(permissions.can_edit(user, agreement))
    document = AgreementDocument(agreement=agreement, title=title.strip())
    if user.is_authenticated:
        document.uploaded_by_id = user.pk
    try:
        document_fill(document, upload=upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    document.full_clean(exclude=["file"])
    history_user(document, user)
    document.save()
    return document


@transaction.atomic
def agreement_document_remove(*, document: AgreementDocument, user: AnyUser) -> None:
    require(permissions.can_edit(user, document))
    document_remove_file(document)
    history_user(document, user)
    document.delete()
