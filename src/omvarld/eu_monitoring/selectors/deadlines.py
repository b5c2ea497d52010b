"""EU monitoring's deadlines, as the platform's deadline interface reports them.

A body's EU deadlines are the feedback windows and the dated stage events of the initiatives
routed to it. A routing the body has closed, or assessed as not relevant, brings none. The
provider :func:`eu_deadlines` is registered in the app's ``AppConfig.ready`` and read, with every
other app's, through :func:`omvarld.core.contributions.deadlines_for`.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from omvarld.core.contributions import BodyDeadline

from ..constants import InboxStatus, Relevance, WindowStatus
from ..models import FeedbackWindow, InfluenceAction, Initiative, Routing, StageEvent

__all__ = ["eu_deadlines", "initiative_path", "routings_followed"]


def initiative_path(pk: int) -> str:
    """The address of an initiative's page, or of the initiative list while there is none."""
    try:
        return reverse("eu_monitoring:initiative_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return reverse("eu_monitoring:initiative_list")


def routings_followed(*, body_ids: Collection[int]) -> QuerySet[Routing]:
    """The bodies' routings that still call for attention: not closed, not assessed irrelevant."""
    return (
        Routing.objects.filter(body_id__in=body_ids)
        .exclude(status=InboxStatus.CLOSED)
        .exclude(assessment__relevance=Relevance.NONE)
    )


def _references(initiative: Initiative) -> str:
    refs = (initiative.com_number, initiative.procedure_reference, initiative.commission_reference)
    return ", ".join(r for r in refs if r)


def _first_of_each_stage(events: list[StageEvent]) -> list[StageEvent]:
    """One event per stage: two sources that date the same stage a day apart name one step."""
    kept: dict[str, StageEvent] = {}
    for event in sorted(events, key=lambda e: (e.date or datetime.date.max, e.pk)):
        kept.setdefault(event.stage, event)
    return list(kept.values())


def eu_deadlines(
    *,
    body_ids: Collection[int],
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date,
) -> list[BodyDeadline]:
    """Feedback windows closing, and stage events falling, between the two dates (inclusive).

    One row per body and step. A window asks the body to act until it closes: it is done when
    the body recorded an influence action answering it; once closed it asks nothing more (it was
    met or missed, see the body's report). A stage event only informs. Four queries, however many
    bodies and rows.
    """
    windows = FeedbackWindow.objects.filter(closes__gte=date_from, closes__lte=date_to)
    events = StageEvent.objects.filter(date__gte=date_from, date__lte=date_to)
    dated = Q(Exists(windows.filter(initiative=OuterRef("initiative")))) | Q(
        Exists(events.filter(initiative=OuterRef("initiative")))
    )
    routings = list(
        routings_followed(body_ids=body_ids)
        .filter(dated)
        .select_related("initiative")
        .prefetch_related(
            Prefetch("initiative__windows", queryset=windows, to_attr="due_windows"),
            Prefetch("initiative__stages", queryset=events, to_attr="due_stages"),
        )
    )
    window_ids = {w.pk for r in routings for w in r.initiative.due_windows}  # type: ignore[attr-defined]
    answered = set(
        InfluenceAction.objects.filter(window_id__in=window_ids, body_id__in=body_ids).values_list(
            "window_id", "body_id"
        )
    )
    source = _("EU monitoring")
    rows: list[BodyDeadline] = []
    for routing in routings:
        initiative = routing.initiative
        path = initiative_path(initiative.pk)
        detail = _references(initiative)
        for window in initiative.due_windows:  # type: ignore[attr-defined]
            rows.append(
                BodyDeadline(
                    uid=f"window-{window.pk}@omvarld",
                    date=window.closes,
                    title=initiative.title or str(initiative),
                    label=str(window.get_kind_display()),
                    body_id=routing.body_id,
                    url=path,
                    source=source,
                    external_url=window.url or initiative.url,
                    starts=window.opens,
                    done=(window.pk, routing.body_id) in answered,
                    detail=detail,
                    action_needed=window.closes >= today
                    and window.source_status != WindowStatus.CLOSED,
                    extra={"kind": "window", "updated": initiative.updated_at},
                )
            )
        for event in _first_of_each_stage(initiative.due_stages):  # type: ignore[attr-defined]
            assert event.date is not None  # filtered on its date
            rows.append(
                BodyDeadline(
                    uid=f"stage-{event.pk}@omvarld",
                    date=event.date,
                    title=initiative.title or str(initiative),
                    label=str(event.get_stage_display()),
                    body_id=routing.body_id,
                    url=path,
                    source=source,
                    external_url=initiative.url,
                    detail=detail,
                    action_needed=False,
                    extra={"kind": "stage", "updated": initiative.updated_at},
                )
            )
    return rows
