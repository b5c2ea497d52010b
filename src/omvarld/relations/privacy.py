"""Contacts are personal data: who may see them, the log of every view, the data subject's
export and erasure, and the retention sweep.

- Visible only to coordinators, administrators and the officers of the partner's responsible
  bodies and offices (the same rule as editing the partner), never to readers.
- Every time a contact is shown (partner page, contact page, API, export) a :class:`ContactView`
  row records who, when, which contact and where.
- The export gathers everything the register holds about one person as JSON.
- The erasure deletes the contact and every historical version of it, blanks the person's name
  and e-mail wherever the register's own free texts (and their history) mention them, and leaves
  an anonymised :class:`ContactErasure` with counts only.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser

from . import text
from .constants import ErasureReason, ViewChannel
from .models import (
    Activity,
    Agreement,
    Contact,
    ContactErasure,
    ContactView,
    Membership,
    Partner,
)

#: What an erased person's name or address becomes in the register's free texts.
ERASED = "[uppgift raderad]"

#: The free texts of the register in which a person may have been named by hand.
FREE_TEXTS: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (Activity, ("title", "participants_note", "purpose", "outcome", "follow_up", "place")),
    (Partner, ("description",)),
    (Membership, ("representative", "notes")),
    (Agreement, ("summary",)),
)


def can_see_contacts(user: AnyUser, partner: Partner) -> bool:
    """Coordinators, administrators and officers of the partner's bodies and offices."""
    return permissions.can_edit(user, partner)


def contact_views_record(
    *, user: AnyUser, contacts: Iterable[Contact], channel: ViewChannel
) -> int:
    """Log that the user was shown these contacts; one insert, however many contacts."""
    rows = [
        ContactView(
            contact=contact,
            contact_number=contact.pk,
            user_id=user.pk,
            username=user.get_username(),
            channel=channel,
        )
        for contact in contacts
    ]
    ContactView.objects.bulk_create(rows)
    return len(rows)


def contacts_find(
    *, contact_id: int | None = None, email: str = "", name: str = ""
) -> list[Contact]:
    """The contacts that are this person: by number, by e-mail (any case) or by name (any case
    and accents); several conditions widen the search."""
    wanted = Q(pk__in=[])
    if contact_id is not None:
        wanted |= Q(pk=contact_id)
    if email.strip():
        wanted |= Q(email__iexact=email.strip())
    found = list(Contact.objects.filter(wanted).select_related("partner"))
    if name.strip():
        key = text.name_key(name)
        known = {c.pk for c in found}
        found += [
            c
            for c in Contact.objects.select_related("partner").exclude(pk__in=known)
            if text.name_key(c.name) == key
        ]
    return sorted(found, key=lambda c: c.pk)


def _fields(record: models.Model) -> dict[str, Any]:
    return {
        f.attname: getattr(record, f.attname)
        for f in record._meta.concrete_fields
        if not f.name.startswith("history_") or f.name in ("history_date", "history_type")
    }


def person_export(*, contacts: Sequence[Contact], user: AnyUser | None) -> dict[str, Any]:
    """Everything the register holds about the person these contacts are, ready for JSON:
    the contacts, every earlier version, the activities they were met at, and who saw them when.
    The export itself is logged as a view."""
    if user is not None:
        _require_allowed(user, contacts)
    ids = [c.pk for c in contacts]
    history = Contact.history.filter(id__in=ids).order_by("history_date", "history_id")
    views = ContactView.objects.filter(contact_number__in=ids).order_by("viewed_at", "pk")
    met = Activity.objects.filter(contacts__in=ids).distinct().order_by("starts", "pk")
    data = {
        "exported_at": timezone.now(),
        "contacts": [
            {
                **_fields(contact),
                "partner": contact.partner.display_name,
                "legal_basis_label": contact.get_legal_basis_display(),
            }
            for contact in contacts
        ],
        "history": [_fields(row) for row in history],
        "activities": [
            {"id": a.pk, "title": a.title, "starts": a.starts, "kind": a.get_kind_display()}
            for a in met
        ],
        "views": [
            {
                "contact": v.contact_number,
                "seen_by": v.username,
                "seen_at": v.viewed_at,
                "where": v.get_channel_display(),
            }
            for v in views
        ],
    }
    if user is not None:
        contact_views_record(user=user, contacts=contacts, channel=ViewChannel.EXPORT)
    return data


