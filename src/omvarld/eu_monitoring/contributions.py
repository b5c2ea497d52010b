"""What EU monitoring adds to the workspace, the yearly indicators and the annual report:
initiatives to assess, feedback windows closing, new initiatives, what needs the coordinator
(unrouted initiatives, sync problems), the first sync, and the counts of a body's work on EU
initiatives. Registered in :class:`EUMonitoringConfig.ready`."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Sequence

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
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
)
from omvarld.organisation.selectors import body_list

from .constants import InboxStatus
from .models import Assessment, FeedbackWindow, FetchRecord, InfluenceAction, Initiative
from .selectors import RELEVANT, visible_routings
from .selectors.deadlines import eu_deadlines, initiative_path

SHOWN = 8
APP = gettext_lazy("EU monitoring")


def _inbox_url(scope: Scope) -> str:
    if len(scope.body_ids) == 1 and not scope.whole:
        return reverse("eu_monitoring:inbox", kwargs={"body_id": next(iter(scope.body_ids))})
    return reverse("eu_monitoring:inbox_index")


def to_assess(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Initiatives routed to the scope's bodies that nobody has assessed yet."""
    new = (
        visible_routings()
        .filter(body_id__in=scope.body_ids, status=InboxStatus.NEW)
        .select_related("initiative", "body")
        .order_by("-created_at", "-score")
    )
    total = new.count()
    if not total:
        return None
    rows = list(new[:SHOWN])
    return Block(
        title=_("New EU initiatives to assess"),
        url=_inbox_url(scope),
        entries=[
            Entry(
                title=r.initiative.title or str(r.initiative),
                url=initiative_path(r.initiative_id),
                label=r.body.name,
                date=r.created_at.date(),
            )
            for r in rows[:SHOWN]
        ],
        total=total,
    )


def windows_closing(
    *, scope: Scope, today: datetime.date, since: datetime.datetime
) -> Block | None:
    """Feedback windows open now and closing within 30 days that the body has not answered."""
    rows = [
        d
        for d in eu_deadlines(
            body_ids=scope.body_ids,
            date_from=today,
            date_to=today + datetime.timedelta(days=30),
            today=today,
        )
        if d.extra.get("kind") == "window"
        and d.action_needed
        and not d.done
        and (d.starts is None or d.starts <= today)
    ]
    if not rows:
        return None
    rows.sort(key=lambda d: (d.date, d.title))
    names = dict(
        body_list(include_inactive=True)
        .filter(pk__in={d.body_id for d in rows[:SHOWN]})
        .values_list("pk", "name")
    )
    return Block(
        title=_("Feedback windows closing"),
        url=reverse("eu_monitoring:deadline_list"),
        entries=[
            Entry(
                title=d.title,
                url=d.url,
                label=_("%(window)s, %(body)s") % {"window": d.label, "body": names[d.body_id]},
                date=d.date,
            )
            for d in rows[:SHOWN]
        ],
        total=len(rows),
    )


def new_initiatives(
    *, scope: Scope, today: datetime.date, since: datetime.datetime
) -> Block | None:
    """Initiatives routed to the scope's bodies since the moment (whole municipality: every
    initiative that came in)."""
    rows: list[Entry]
    if scope.whole:
        initiatives = Initiative.objects.filter(created_at__gte=since).order_by("-created_at")
        rows = [
            Entry(i.title or str(i), initiative_path(i.pk), date=i.created_at.date())
            for i in initiatives[:SHOWN]
        ]
        total = initiatives.count()
    else:
        routings = (
            visible_routings()
            .filter(body_id__in=scope.body_ids, created_at__gte=since)
            .select_related("initiative", "body")
            .order_by("-created_at")
        )
        rows = [
            Entry(
                r.initiative.title or str(r.initiative),
                initiative_path(r.initiative_id),
                label=r.body.name,
                date=r.created_at.date(),
            )
            for r in routings[:SHOWN]
        ]
        total = routings.count()
    if not rows:
        return None
    return Block(
        title=_("New EU initiatives"),
        url=reverse("eu_monitoring:initiative_list"),
        entries=rows[:SHOWN],
        total=total,
    )


