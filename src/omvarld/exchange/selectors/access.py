"""Who may do what in the exchange app, on top of :mod:`omvarld.core.permissions`.

- Officers register events for their own bodies and offices; the officers of an event's bodies
  and offices (and coordinators) edit it, its participants, costs and presentations.
- A trip report is edited by the event's participants (whatever their role: a councillor who
  travelled writes too) and by the officers of its bodies and offices.
- Costs per person are seen by those who edit the event; readers see totals only.
- A follow-up action is edited by its owner and the officers of its body or office.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from omvarld.accounts.constants import Role
from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.organisation.models import Body, Office

from ..constants import ReportStatus
from ..models import Cost, Event, FollowUpAction, TripReport


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


def _member_scope(user: AnyUser, prefix: str) -> Q:
    bodies, offices = permissions.member_ids(user)
    return Q(**{f"{prefix}bodies__in": bodies}) | Q(**{f"{prefix}offices__in": offices})


def visible_reports(user: AnyUser) -> QuerySet[TripReport]:
    """Submitted reports for every user; drafts for coordinators, the officers of the event's
    bodies and offices, and its participants."""
    qs = TripReport.objects.all()
    if permissions.is_coordinator(user):
        return qs
    scope = Q(status=ReportStatus.SUBMITTED) | Q(event__participations__user_id=user.pk)
    if permissions.role_of(user) == Role.OFFICER:
        scope |= _member_scope(user, "event__")
    return qs.filter(scope).distinct()


def visible_costs(user: AnyUser) -> QuerySet[Cost]:
    """Costs per person: coordinators all, officers those of their bodies' and offices' events,
    readers none."""
    qs = Cost.objects.all()
    if permissions.is_coordinator(user):
        return qs
    if permissions.role_of(user) != Role.OFFICER:
        return qs.none()
    return qs.filter(_member_scope(user, "participation__event__")).distinct()