def export_json(data: dict[str, Any]) -> str:
    """An export as indented JSON text, dates in ISO 8601."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _require_allowed(user: AnyUser, contacts: Iterable[Contact]) -> None:
    if not permissions.is_coordinator(user) and not all(
        can_see_contacts(user, c.partner) for c in contacts
    ):
        raise PermissionDenied


def _blank(value: str, patterns: Sequence[re.Pattern[str]]) -> str:
    for pattern in patterns:
        value = pattern.sub(ERASED, value)
    return value


def _scrub(
    model: type[models.Model], fields: Sequence[str], patterns: Sequence[re.Pattern[str]]
) -> int:
    """Blank the person in the model's free texts; the rows are few, so it is done in Python,
    which (unlike SQLite's LIKE) ignores case in every alphabet."""
    changed = 0
    for row in model._default_manager.only("pk", *fields).iterator():
        updates = {}
        for field in fields:
            value = getattr(row, field) or ""
            blanked = _blank(value, patterns)
            if blanked != value:
                updates[field] = blanked
        if updates:
            model._default_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed


@dataclass(frozen=True)
class ErasureResult:
    erasures: list[ContactErasure]

    @property
    def contact_numbers(self) -> list[int]:
        return [e.contact_number for e in self.erasures]


@transaction.atomic
def person_erase(
    *, contacts: Sequence[Contact], user: AnyUser | None, reason: ErasureReason
) -> ErasureResult:
    """Erase the person these contacts are: the contacts, their history, every mention of their
    name and e-mail in the register's free texts and their history; an anonymised trace stays.

    ``user`` None is the platform itself (the retention sweep, a command on the server).
    """
    if user is not None and not permissions.is_coordinator(user):
        raise PermissionDenied
    patterns = [
        re.compile(re.escape(value), re.IGNORECASE)
        for value in sorted(
            {v.strip() for c in contacts for v in (c.name, c.email) if v and len(v.strip()) > 2},
            key=len,
            reverse=True,
        )
    ]
    blanked: dict[str, int] = {}
    for model, fields in FREE_TEXTS:
        historical = model.history.model  # type: ignore[attr-defined]
        blanked[model._meta.model_name or ""] = _scrub(model, fields, patterns)
        blanked[historical._meta.model_name] = _scrub(historical, fields, patterns)
    erasures = []
    for contact in contacts:
        number, partner = contact.pk, contact.partner
        activities = contact.activities.count()
        contact.delete()
        # The deletion itself wrote a last historical row with the name: all of them go.
        versions, _ = Contact.history.filter(id=number).delete()
        erasures.append(
            ContactErasure.objects.create(
                contact_number=number,
                partner=partner,
                reason=reason,
                erased_by_id=user.pk if user is not None else None,
                rows={
                    "contact": 1,
                    "history": versions,
                    "activities_unlinked": activities,
                    "texts_blanked": {k: v for k, v in blanked.items() if v},
                },
            )
        )
        blanked = {}
    return ErasureResult(erasures)


def retention_due(*, today: datetime.date | None = None) -> QuerySet[Contact]:
    """Contacts whose date to keep the details until has passed."""
    day = today or timezone.localdate()
    return Contact.objects.filter(retention_until__lt=day).select_related("partner")


def retention_sweep(*, today: datetime.date | None = None) -> list[int]:
    """Erase every contact past its retention date, one person at a time; their numbers."""
    numbers: list[int] = []
    for contact in retention_due(today=today):
        numbers += person_erase(
            contacts=[contact], user=None, reason=ErasureReason.RETENTION
        ).contact_numbers
    return numbers
