"""Reads of EU funding for the pages, the API, the deadlines and (later) the committees'
workspace: programmes, calls, a body's inbox of calls, projects and what needs doing now."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.core import permissions
from omvarld.core.permissions import AnyUser
from omvarld.organisation.models import Body, Office

from .constants import AFTER_GRANT, CallStatus, Decision, MatchStatus, ProjectStatus
from .models import (
    Call,
    CallMatch,
    PaymentClaim,
    Programme,
    Project,
    ProjectDocument,
    ProjectItemLink,
    ProjectPartner,
    ReportingPeriod,
)

MATCH_ORDER = {status.value: index for index, status in enumerate(MatchStatus)}


# --- Programmes -------------------------------------------------------------------------------


def programme_list() -> QuerySet[Programme]:
    """Every programme with its areas and the number of its calls open or forthcoming today."""
    today = timezone.localdate()
    return (
        Programme.objects.prefetch_related("areas")
        .annotate(
            current_calls=Count(
                "calls", filter=Q(calls__deadline__gte=today) | Q(calls__deadline__isnull=True)
            )
        )
        .order_by("name_sv")
    )


def programme_detail(*, code: str) -> Programme:
    return Programme.objects.prefetch_related("areas").get(code=code)


# --- Calls ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallFilters:
    query: str = ""
    programme: str = ""
    area: str = ""
    status: str = ""
    body_id: int | None = None


def visible_matches() -> QuerySet[CallMatch]:
    """Matches that are in a body's inbox: all but those judged not relevant."""
    return CallMatch.objects.exclude(status=MatchStatus.NOT_RELEVANT)


def _status_filter(status: str, today: dt.date) -> Q:
    if status == CallStatus.CLOSED:
        return Q(deadline__lt=today)
    if status == CallStatus.FORTHCOMING:
        return Q(opens__gt=today) & (Q(deadline__gte=today) | Q(deadline__isnull=True))
    if status == CallStatus.OPEN:
        return (Q(opens__lte=today) | Q(opens__isnull=True)) & (
            Q(deadline__gte=today) | Q(deadline__isnull=True)
        )
    return Q()


def call_list(filters: CallFilters, *, today: dt.date | None = None) -> QuerySet[Call]:
    """Calls, filtered, the nearest deadline first (undated last), with their programme, areas
    and the bodies they were matched to."""
    today = today or timezone.localdate()
    qs = Call.objects.select_related("programme")
    if filters.query:
        q = filters.query
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(title_sv__icontains=q)
            | Q(identifier__icontains=q)
            | Q(call_identifier__icontains=q)
            | Q(description__icontains=q)
        )
    if filters.programme:
        qs = qs.filter(programme__code=filters.programme)
    if filters.area:
        qs = qs.filter(areas__code=filters.area)
    if filters.status:
        qs = qs.filter(_status_filter(filters.status, today))
    if filters.body_id:
        qs = qs.filter(
            Exists(visible_matches().filter(call=OuterRef("pk"), body_id=filters.body_id))
        )
    return (
        qs.distinct()
        .prefetch_related(
            "areas",
            Prefetch("matches", visible_matches().select_related("body").order_by("-score")),
        )
        .order_by(F("deadline").asc(nulls_last=True), "title", "pk")
    )


def call_detail(*, pk: int) -> Call:
    """One call with its programme, areas, matches (bodies), projects and provenance."""
    return (
        Call.objects.select_related("programme")
        .prefetch_related(
            "areas",
            "fetches",
            Prefetch(
                "matches", CallMatch.objects.select_related("body").order_by("-score", "body__name")
            ),
            Prefetch("projects", Project.objects.prefetch_related("bodies").order_by("title")),
        )
        .get(pk=pk)
    )


def inbox(*, body: Body, status: str = "", include_closed: bool = False) -> list[CallMatch]:
    """A body's matched calls: new ones first, then by status and the nearest deadline.

    Calls whose deadline has passed are left out unless asked for.
    """
    today = timezone.localdate()
    qs = CallMatch.objects.filter(body=body).select_related("call__programme")
    qs = qs.filter(status=status) if status else qs.exclude(status=MatchStatus.NOT_RELEVANT)
    if not include_closed:
        qs = qs.filter(Q(call__deadline__gte=today) | Q(call__deadline__isnull=True))
    far = dt.date.max
    return sorted(
        qs, key=lambda m: (MATCH_ORDER[m.status], m.call.deadline or far, -m.score, m.call_id)
    )


def inbox_summary(*, body: Body) -> tuple[int, int]:
    """How many current calls a body's inbox holds, and how many of them are new (for the EU
    monitoring inbox to point to them)."""
    matches = inbox(body=body)
    return len(matches), sum(m.status == MatchStatus.NEW for m in matches)


def inbox_counts(*, today: dt.date | None = None) -> QuerySet[Body]:
    """Active bodies with the number of their current matched calls per status (no join with
    areas, so every match counts once)."""
    today = today or timezone.localdate()
    current = Q(funding_matches__call__deadline__gte=today) | Q(
        funding_matches__call__deadline__isnull=True
    )
    counts = {
        f"{status.value}_count": Count(
            "funding_matches", filter=Q(funding_matches__status=status.value) & current
        )
        for status in MatchStatus
    }
    return Body.objects.active_on().annotate(**counts).order_by("name")


def match_get(*, call_id: int, body_id: int) -> CallMatch:
    return CallMatch.objects.select_related("call", "body").get(call_id=call_id, body_id=body_id)


# --- Projects -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilters:
    query: str = ""
    status: str = ""
    programme: str = ""
    body_id: int | None = None


