"""Who may do what in the exchange app, on top of :mod:`omvarld.core.permissions`.

- Officers register events for their own bodies and offices; the officers of an event's bodies
  and offices (and coordinators) edit it, its participants, costs and presentations.
- A trip report is edited by the event's participants (whatever their role: a councillor who
  travelled writes too) and by the officers of its bodies and offices.
- Costs per person are seen by those who edit the event; readers see totals only.
- A follow-up action is edited by its owner and the officers of its body or office.
"""

from __future__ import annotations

from django.db.models import QuerySet

from omvarld.accounts.constants import Role
from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.organisation.models import Body, Office

from ..models import Event, FollowUpAction


def event_bodies_for(user: AnyUser) -> QuerySet[Body]:
    """The active bodies the user may register events for."""
    bodies = Body.objects.active_on().order_by("name")
    if permissions.is_coordinator(user):
        return bodies
    if permissions.role_of(user) != Role.OFFICER:
        return bodies.none()
    return bodies.filter(pk__in=permissions.member_ids(user)[0])


def event_offices_for(user: AnyUser) -> QuerySet[Office]:
    """The active offices the user may register events for."""
    offices = Office.objects.active_on().order_by("name")
    if permissions.is_coordinator(user):
        return offices
    if permissions.role_of(user) != Role.OFFICER:
        return offices.none()
    return offices.filter(pk__in=permissions.member_ids(user)[1])


def can_create_event(user: AnyUser) -> bool:
    if permissions.is_coordinator(user):
        return True
    if permissions.role_of(user) != Role.OFFICER:
        return False
    bodies, offices = permissions.member_ids(user)
    return bool(bodies or offices)


def can_edit_event(user: AnyUser, event: Event) -> bool:
    return permissions.can_edit(user, event)


def is_participant(user: AnyUser, event: Event) -> bool:
    """Whether the user takes part in the event (reads prefetched participations if any)."""
    if not permissions.can_view(user) or event.pk is None:
        return False
    return any(p.user_id == user.pk for p in event.participations.all())


def can_edit_report(user: AnyUser, event: Event) -> bool:
    return can_edit_event(user, event) or is_participant(user, event)


def can_see_costs(user: AnyUser, event: Event) -> bool:
    """Costs per person: those who edit the event. Readers see totals only."""
    return can_edit_event(user, event)


def can_edit_action(user: AnyUser, action: FollowUpAction) -> bool:
    if permissions.can_edit(user, action):
        return True
    return permissions.can_view(user) and action.owner_id == user.pk


def can_manage_personal_data(user: AnyUser) -> bool:
    """Export and erase guests' data: coordinators."""
    return permissions.can_manage(user)
