"""What is due: trip reports not submitted after the return, follow-up actions past their date.

The same reads serve the traveller's own page, a body's page and the platform's deadlines page,
feeds and weekly digest (through :func:`exchange_deadlines`, registered with
``omvarld.core.contributions.register_deadlines``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from omvarld.core.contributions import BodyDeadline
from omvarld.organisation.models import Body

from ..constants import OPEN_ACTION_STATUSES, ReportStatus
from ..models import Event, FollowUpAction, Participation


def report_due_days() -> int:
    """Days after the return by which a trip report is due (``EXCHANGE_REPORT_DUE_DAYS``)."""
    return int(settings.EXCHANGE_REPORT_DUE_DAYS)


def report_due_on(event: Event) -> dt.date:
    return event.ends_on + dt.timedelta(days=report_due_days())


def trips() -> QuerySet[Event]:
    """Events that need a trip report: required, with at least one participant."""
    return Event.objects.filter(report_required=True).filter(
        Exists(Participation.objects.filter(event=OuterRef("pk")))
    )


def _not_submitted() -> Q:
    return Q(report__isnull=True) | ~Q(report__status=ReportStatus.SUBMITTED)


def reports_awaiting(
    *,
    today: dt.date,
    body_ids: Collection[int] | None = None,
    user_id: int | None = None,
) -> list[Event]:
    """Trips that have ended without a submitted report, oldest return first (two queries).

    Limited to the bodies' trips, or the trips the user took part in. Each event gets
    ``due_on`` and ``overdue`` (the report is more than the allowed days late).
    """
    qs = trips().filter(_not_submitted(), ends_on__lt=today)
    if body_ids is not None:
        qs = qs.filter(bodies__in=body_ids)
    if user_id is not None:
        qs = qs.filter(participations__user_id=user_id)
    events = list(
        qs.distinct()
        .select_related("report")
        .prefetch_related(Prefetch("bodies", Body.objects.order_by("name")))
        .order_by("ends_on", "pk")
    )
    for event in events:
        event.due_on = report_due_on(event)  # type: ignore[attr-defined]
        event.overdue = event.due_on < today  # type: ignore[attr-defined]
    return events


def actions_open(
    *,
    body_ids: Collection[int] | None = None,
    office_ids: Collection[int] | None = None,
    owner_id: int | None = None,
) -> QuerySet[FollowUpAction]:
    """Follow-up actions not done or dropped, by due date, of the bodies/offices or the owner."""
    qs = FollowUpAction.objects.filter(status__in=OPEN_ACTION_STATUSES)
    scope = Q()
    if body_ids is not None:
        scope |= Q(body_id__in=body_ids)
    if office_ids is not None:
        scope |= Q(office_id__in=office_ids)
    if owner_id is not None:
        scope |= Q(owner_id=owner_id)
    if scope:
        qs = qs.filter(scope)
    return qs.select_related("event", "owner", "body", "office").order_by("due_on", "pk")


def action_list_filtered(
    *, status: str, body_id: int | None, overdue: bool, today: dt.date
) -> QuerySet[FollowUpAction]:
    """Follow-up actions for the list page: by default the open ones; ``status`` "all" or one
    status; of one body; only those past due. By due date."""
    qs = FollowUpAction.objects.select_related("event", "owner", "body", "office")
    if status == "":
        qs = qs.filter(status__in=OPEN_ACTION_STATUSES)
    elif status != "all":
        qs = qs.filter(status=status)
    if body_id:
        qs = qs.filter(body_id=body_id)
    if overdue:
        qs = qs.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
    return qs.order_by("due_on", "pk")


def actions_overdue(*, today: dt.date, **scope: object) -> QuerySet[FollowUpAction]:
    return actions_open(**scope).filter(due_on__lt=today)  # type: ignore[arg-type]


def exchange_deadlines(
    *,
    body_ids: Collection[int],
    date_from: dt.date,
    date_to: dt.date,
    today: dt.date,
) -> list[BodyDeadline]:
    """The bodies' trip reports due and follow-up actions due between the dates (four queries).

    A report is due :func:`report_due_days` after the return; it is done once submitted. An
    action is due on its date; it is done once done or dropped. An action of an office only
    concerns the bodies that office serves.
    """
    body_ids = set(body_ids)
    days = dt.timedelta(days=report_due_days())
    source = _("Exchange")
    rows: list[BodyDeadline] = []
    events = (
        trips()
        .filter(bodies__in=body_ids, ends_on__gte=date_from - days, ends_on__lte=date_to - days)
        .distinct()
        .select_related("report")
        .prefetch_related("bodies")
    )
    for event in events:
        report = getattr(event, "report", None)
        done = report is not None and report.status == ReportStatus.SUBMITTED
        for body in event.bodies.all():
            if body.pk in body_ids:
                rows.append(
                    BodyDeadline(
                        uid=f"exchange-report-{event.pk}@omvarld",
                        date=event.ends_on + days,
                        title=event.title,
                        label=_("Trip report due"),
                        body_id=body.pk,
                        url=reverse("exchange:report_detail", kwargs={"pk": event.pk}),
                        source=source,
                        done=done,
                        detail=_("Returned %(date)s") % {"date": event.ends_on.isoformat()},
                    )
                )
    actions = (
        FollowUpAction.objects.filter(due_on__gte=date_from, due_on__lte=date_to)
        .filter(Q(body_id__in=body_ids) | Q(body__isnull=True, office__bodies__in=body_ids))
        .distinct()
        .select_related("owner")
        .prefetch_related("office__bodies")
    )
    for action in actions:
        if action.body_id:
            concerned = {action.body_id}
        else:
            assert action.office is not None  # the check constraint: a body or an office
            concerned = {b.pk for b in action.office.bodies.all()}
        for body_id in sorted(concerned & body_ids):
            rows.append(
                BodyDeadline(
                    uid=f"exchange-action-{action.pk}@omvarld",
                    date=action.due_on,
                    title=action.title,
                    label=_("Follow-up action due"),
                    body_id=body_id,
                    url=reverse("exchange:action_detail", kwargs={"pk": action.pk}),
                    source=source,
                    done=action.status not in OPEN_ACTION_STATUSES,
                    detail=_("Owner: %(name)s") % {"name": action.owner.display_name},
                )
            )
    return rows
