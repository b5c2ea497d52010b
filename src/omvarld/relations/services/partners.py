"""Partners: create, change, delete, with the duplicate check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser
from omvarld.organisation.models import Body, Office

from .. import text
from ..models import Partner
from ..selectors.shared import PartnerSummary, summary
from .common import apply, history_user, may_create, require, save


class DuplicatePartnerError(ValidationError):
    """The partner is already in the register: same name and country, or same website."""

    def __init__(self, existing: Partner, *, by_website: bool) -> None:
        message = (
            _("%(partner)s with the same website is already in the register.")
            if by_website
            else _("%(partner)s with the same name and country is already in the register.")
        )
        super().__init__(message, code="duplicate", params={"partner": existing.display_name})
        self.existing = existing


PARTNER_FIELDS = (
    "name",
    "name_sv",
    "kind",
    "relation",
    "country",
    "place",
    "latitude",
    "longitude",
    "website",
    "since",
    "until",
    "status",
    "description",
    "sources",
)
PARTNER_RELATIONS = ("bodies", "offices", "areas")


def partner_find_duplicate(
    *, name: str, country: str, website: str = "", name_sv: str = "", exclude_pk: int | None = None
) -> tuple[Partner, bool] | None:
    """The partner already registered under this name (either name) and country, or with this
    website, and whether the website matched; None when there is none."""
    keys = {k for k in (text.name_key(name), text.name_key(name_sv)) if k}
    same_name = Q(country=(country or "").upper()) & (
        Q(name_key__in=keys) | Q(name_sv_key__in=keys)
    )
    site = text.website_key(website)
    same_site = Q(website_key=site) if site else Q(pk__in=[])
    found = Partner.objects.filter(same_name | same_site)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    for partner in found.order_by("pk"):
        return partner, bool(site) and partner.website_key == site and partner.name_key not in keys
    return None


def _check_duplicate(partner: Partner) -> None:
    match = partner_find_duplicate(
        name=partner.name,
        name_sv=partner.name_sv,
        country=partner.country,
        website=partner.website,
        exclude_pk=partner.pk,
    )
    if match is not None:
        raise DuplicatePartnerError(match[0], by_website=match[1])


def _set_relations(partner: Partner, related: Mapping[str, Iterable[Any]]) -> None:
    for name in PARTNER_RELATIONS:
        if name in related:
            getattr(partner, name).set(list(related[name]))


@transaction.atomic
def partner_create(
    *,
    user: AnyUser | None,
    name: str,
    kind: str,
    country: str = "",
    bodies: Iterable[Body] = (),
    offices: Iterable[Office] = (),
    areas: Iterable[Any] = (),
    **fields: Any,
) -> Partner:
    """A new partner; :class:`DuplicatePartnerError` when it is already in the register.

    ``user`` None is the platform itself (the default data); ``fields`` are further fields of
    :data:`PARTNER_FIELDS`.
    """
    bodies, offices = list(bodies), list(offices)
    if user is not None:
        require(
            may_create(user, body_ids=[b.pk for b in bodies], office_ids=[o.pk for o in offices])
        )
    partner = Partner(name=name.strip(), kind=kind, country=(country or "").upper())
    apply(partner, fields, PARTNER_FIELDS)
    partner.clean()
    _check_duplicate(partner)
    save(partner, user)
    _set_relations(partner, {"bodies": bodies, "offices": offices, "areas": areas})
    return partner


@transaction.atomic
def partner_update(
    *, partner: Partner, user: AnyUser | None, changes: Mapping[str, Any]
) -> Partner:
    """Change a partner's fields and its bodies, offices and areas; the duplicate check again."""
    if user is not None:
        require(permissions.can_edit(user, partner))
    related = {k: v for k, v in changes.items() if k in PARTNER_RELATIONS}
    apply(partner, {k: v for k, v in changes.items() if k not in related}, PARTNER_FIELDS)
    partner.clean()
    _check_duplicate(partner)
    save(partner, user)
    _set_relations(partner, related)
    return partner


@transaction.atomic
def partner_delete(*, partner: Partner, user: AnyUser) -> None:
    """Remove a partner with its memberships, agreements and contacts (coordinators)."""
    require(permissions.can_manage(user))
    if partner.contacts.exists():
        raise ValidationError(
            _("Erase the partner's contacts first: personal data is erased, not deleted."),
            code="has_contacts",
        )
    history_user(partner, user)
    partner.delete()


def partner_get_or_create(
    *,
    user: AnyUser | None,
    name: str,
    country: str,
    kind: str,
    name_sv: str = "",
    website: str = "",
    place: str = "",
    body_ids: Iterable[int] = (),
    office_ids: Iterable[int] = (),
    description: str = "",
) -> tuple[PartnerSummary, bool]:
    """For other apps: the partner already in the register (same name in either language and
    country, or same website), or a new one; and whether it was created.

    Creating follows the usual rule (coordinators; officers naming one of their own bodies or
    offices in ``body_ids``/``office_ids``); finding needs no right to write.
    """
    match = partner_find_duplicate(name=name, name_sv=name_sv, country=country, website=website)
    if match is not None:
        return summary(match[0]), False
    partner = partner_create(
        user=user,
        name=name,
        kind=kind,
        country=country,
        name_sv=name_sv,
        website=website,
        place=place,
        description=description,
        bodies=Body.objects.filter(pk__in=list(body_ids)),
        offices=Office.objects.filter(pk__in=list(office_ids)),
    )
    return summary(partner), True