def project_list(filters: ProjectFilters) -> QuerySet[Project]:
    """Projects, filtered, the latest changed first, with programme, call and bodies."""
    qs = Project.objects.select_related("programme", "call")
    if filters.query:
        q = filters.query
        qs = qs.filter(
            Q(title__icontains=q) | Q(acronym__icontains=q) | Q(call__identifier__icontains=q)
        )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.programme:
        qs = qs.filter(programme__code=filters.programme)
    if filters.body_id:
        qs = qs.filter(bodies=filters.body_id)
    return qs.distinct().prefetch_related("bodies").order_by("-updated_at", "pk")


def project_detail(*, pk: int) -> Project:
    """One project with everything its page shows."""
    return (
        Project.objects.select_related("programme", "call", "responsible", "created_by")
        .prefetch_related(
            "bodies",
            "offices",
            Prefetch("partners", ProjectPartner.objects.order_by("role", "name")),
            Prefetch("periods", ReportingPeriod.objects.order_by("starts")),
            Prefetch("claims", PaymentClaim.objects.select_related("period").order_by("due")),
            Prefetch("documents", ProjectDocument.objects.order_by("-uploaded_at")),
            "results",
            Prefetch("item_links", ProjectItemLink.objects.order_by("meeting_date", "pk")),
        )
        .get(pk=pk)
    )


def project_bodies(*, user: AnyUser) -> QuerySet[Body]:
    """The active bodies a user may create projects for: all for coordinators, their own for
    officers, none for readers."""
    bodies = Body.objects.active_on().order_by("name")
    if permissions.can_manage(user):
        return bodies
    if permissions.role_of(user) != Role.OFFICER:
        return bodies.none()
    return bodies.filter(pk__in=permissions.member_ids(user)[0])


def project_offices(*, user: AnyUser) -> QuerySet[Office]:
    offices = Office.objects.active_on().order_by("name")
    if permissions.can_manage(user):
        return offices
    if permissions.role_of(user) != Role.OFFICER:
        return offices.none()
    return offices.filter(pk__in=permissions.member_ids(user)[1])


def may_create_project(user: AnyUser) -> bool:
    return project_bodies(user=user).exists() or project_offices(user=user).exists()


# --- For the committees' workspace and yearly indicators ------------------------------------------


@dataclass(frozen=True)
class BodyYear:
    """A body's EU-funding year: applications submitted, decisions, calls matched."""

    body_id: int
    applications: int
    granted: int
    rejected: int
    matched_calls: int


def body_year_counts(*, year: int, body_ids: Collection[int] | None = None) -> dict[int, BodyYear]:
    """Per body: applications submitted in the year, decisions (granted, rejected) made in the
    year, and calls matched to it whose deadline falls in the year. A project of several bodies
    counts for each. Three queries."""
    bodies = Body.objects.all() if body_ids is None else Body.objects.filter(pk__in=body_ids)
    ids = list(bodies.values_list("pk", flat=True))
    submitted = Counter(
        Project.objects.filter(bodies__in=ids, submitted_on__year=year).values_list(
            "bodies", flat=True
        )
    )
    decisions = Counter(
        Project.objects.filter(bodies__in=ids, decided_on__year=year).values_list(
            "bodies", "decision"
        )
    )
    matched = Counter(
        visible_matches()
        .filter(body_id__in=ids, call__deadline__year=year)
        .values_list("body_id", flat=True)
    )
    return {
        pk: BodyYear(
            body_id=pk,
            applications=submitted[pk],
            granted=decisions[(pk, Decision.GRANTED)],
            rejected=decisions[(pk, Decision.REJECTED)],
            matched_calls=matched[pk],
        )
        for pk in ids
    }


@dataclass(frozen=True)
class Todo:
    """Something a body has to do about EU funding, and by when."""

    kind: str  # "call", "report", "claim", "final_report", "decision"
    body_id: int
    title: str
    due: dt.date | None
    url_name: str
    pk: int


def needs_doing(
    *, body_ids: Collection[int], today: dt.date | None = None, days: int = 30
) -> list[Todo]:
    """What needs doing now: new calls in the inbox that close within ``days``, reports and
    payment claims due within ``days`` (or overdue) and not submitted, and granted projects not
    yet started. Four queries, ordered by date."""
    today = today or timezone.localdate()
    until = today + dt.timedelta(days=days)
    rows: list[Todo] = []
    for match in CallMatch.objects.filter(
        body_id__in=body_ids,
        status=MatchStatus.NEW,
        call__deadline__gte=today,
        call__deadline__lte=until,
    ).select_related("call"):
        rows.append(
            Todo(
                "call",
                match.body_id,
                match.call.display_title,
                match.call.deadline,
                "funding:call_detail",
                match.call_id,
            )
        )
    for due, title, body_id, project_id in ReportingPeriod.objects.filter(
        project__bodies__in=body_ids, report_due__lte=until, submitted_on__isnull=True
    ).values_list("report_due", "project__title", "project__bodies", "project_id"):
        rows.append(Todo("report", body_id, title, due, "funding:project_detail", project_id))
    for due, title, body_id, project_id in PaymentClaim.objects.filter(
        project__bodies__in=body_ids, due__lte=until, submitted_on__isnull=True
    ).values_list("due", "project__title", "project__bodies", "project_id"):
        rows.append(Todo("claim", body_id, title, due, "funding:project_detail", project_id))
    for pk, title, body_id, starts in Project.objects.filter(
        bodies__in=body_ids, status=ProjectStatus.GRANTED
    ).values_list("pk", "title", "bodies", "starts"):
        rows.append(Todo("start", body_id, title, starts, "funding:project_detail", pk))
    far = dt.date.max
    rows.sort(key=lambda t: (t.due or far, t.kind, t.title, t.body_id))
    return rows


def active_projects() -> QuerySet[Project]:
    """Projects granted and not yet closed."""
    return Project.objects.filter(status__in=AFTER_GRANT)
