"""What the relations register adds to the workspace, the yearly indicators and the annual
report: dates that need doing, new partners and activities, the counts of a body's relations,
and its partners. Registered in :class:`RelationsConfig.ready`."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence

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

from . import selectors
from .constants import ActivityKind
from .models import Activity, Agreement, Partner

SHOWN = 8
APP = gettext_lazy("International relations")
VISITS = (ActivityKind.VISIT_IN, ActivityKind.VISIT_OUT)


def _scope_url(scope: Scope) -> str:
    if len(scope.body_ids) == 1 and not scope.whole:
        return reverse("relations:body_overview", kwargs={"body_id": next(iter(scope.body_ids))})
    return reverse("relations:body_index")


def dates_due(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Overdue follow-ups and the renewal, notice and end dates of the coming 60 days."""
    rows = selectors.needs_doing(body_ids=scope.body_ids, today=today, within_days=60)
    if not rows:
        return None
    return Block(
        title=_("Dates in international relations"),
        url=_scope_url(scope),
        entries=[
            Entry(
                title=d.title,
                url=d.url,
                label=d.label,
                date=d.date,
                overdue=d.is_overdue(today),
            )
            for d in rows[:SHOWN]
        ],
        total=len(rows),
    )


def new_records(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Partners and activities registered since the moment."""
    changes = selectors.recent_changes(body_ids=scope.body_ids, since=since)
    if not changes:
        return None
    kinds = {"partner": _("New partner"), "activity": _("New activity")}
    return Block(
        title=_("New partners and activities"),
        url=_scope_url(scope),
        entries=[
            Entry(title=c.title, url=c.url, label=kinds.get(c.kind, c.kind), date=c.when.date())
            for c in changes[:SHOWN]
        ],
        total=len(changes),
    )


def _counts(body_ids: Collection[int], year: int) -> dict[int, selectors.YearCounts]:
    return selectors.body_year_counts(body_ids=body_ids, year=year)


def partners(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    counts = _counts(body_ids, year)
    total = Partner.objects.filter(status__in=selectors.CURRENT).count()
    return count_values(body_ids, {b: c.partners for b, c in counts.items()}, total)


def activities(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    counts = _counts(body_ids, year)
    total = Activity.objects.filter(starts__year=year).count()
    return count_values(body_ids, {b: c.activities for b, c in counts.items()}, total)


def visits(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    counts = _counts(body_ids, year)
    total = Activity.objects.filter(starts__year=year, kind__in=VISITS).count()
    return count_values(body_ids, {b: c.visits_in + c.visits_out for b, c in counts.items()}, total)


def agreements_signed(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    counts = _counts(body_ids, year)
    total = Agreement.objects.filter(signed__year=year).count()
    return count_values(body_ids, {b: c.agreements_signed for b, c in counts.items()}, total)


def partner_list(*, body_ids: Collection[int] | None, year: int) -> Sequence[Entry]:
    """The partners with a living relation: the bodies' own, or every one."""
    if body_ids is None:
        qs = Partner.objects.filter(status__in=selectors.CURRENT).order_by("name_key", "pk")
    else:
        qs = selectors.body_partners(body_ids=body_ids).filter(status__in=selectors.CURRENT)
    return [
        Entry(
            title=p.display_name,
            url=p.get_absolute_url(),
            label=str(p.get_kind_display()),
            detail=p.country_name or "",
        )
        for p in qs
    ]


def register() -> None:
    register_block("relations.dates", Section.TODO, 40, dates_due)
    register_block("relations.new", Section.CHANGES, 40, new_records)
    definitions = [
        (
            "relations.partners",
            gettext_lazy("Partners with a living relation"),
            gettext_lazy(
                "The number of partners the body is responsible for whose relation is active, "
                "being built up or dormant (not ended), as the register stands when computed."
            ),
            partners,
        ),
        (
            "relations.activities",
            gettext_lazy("International activities"),
            gettext_lazy(
                "The number of the body's activities with partners (visits, delegations, study "
                "visits, network meetings, joint events and projects) that began in the year."
            ),
            activities,
        ),
        (
            "relations.visits",
            gettext_lazy("Incoming and outgoing visits"),
            gettext_lazy("Of those activities, the incoming and outgoing visits."),
            visits,
        ),
        (
            "relations.agreements_signed",
            gettext_lazy("Agreements signed"),
            gettext_lazy(
                "The number of agreements the body is responsible for signed in the year."
            ),
            agreements_signed,
        ),
    ]
    for order, (key, name, definition, query) in enumerate(definitions, start=40):
        register_indicator(
            Indicator(
                key=key,
                name=name,
                definition=definition,
                unit=Unit.COUNT,
                app=APP,
                query=query,
                order=order,
                goals=("relations",),
            )
        )
    register_report_list("relations.partners", gettext_lazy("Partners"), 40, partner_list)
