"""Reads of EU initiatives, committee inboxes and reports, shared by the pages and the API."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.knowledge.models import Statute
from omvarld.meetings.selectors import item_citations, items_citing
from omvarld.organisation.models import Body

if TYPE_CHECKING:
    from omvarld.meetings.models import AgendaItem

from ..constants import STAGE_ORDER, ActRelation, Channel, InboxStatus, Relevance, WindowStatus
from ..models import (
    Assessment,
    FeedbackWindow,
    InfluenceAction,
    Initiative,
    InitiativeAct,
    Routing,
)

#: The relations through which an initiative changes an act the municipality may rest on.
CHANGING = (ActRelation.AMENDS, ActRelation.REPEALS, ActRelation.REPLACES)
#: Relevance that makes a missed feedback window count as missed.
RELEVANT = (Relevance.HIGH, Relevance.MEDIUM)
STATUS_ORDER = {status.value: index for index, status in enumerate(InboxStatus)}


def open_windows(today: dt.date | None = None) -> QuerySet[FeedbackWindow]:
    """Feedback windows open on the day (today by default): opened, closing that day or later,
    and not closed early by the source."""
    today = today or timezone.localdate()
    return (
        FeedbackWindow.objects.filter(closes__gte=today)
        .filter(Q(opens__isnull=True) | Q(opens__lte=today))
        .exclude(source_status=WindowStatus.CLOSED)
    )


#: A routing a coordinator took out of the body's inbox before the body assessed it (one the body
#: had assessed stays in the inbox, closed, with its assessment).
REMOVED = Q(removed=True, assessment__isnull=True)


def is_removed(routing: Routing) -> bool:
    """The one-row form of :data:`REMOVED` (the routing's assessment, if any, already loaded)."""
    return routing.removed and not hasattr(routing, "assessment")


def match_level(score: float) -> str:
    """The router's score in words: "high" at 0.8 or more (the initiative's own area, or several
    signals agreeing), "medium" at 0.6 or more (a EuroVoc subject or the text alone), "low"
    below (the router suggests a body from 0.4)."""
    if score >= 0.8:
        return "high"
    if score >= 0.6:
        return "medium"
    return "low"


def visible_routings() -> QuerySet[Routing]:
    """Routings that are in a body's inbox: every one except those a coordinator removed."""
    return Routing.objects.exclude(REMOVED)


@dataclass(frozen=True)
class InitiativeFilters:
    query: str = ""
    area: str = ""
    stage: str = ""
    body_id: int | None = None
    open_window: bool = False


def initiative_list(filters: InitiativeFilters) -> QuerySet[Initiative]:
    """Initiatives, filtered, newest change first, with areas and routed bodies prefetched."""
    qs = Initiative.objects.annotate(
        has_open_window=Exists(open_windows().filter(initiative=OuterRef("pk")))
    )
    if filters.query:
        q = filters.query
        qs = qs.filter(
            Q(title_sv__icontains=q)
            | Q(title_en__icontains=q)
            | Q(commission_reference__icontains=q)
            | Q(procedure_reference__icontains=q)
            | Q(com_number__icontains=q)
            | Q(proposal_celex__icontains=q)
        )
    if filters.area:
        qs = qs.filter(areas__code=filters.area)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.body_id:
        qs = qs.filter(
            Exists(visible_routings().filter(initiative=OuterRef("pk"), body_id=filters.body_id))
        )
    if filters.open_window:
        qs = qs.filter(has_open_window=True)
    return (
        qs.distinct()
        .prefetch_related(
            "areas",
            Prefetch("routings", visible_routings().select_related("body").order_by("-score")),
        )
        .order_by("-updated_at", "pk")
    )


def initiative_detail(*, pk: int) -> Initiative:
    """One initiative with its stages, windows, acts, routings (and assessments) and actions."""
    return Initiative.objects.prefetch_related(
        "areas",
        "stages",
        "windows",
        Prefetch("act_links", InitiativeAct.objects.select_related("act").order_by("act__celex")),
        Prefetch(
            "routings",
            Routing.objects.select_related("body", "assessment__responsible").order_by(
                "-score", "body__name"
            ),
        ),
        Prefetch(
            "actions",
            InfluenceAction.objects.select_related("body", "window", "created_by").order_by(
                "-date", "-pk"
            ),
        ),
    ).get(pk=pk)


#: The languages of a published document shown on the pages, in this order, beside the original.
DOCUMENT_LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class StageRow:
    """One stage an initiative reached, however many sources report it."""

    stage: str
    label: str
    date: dt.date | None
    sources: list[str]
    notes: list[str]
    documents: list[dict[str, Any]]


def _shown_documents(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of a publication's documents, the Swedish and English ones and the original, each once."""
    shown: dict[str, dict[str, Any]] = {}
    order = {lang: i for i, lang in enumerate(DOCUMENT_LANGUAGES)}
    for doc in documents:
        if not isinstance(doc, dict) or not doc.get("url"):
            continue
        if doc.get("language") in order or doc.get("original"):
            shown.setdefault(str(doc["url"]), doc)
    return sorted(shown.values(), key=lambda d: order.get(d.get("language", ""), len(order)))


def stage_history(initiative: Initiative) -> list[StageRow]:
    """The stages in the order reached, one row per stage: two sources that date the same stage
    (often a day apart, in Brussels and in Strasbourg time) name one step, dated by the earlier.

    Reads the initiative's prefetched stages.
    """
    by_stage: dict[str, list[Any]] = {}
    for event in initiative.stages.all():
        by_stage.setdefault(event.stage, []).append(event)
    rows = []
    for stage, events in by_stage.items():
        events.sort(key=lambda e: (e.date or dt.date.max, e.pk))
        documents = [d for e in events for d in e.documents]
        rows.append(
            StageRow(
                stage=stage,
                label=str(events[0].get_stage_display()),
                date=events[0].date,
                sources=sorted({str(e.get_source_display()) for e in events}),
                notes=[e.note for e in events if e.note],
                documents=_shown_documents(documents),
            )
        )
    rows.sort(key=lambda r: (r.date or dt.date.max, STAGE_ORDER.get(r.stage, 99)))
    return rows


def changed_refs(celexes: set[str]) -> dict[str, set[str]]:
    """For each changed act, the references that stand for it: the CELEX number itself and the
    SFS numbers of the Swedish statutes that implement it."""
    refs = {celex: {celex} for celex in celexes}
    through = Statute.implements.through.objects.filter(euact__celex__in=celexes).values_list(
        "euact__celex", "statute__sfs"
    )
    for celex, sfs in through:
        refs[celex].add(sfs)
    return refs


@dataclass
class Touch:
    """The municipality's own analysed agenda items that rest on acts an initiative changes."""

    count: int = 0
    since: int | None = None
    item_ids: set[int] = field(default_factory=set)


def touches(initiative_ids: list[int]) -> dict[int, Touch]:
    """How many agenda items each initiative touches, and since which year (three queries)."""
    links = InitiativeAct.objects.filter(
        initiative_id__in=initiative_ids, relation__in=CHANGING
    ).values_list("initiative_id", "act__celex")
    acts_of: dict[int, set[str]] = {}
    for initiative_id, celex in links:
        acts_of.setdefault(initiative_id, set()).add(celex)
    result = {pk: Touch() for pk in initiative_ids}
    if not acts_of:
        return result
    refs = changed_refs(set().union(*acts_of.values()))
    all_refs = set().union(*refs.values())
    items_of: dict[str, set[int]] = {}
    year_of: dict[int, int] = {}
    for ref, item_id, date in item_citations(refs=all_refs):
        items_of.setdefault(ref, set()).add(item_id)
        year_of[item_id] = date.year
    for initiative_id, celexes in acts_of.items():
        ids: set[int] = set()
        for celex in celexes:
            for ref in refs[celex]:
                ids |= items_of.get(ref, set())
        touch = result[initiative_id]
        touch.item_ids = ids
        touch.count = len(ids)
        touch.since = min((year_of[i] for i in ids), default=None)
    return result


def touched_items(*, initiative: Initiative) -> QuerySet[AgendaItem]:
    """The agenda items citing an act the initiative changes, or a statute implementing one."""
    celexes = set(
        InitiativeAct.objects.filter(initiative=initiative, relation__in=CHANGING).values_list(
            "act__celex", flat=True
        )
    )
    refs: set[str] = set().union(*changed_refs(celexes).values()) if celexes else set()
    return items_citing(refs=refs).prefetch_related("references")


def inbox(*, body: Body, status: str = "") -> list[Routing]:
    """A body's routed initiatives: new ones first, then by status and match."""
    qs = (
        visible_routings()
        .filter(body=body)
        .select_related("initiative", "assessment__responsible")
        .prefetch_related(
            Prefetch("initiative__windows", FeedbackWindow.objects.order_by("closes"))
        )
    )
    if status:
        qs = qs.filter(status=status)
    return sorted(qs, key=lambda r: (STATUS_ORDER[r.status], -r.score, -r.initiative_id))


@dataclass(frozen=True)
class InboxCount:
    """One body and how many initiatives its inbox holds per status."""

    body: Body
    new: int = 0
    assessed: int = 0
    acting: int = 0
    closed: int = 0


def inbox_counts() -> list[InboxCount]:
    """Every active body, with or without areas, and its routed initiatives per status.

    Two queries however many bodies: the bodies, then the visible routings counted per body and
    status (counted on the routings alone, so a body's areas never multiply them).
    """
    bodies = list(Body.objects.active_on().order_by("name"))
    counts: dict[int, dict[str, int]] = {}
    rows = (
        visible_routings()
        .filter(body__in=bodies)
        .order_by()
        .values_list("body_id", "status")
        .annotate(n=Count("pk"))
    )
    for body_id, status, n in rows:
        counts.setdefault(body_id, {})[status] = n
    return [InboxCount(body, **counts.get(body.pk, {})) for body in bodies]


def routing_get(*, initiative_id: int, body_id: int) -> Routing:
    return Routing.objects.select_related("initiative", "body", "assessment").get(
        initiative_id=initiative_id, body_id=body_id
    )


def action_bodies(*, user: AnyUser) -> QuerySet[Body]:
    """The active bodies on whose behalf the user may record influence actions."""
    bodies = Body.objects.active_on().order_by("name")
    if permissions.can_manage(user):
        return bodies
    if permissions.role_of(user) != Role.OFFICER:
        return bodies.none()
    member_of, _offices = permissions.member_ids(user)
    return bodies.filter(pk__in=member_of)


@dataclass
class WindowRow:
    window: FeedbackWindow
    relevance: str
    action: InfluenceAction | None = None


@dataclass
class BodyReport:
    """A body's year: initiatives assessed, actions taken, feedback windows met and missed."""

    body: Body
    year: int
    assessed: int
    by_relevance: list[tuple[str, int]]
    actions: int
    by_channel: list[tuple[str, int]]
    met: list[WindowRow]
    missed: list[WindowRow]


def body_report(*, body: Body, year: int, today: dt.date | None = None) -> BodyReport:
    """The figures of :class:`BodyReport`.

    - assessed: the body's assessments made in the year, by relevance;
    - actions: its influence actions dated in the year, by channel;
    - met: feedback windows closing in the year that an action of the body answered on or before
      the closing day;
    - missed: windows closing in the year (and already closed) of initiatives the body judged
      highly or moderately relevant, without such an action.
    """
    today = today or timezone.localdate()
    assessments = Assessment.objects.filter(routing__body=body, created_at__year=year)
    relevance_counts = Counter(assessments.values_list("relevance", flat=True))
    by_relevance = [(str(r.label), relevance_counts.get(r.value, 0)) for r in Relevance]
    actions = InfluenceAction.objects.filter(body=body, date__year=year)
    channel_counts = Counter(actions.values_list("channel", flat=True))
    by_channel = [
        (str(c.label), channel_counts[c.value]) for c in Channel if channel_counts[c.value]
    ]

    windows = list(
        FeedbackWindow.objects.filter(closes__year=year, initiative__routings__body=body)
        .select_related("initiative")
        .prefetch_related(
            Prefetch(
                "actions",
                InfluenceAction.objects.filter(body=body).order_by("date"),
                to_attr="body_actions",
            )
        )
        .distinct()
        .order_by("closes", "pk")
    )
    relevance_of = dict(
        Assessment.objects.filter(
            routing__body=body, routing__initiative__in={w.initiative_id for w in windows}
        ).values_list("routing__initiative_id", "relevance")
    )
    met, missed = [], []
    for window in windows:
        relevance = relevance_of.get(window.initiative_id, "")
        closes = window.closes
        assert closes is not None  # filtered on its year
        answer = next(
            (a for a in window.body_actions if a.date <= closes),
            None,
        )
        if answer is not None:
            met.append(WindowRow(window, relevance, answer))
        elif relevance in RELEVANT and closes < today:
            missed.append(WindowRow(window, relevance))
    return BodyReport(
        body=body,
        year=year,
        assessed=sum(relevance_counts.values()),
        by_relevance=by_relevance,
        actions=sum(channel_counts.values()),
        by_channel=by_channel,
        met=met,
        missed=missed,
    )
