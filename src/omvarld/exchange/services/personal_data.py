"""Named guests' personal data: export on request, erasure on request or at the retention date.

Erasure blanks the guest's name, organisation and e-mail in the participation and in every row
of its history, so nothing of it stays in the change log; the participation itself (its role and
costs, which the body's accounts need) stays as "erased guest".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from omvarld.core.permissions import AnyUser

from ..models import Participation
from ..selectors import access
from .common import deny_unless

GUEST_DATA = ("guest_name", "guest_organisation", "guest_email")


def _guest_matches(query: str) -> Q:
    query = query.strip()
    return Q(user__isnull=True, erased_at__isnull=True) & (
        Q(guest_email__iexact=query) | Q(guest_name__iexact=query)
    )


def guest_export(*, user: AnyUser, query: str) -> dict[str, Any]:
    """Everything kept about a named guest (by exact name or e-mail), history included."""
    deny_unless(access.can_manage_personal_data(user))
    participations = list(
        Participation.objects.filter(_guest_matches(query))
        .select_related("event")
        .prefetch_related("costs")
        .order_by("event__starts_on", "pk")
    )
    return {
        "query": query.strip(),
        "exported_at": timezone.now().isoformat(),
        "participations": [
            {
                "id": p.pk,
                "event": p.event.title,
                "event_dates": [p.event.starts_on.isoformat(), p.event.ends_on.isoformat()],
                "role": p.role,
                "name": p.guest_name,
                "organisation": p.guest_organisation,
                "email": p.guest_email,
                "legal_basis": p.legal_basis,
                "retention_until": p.retention_until.isoformat() if p.retention_until else None,
                "costs": [
                    {"kind": c.kind, "amount_sek": str(c.amount), "note": c.note}
                    for c in p.costs.all()
                ],
                "history": [
                    {
                        "date": h.history_date.isoformat(),
                        "change": h.history_type,
                        "name": h.guest_name,
                        "organisation": h.guest_organisation,
                        "email": h.guest_email,
                    }
                    for h in p.history.order_by("history_date")
                ],
            }
            for p in participations
        ],
    }


def _erase(participations: list[Participation], now: dt.datetime) -> int:
    ids = [p.pk for p in participations]
    for participation in participations:
        for name in GUEST_DATA:
            setattr(participation, name, "")
        participation.erased_at = now
        participation.save(update_fields=[*GUEST_DATA, "erased_at"])
    # The history keeps every earlier version: blank the guest's data there too.
    Participation.history.filter(id__in=ids).update(**dict.fromkeys(GUEST_DATA, ""))
    return len(ids)


@transaction.atomic
def guest_erase(*, participation: Participation, user: AnyUser) -> Participation:
    """Erase one guest's data now, in the participation and its history."""
    deny_unless(access.can_manage_personal_data(user))
    if participation.user_id is None and participation.erased_at is None:
        _erase([participation], timezone.now())
    return participation


@transaction.atomic
def guests_erase_expired(*, today: dt.date | None = None) -> int:
    """Erase every guest whose retention date has passed; return how many. Run daily."""
    today = today or timezone.localdate()
    expired = list(
        Participation.objects.select_for_update().filter(
            user__isnull=True, erased_at__isnull=True, retention_until__lt=today
        )
    )
    return _erase(expired, timezone.now()) if expired else 0
