"""What EU analysis adds to the workspace and the yearly indicators: new agenda items with EU
influence, failed imports for the coordinator, the first import while there is none, and the
share of a body's agenda items shaped by the EU. Registered in :class:`MeetingsConfig.ready`."""

from __future__ import annotations

import datetime
from collections.abc import Collection

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
    share_values,
)

from .constants import EUCode, ImportStatus
from .models import AgendaItem, ImportBatch, Meeting
from .statistics import Counts, StatsFilters, stats_by_body, stats_total

SHOWN = 8
APP = gettext_lazy("EU analysis")


def new_eu_items(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Agenda items with EU influence from meetings imported since the moment."""
    items = AgendaItem.objects.filter(
        superseded=False,
        eu__in=[EUCode.LEGAL, EUCode.POLICY],
        meeting__created_at__gte=since,
    )
    if not scope.whole:
        items = items.filter(meeting__body_id__in=scope.body_ids)
    total = items.count()
    if not total:
        return None
    rows = list(
        items.select_related("meeting__body")
        .defer("text")
        .order_by("-meeting__date", "meeting__body__name", "position")[:SHOWN]
    )
    return Block(
        title=_("New agenda items with EU influence"),
        url=reverse("meetings:item_list") + "?eu=legal",
        entries=[
            Entry(
                title=item.title,
                url=reverse("meetings:item_detail", kwargs={"pk": item.pk}),
                label=f"{item.meeting.body.short_name} § {item.number}"
                if item.number
                else item.meeting.body.short_name,
                date=item.meeting.date,
                detail=str(EUCode(item.eu).label),
            )
            for item in rows[:SHOWN]
        ],
        total=total,
    )


def failed_imports(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """Imports of the last 30 days that failed."""
    failed = ImportBatch.objects.filter(
        status=ImportStatus.FAILED, created_at__date__gte=today - datetime.timedelta(days=30)
    ).order_by("-created_at")
    total = failed.count()
    if not total:
        return None
    rows = list(failed[:SHOWN])
    return Block(
        title=_("Imports that failed"),
        url=reverse("meetings:import"),
        entries=[
            Entry(
                title=_("Import of %(when)s") % {"when": f"{batch.created_at:%Y-%m-%d %H:%M}"},
                url=reverse("meetings:import_detail", kwargs={"pk": batch.pk}),
                detail=batch.error[:200],
            )
            for batch in rows[:SHOWN]
        ],
        total=total,
    )


def first_import(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """While no meeting is imported: where to begin."""
    if Meeting.objects.exists():
        return None
    return Block(
        title=_("Import agendas and minutes"),
        url=reverse("meetings:import"),
        entries=[
            Entry(
                title=_("Import the council's and the committees' agendas and minutes"),
                url=reverse("meetings:import"),
                detail=_(
                    "Each agenda item is coded for EU law, EU policy and EU funding; the "
                    "workspace then shows the new items with EU influence and each body's share."
                ),
            )
        ],
    )


def _by_body(year: int, body_ids: Collection[int]) -> tuple[dict[int, Counts], Counts]:
    """The year's counts of the bodies' items and of every item (two grouped queries)."""
    filters = StatsFilters(year_from=year, year_to=year)
    wanted = set(body_ids)
    rows = {int(r.key): r.all for r in stats_by_body(filters) if int(r.key) in wanted}
    return rows, stats_total(filters).all


def eu_share(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    rows, total = _by_body(year, body_ids)
    return share_values(
        body_ids,
        {b: c.eu for b, c in rows.items()},
        {b: c.items for b, c in rows.items()},
        (total.eu, total.items),
    )


def funding_items(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    rows, total = _by_body(year, body_ids)
    return count_values(
        body_ids,
        {b: c.funding for b, c in rows.items()},
        total.funding,
    )


def register() -> None:
    register_block("meetings.new_eu_items", Section.CHANGES, 20, new_eu_items)
    register_block("meetings.failed_imports", Section.ATTENTION, 20, failed_imports)
    register_block("meetings.first_import", Section.START, 20, first_import)
    register_indicator(
        Indicator(
            key="meetings.eu_share",
            name=gettext_lazy("Agenda items with EU influence"),
            definition=gettext_lazy(
                "The share of the body's agenda items, in meetings held in the year, whose "
                "coding (reviewed, else the engine's) is EU law or EU policy. Items the minutes "
                "supersede are counted once."
            ),
            unit=Unit.PERCENT,
            app=APP,
            query=eu_share,
            order=10,
            goals=("eu", "monitoring_influence"),
        )
    )
    register_indicator(
        Indicator(
            key="meetings.funding_items",
            name=gettext_lazy("Agenda items on EU funding"),
            definition=gettext_lazy(
                "The number of the body's agenda items, in meetings held in the year, that "
                "concern EU funds or programmes."
            ),
            unit=Unit.COUNT,
            app=APP,
            query=funding_items,
            order=15,
            goals=("eu",),
        )
    )
