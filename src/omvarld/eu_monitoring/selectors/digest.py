"""Who gets the weekly digest and what it tells them.

Each active member of a body with an e-mail address is told, in Swedish, the EU initiatives routed
to their bodies during the past week, the steps of their bodies due within :data:`DAYS_AHEAD` days
and, as reminders, the steps whose date has passed without being done. The steps come from every
app that reports deadlines (:func:`omvarld.core.contributions.deadlines_for`), so a new app's dates
reach the digest without a change here. Nobody gets an empty digest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from omvarld.accounts.models import User
from omvarld.core.contributions import BodyDeadline, deadlines_for
from omvarld.organisation.models import Body

from ..models import Routing
from .deadlines import routings_followed

__all__ = [
    "DAYS_AHEAD",
    "OVERDUE_DAYS_BACK",
    "PERIOD",
    "Digest",
    "digest_for",
    "digest_recipients",
    "digests_build",
]

PERIOD = dt.timedelta(days=7)
DAYS_AHEAD = 30
#: How far back an overdue step is still recalled: a year, long enough for a trip report or a
#: renewal that slipped, short enough that the digest does not carry old news for ever.
OVERDUE_DAYS_BACK = 365


@dataclass(frozen=True)
class Digest:
    """What one user is told this week."""

    user: User
    bodies: list[Body]
    new: list[Routing]
    upcoming: list[BodyDeadline]
    overdue: list[BodyDeadline]
    today: dt.date
    body_names: dict[int, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.new or self.upcoming or self.overdue)


def digest_recipients(*, today: dt.date, user_id: int | None = None) -> list[User]:
    """Active users with an e-mail address who belong to an active body, with those bodies."""
    active_bodies = Body.objects.active_on(today).order_by("name")
    users = User.objects.filter(is_active=True, bodies__in=active_bodies)
    if user_id is not None:
        users = users.filter(pk=user_id)
    return list(
        users.exclude(email="")
        .distinct()
        .order_by("username")
        .prefetch_related(Prefetch("bodies", queryset=active_bodies, to_attr="digest_bodies"))
    )


def _digests(users: list[User], *, now: dt.datetime) -> list[Digest]:
    today = timezone.localdate(now)
    body_ids = {b.pk for u in users for b in u.digest_bodies}  # type: ignore[attr-defined]
    new = list(
        routings_followed(body_ids=body_ids)
        .filter(created_at__gte=now - PERIOD, created_at__lt=now)
        .select_related("initiative", "body")
        .order_by("body__name", "-created_at")
    )
    steps = deadlines_for(
        body_ids=body_ids,
        date_from=today - dt.timedelta(days=OVERDUE_DAYS_BACK),
        date_to=today + dt.timedelta(days=DAYS_AHEAD),
        today=today,
    )
    upcoming = [s for s in steps if s.action_needed and s.date >= today]
    overdue = [s for s in steps if s.is_overdue(today)]
    digests = []
    for user in users:
        bodies: list[Body] = user.digest_bodies  # type: ignore[attr-defined]
        own = {b.pk for b in bodies}
        digests.append(
            Digest(
                user=user,
                bodies=bodies,
                new=[r for r in new if r.body_id in own],
                upcoming=[s for s in upcoming if s.body_id in own],
                overdue=[s for s in overdue if s.body_id in own],
                today=today,
                body_names={b.pk: b.name for b in bodies},
            )
        )
    return digests


def digests_build(*, now: dt.datetime | None = None) -> list[Digest]:
    """The digests due at ``now`` (default: now), one per user with something to tell."""
    now = now or timezone.now()
    users = digest_recipients(today=timezone.localdate(now))
    return [d for d in _digests(users, now=now) if not d.empty]


def digest_for(*, user: User, now: dt.datetime | None = None) -> Digest | None:
    """This week's digest of one recipient, empty or not (for a preview); None for a user who
    gets no digest (no e-mail address, inactive, or a member of no active body)."""
    now = now or timezone.now()
    users = digest_recipients(today=timezone.localdate(now), user_id=user.pk)
    return _digests(users, now=now)[0] if users else None