def unrouted(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Initiatives in no body's inbox."""
    qs = Initiative.objects.exclude(
        Exists(visible_routings().filter(initiative=OuterRef("pk")))
    ).order_by("-created_at")
    total = qs.count()
    if not total:
        return None
    rows = list(qs[:SHOWN])
    return Block(
        title=_("EU initiatives routed to no body"),
        url=reverse("eu_monitoring:initiative_list"),
        entries=[Entry(i.title or str(i), initiative_path(i.pk)) for i in rows[:SHOWN]],
        total=total,
    )


def sync_problems(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Fetches of the last seven days that failed or logged errors."""
    fetches = (
        FetchRecord.objects.filter(fetched_at__date__gte=today - datetime.timedelta(days=7))
        .filter(Q(status__gte=400) | ~Q(errors=[]))
        .defer("payload")
        .order_by("-fetched_at")
    )
    total = fetches.count()
    if not total:
        return None
    rows = list(fetches[:SHOWN])
    return Block(
        title=_("Problems in the sync of the EU sources"),
        url=reverse("core:task_list"),
        entries=[
            Entry(
                title=str(f),
                url=reverse("core:task_list"),
                detail=_("%(count)s problems") % {"count": len(f.errors)}
                if f.errors
                else _("HTTP status %(status)s") % {"status": f.status},
            )
            for f in rows[:SHOWN]
        ],
        total=total,
    )


def first_sync(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """While no initiative has come in: how the EU sources are followed."""
    if Initiative.objects.exists():
        return None
    return Block(
        title=_("Sync the EU sources"),
        url=reverse("eu_monitoring:initiative_list"),
        entries=[
            Entry(
                title=_("Follow the EU's initiatives and consultations"),
                url=reverse("eu_monitoring:initiative_list"),
                detail=_(
                    "The task worker syncs EUR-Lex, Have Your Say and the European Parliament "
                    "every morning; manage.py eu_sync starts it now. Initiatives are then routed "
                    "to the bodies whose areas they concern."
                ),
            )
        ],
    )


# --- Indicators ----------------------------------------------------------------------------------


def _grouped(
    qs: object, field: str, body_ids: Collection[int], count: str = "pk"
) -> dict[int, int]:
    rows = (
        qs.filter(**{f"{field}__in": body_ids})  # type: ignore[attr-defined]
        .values_list(field)
        .annotate(n=Count(count, distinct=True))
        .order_by()
    )
    return dict(rows)


def routed(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    qs = visible_routings().filter(created_at__year=year)
    return count_values(
        body_ids,
        _grouped(qs, "body_id", body_ids),
        qs.values("initiative_id").distinct().count(),
    )


def assessed(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    qs = Assessment.objects.filter(created_at__year=year)
    return count_values(body_ids, _grouped(qs, "routing__body_id", body_ids), qs.count())


def acted_on(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    qs = InfluenceAction.objects.filter(date__year=year)
    return count_values(
        body_ids,
        _grouped(qs, "body_id", body_ids, count="initiative_id"),
        qs.values("initiative_id").distinct().count(),
    )


def actions(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    qs = InfluenceAction.objects.filter(date__year=year)
    return count_values(body_ids, _grouped(qs, "body_id", body_ids), qs.count())


def _windows(
    body_ids: Collection[int], year: int, today: datetime.date
) -> tuple[dict[int, int], dict[int, int], int, int]:
    """Per body and in all: feedback windows closing in the year that an influence action of
    the body answered by the closing day (used), and those already closed, of initiatives the
    body judged highly or moderately relevant, without such an answer (missed). Three queries."""
    windows = [
        (pk, initiative_id, closes)
        for pk, initiative_id, closes in FeedbackWindow.objects.filter(
            closes__year=year
        ).values_list("pk", "initiative_id", "closes")
        if closes is not None
    ]
    initiative_ids = {i for _pk, i, _c in windows}
    closes_of = {pk: closes for pk, _i, closes in windows}
    answered: dict[int, set[int]] = defaultdict(set)
    for window_id, body_id, day in InfluenceAction.objects.filter(
        window_id__in=closes_of, body__isnull=False
    ).values_list("window_id", "body_id", "date"):
        if day <= closes_of[window_id]:
            answered[window_id].add(body_id)
    relevant: dict[int, set[int]] = defaultdict(set)
    for initiative_id, body_id in Assessment.objects.filter(
        routing__initiative_id__in=initiative_ids, relevance__in=RELEVANT
    ).values_list("routing__initiative_id", "routing__body_id"):
        relevant[initiative_id].add(body_id)
    used: dict[int, int] = defaultdict(int)
    missed: dict[int, int] = defaultdict(int)
    used_total = missed_total = 0
    for window_id, initiative_id, closes in windows:
        bodies_answered = answered.get(window_id, set())
        for body_id in bodies_answered:
            used[body_id] += 1
        if bodies_answered:
            used_total += 1
        if closes < today:
            missing = relevant.get(initiative_id, set()) - bodies_answered
            for body_id in missing:
                missed[body_id] += 1
            if missing and not bodies_answered:
                missed_total += 1
    wanted = set(body_ids)
    return (
        {b: n for b, n in used.items() if b in wanted},
        {b: n for b, n in missed.items() if b in wanted},
        used_total,
        missed_total,
    )


def windows_used(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    used, _missed, total, _missed_total = _windows(body_ids, year, today)
    return count_values(body_ids, used, total)


def windows_missed(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    _used, missed, _total, total = _windows(body_ids, year, today)
    return count_values(body_ids, missed, total)


def initiatives_acted_on(*, body_ids: Collection[int] | None, year: int) -> Sequence[Entry]:
    """The initiatives the bodies (or anyone) took an influence action on in the year."""
    qs = InfluenceAction.objects.filter(date__year=year).select_related("initiative", "body")
    if body_ids is not None:
        qs = qs.filter(body_id__in=body_ids)
    seen: dict[int, Entry] = {}
    for action in qs.order_by("date", "pk"):
        if action.initiative_id not in seen:
            seen[action.initiative_id] = Entry(
                title=action.initiative.title or str(action.initiative),
                url=initiative_path(action.initiative_id),
                label=str(action.get_channel_display()),
                date=action.date,
                detail=action.body.name if action.body else "",
            )
    return list(seen.values())


def register() -> None:
    register_block("eu_monitoring.to_assess", Section.TODO, 30, to_assess)
    register_block("eu_monitoring.windows", Section.TODO, 31, windows_closing)
    register_block("eu_monitoring.new", Section.CHANGES, 30, new_initiatives)
    register_block("eu_monitoring.unrouted", Section.ATTENTION, 30, unrouted)
    register_block("eu_monitoring.sync", Section.ATTENTION, 31, sync_problems)
    register_block("eu_monitoring.first_sync", Section.START, 30, first_sync)
    definitions = [
        (
            "eu_monitoring.routed",
            gettext_lazy("EU initiatives routed"),
            gettext_lazy(
                "The number of EU initiatives that came into the body's inbox in the year "
                "(suggested by the platform or added by a coordinator, not removed). For the "
                "whole municipality each initiative counts once."
            ),
            routed,
        ),
        (
            "eu_monitoring.assessed",
            gettext_lazy("EU initiatives assessed"),
            gettext_lazy("The number of the body's assessments of initiatives made in the year."),
            assessed,
        ),
        (
            "eu_monitoring.acted_on",
            gettext_lazy("EU initiatives acted on"),
            gettext_lazy(
                "The number of initiatives on which the body recorded an influence action dated "
                "in the year."
            ),
            acted_on,
        ),
        (
            "eu_monitoring.actions",
            gettext_lazy("Influence actions"),
            gettext_lazy(
                "The number of influence actions (own responses, through SKR, the Committee of "
                "the Regions, networks, MEPs and others) the body recorded, dated in the year."
            ),
            actions,
        ),
        (
            "eu_monitoring.windows_used",
            gettext_lazy("Feedback windows used"),
            gettext_lazy(
                "Feedback windows closing in the year that an influence action of the body "
                "answered by the closing day."
            ),
            windows_used,
        ),
        (
            "eu_monitoring.windows_missed",
            gettext_lazy("Feedback windows missed"),
            gettext_lazy(
                "Feedback windows closed in the year, of initiatives the body judged highly or "
                "moderately relevant, that no influence action of the body answered in time. "
                "For the whole municipality: windows no body answered."
            ),
            windows_missed,
        ),
    ]
    for order, (key, name, definition, query) in enumerate(definitions, start=30):
        register_indicator(
            Indicator(
                key=key,
                name=name,
                definition=definition,
                unit=Unit.COUNT,
                app=APP,
                query=query,
                order=order,
                goals=("eu", "monitoring_influence"),
            )
        )
    register_report_list(
        "eu_monitoring.acted_on",
        gettext_lazy("EU initiatives acted on"),
        30,
        initiatives_acted_on,
    )
