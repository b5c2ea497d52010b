"""What the exchange register adds to the workspace, the yearly indicators and the annual
report: trip reports due and open follow-up actions, coming events and trips, the year's events,
trips, participants, reports and actions, and the trips with their lessons. The one source of
these figures (the relations register's follow-up dates are its own, not trip reports).
Registered in :class:`ExchangeConfig.ready`."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omvarld.core.contributions import (
    Block,
    Entry,
    Indicator,
    Scope,
    Section,
    Unit,
    Values,
    count_values,
    register_block,
    register_indicator,
    register_report_list,
    share_values,
)

from .models import Event
from .selectors import reminders, workspace
from .selectors.workspace import Counted, Share

SHOWN = 8
COMING_DAYS = 60
APP = gettext_lazy("Exchange")


def _scope_url(scope: Scope) -> str:
    if len(scope.body_ids) == 1 and not scope.whole and not scope.office_ids:
        return reverse("exchange:body_page", kwargs={"body_id": next(iter(scope.body_ids))})
    return reverse("exchange:calendar")


def _report_entry(event: Event) -> Entry:
    """A trip report awaited; ``due_on`` and ``overdue`` are set by ``reports_awaiting``."""
    overdue: bool = event.overdue  # type: ignore[attr-defined]
    return Entry(
        title=event.title,
        url=reverse("exchange:report_detail", kwargs={"pk": event.pk}),
        label=_("Trip report late") if overdue else _("Trip report due"),
        date=event.due_on,  # type: ignore[attr-defined]
        detail=_("Returned %(date)s") % {"date": event.ends_on.isoformat()},
        overdue=overdue,
    )


def reports_and_actions(
    *, scope: Scope, today: datetime.date, since: datetime.datetime
) -> Block | None:
    """Trip reports not yet submitted after the return, and open follow-up actions: the late
    ones first, then by date (three queries)."""
    body_ids = None if scope.whole else scope.body_ids
    reports = reminders.reports_awaiting(today=today, body_ids=body_ids)
    actions = workspace.open_actions(body_ids=body_ids, office_ids=scope.office_ids)
    entries = [_report_entry(event) for event in reports] + [
        Entry(
            title=action.title,
            url=reverse("exchange:action_detail", kwargs={"pk": action.pk}),
            label=_("Follow-up action"),
            date=action.due_on,
            detail=_("Owner: %(name)s") % {"name": action.owner.display_name},
            overdue=action.due_on < today,
        )
        for action in actions
    ]
    if not entries:
        return None
    entries.sort(key=lambda e: (not e.overdue, e.date or today, e.title))
    return Block(
        title=_("Trip reports and follow-up actions"),
        url=_scope_url(scope),
        entries=entries[:SHOWN],
        total=len(entries),
    )


def coming(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Events and trips that have not ended and begin within 60 days (one query)."""
    events = workspace.coming_events(
        body_ids=None if scope.whole else scope.body_ids,
        office_ids=scope.office_ids,
        today=today,
        within_days=COMING_DAYS,
    )
    if not events:
        return None
    return Block(
        title=_("Coming events and trips"),
        url=_scope_url(scope),
        entries=[
            Entry(
                title=event.title,
                url=reverse("exchange:event_detail", kwargs={"pk": event.pk}),
                label=_("Trip")
                if event.report_required and event.has_participants  # type: ignore[attr-defined]
                else str(event.get_kind_display()),
                date=event.starts_on,
                detail=", ".join(p for p in (event.place, event.country.name) if p),
            )
            for event in events[:SHOWN]
        ],
        total=len(events),
    )


def _counts(counted: Counted, body_ids: Collection[int]) -> Values:
    return count_values(body_ids, counted.by_body, counted.total)


def _shares(share: Share, body_ids: Collection[int]) -> Values:
    return share_values(body_ids, share.parts, share.wholes, share.total)


def events(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    return _counts(workspace.events_held(body_ids=body_ids, year=year, today=today), body_ids)


def trips(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    return _counts(workspace.trips_held(body_ids=body_ids, year=year, today=today), body_ids)


def participants(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    return _counts(workspace.participants(body_ids=body_ids, year=year, today=today), body_ids)


def reports_submitted(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    return _shares(workspace.reports_submitted(body_ids=body_ids, year=year, today=today), body_ids)


def reports_late(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    return _counts(workspace.reports_late(body_ids=body_ids, year=year, today=today), body_ids)


def actions_done(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    return _shares(workspace.actions_done(body_ids=body_ids, year=year, today=today), body_ids)


def trip_list(*, body_ids: Collection[int] | None, year: int) -> Sequence[Entry]:
    """The year's trips made so far, each with whether its report is in and the lessons it
    brought home."""
    return [
        Entry(
            title=row.event.title,
            url=reverse(
                "exchange:report_detail" if row.submitted else "exchange:event_detail",
                kwargs={"pk": row.event.pk},
            ),
            label=_("Trip report submitted") if row.submitted else _("No trip report submitted"),
            date=row.event.starts_on,
            detail=" ".join(lesson.text for lesson in row.lessons),
        )
        for row in workspace.trip_list(body_ids=body_ids, year=year, today=timezone.localdate())
    ]


def register() -> None:
    register_block("exchange.reports_actions", Section.TODO, 50, reports_and_actions)
    register_block("exchange.coming", Section.TODO, 51, coming)
    definitions = [
        (
            "exchange.events",
            gettext_lazy("Events taken part in"),
            gettext_lazy(
                "The number of the body's events (conferences, fairs, network meetings, study "
                "visits out and in, courses, webinars) that began in the year, up to today."
            ),
            events,
            Unit.COUNT,
        ),
        (
            "exchange.trips",
            gettext_lazy("Trips made"),
            gettext_lazy(
                "Of those events, the trips: events that need a trip report and have at least "
                "one participant."
            ),
            trips,
            Unit.COUNT,
        ),
        (
            "exchange.participants",
            gettext_lazy("Participants in events"),
            gettext_lazy(
                "The number of participations (employees and named guests) in the body's events "
                "of the year; a person at two events counts twice."
            ),
            participants,
            Unit.COUNT,
        ),
        (
            "exchange.reports_submitted",
            gettext_lazy("Trip reports submitted"),
            gettext_lazy(
                "The share of the body's trips of the year with a submitted trip report, of "
                "those whose report is due by today or already submitted."
            ),
            reports_submitted,
            Unit.PERCENT,
        ),
        (
            "exchange.reports_late",
            gettext_lazy("Trip reports late"),
            gettext_lazy(
                "The number of the body's trips of the year whose trip report is not submitted "
                "and was due (the set number of days after the return) before today."
            ),
            reports_late,
            Unit.COUNT,
        ),
        (
            "exchange.actions_done",
            gettext_lazy("Follow-up actions done"),
            gettext_lazy(
                "The share of follow-up actions done, of the actions taken on (dropped left "
                "out) from the events of the year; an action belongs to its body, or to the "
                "bodies its office serves."
            ),
            actions_done,
            Unit.PERCENT,
        ),
    ]
    for order, (key, name, definition, query, unit) in enumerate(definitions, start=50):
        register_indicator(
            Indicator(
                key=key,
                name=name,
                definition=definition,
                unit=unit,
                app=APP,
                query=query,
                order=order,
                goals=("exchange",),
            )
        )
    register_report_list(
        "exchange.trips", gettext_lazy("Trips and what they brought home"), 50, trip_list
    )
