"""The workspace: the start page of a committee or office ("Min nämnd", "Mitt kontor") and of
the coordinator, composed of what the installed apps register in :mod:`.contributions`.

A person sees one scope at a time and switches between their bodies and offices, or the whole
municipality; coordinators start there and also see what needs them. Each section asks every
registered provider once for the scope, so the number of queries does not grow with the number
of bodies or rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from omvarld.organisation.models import Body, Office

from . import permissions
from .contributions import (
    AnyUser,
    Block,
    Scope,
    Section,
    indicator_values,
    indicators,
    workspace_blocks,
)
from .formatting import format_value

#: Changes count from this many days back.
CHANGES_DAYS = 14


@dataclass(frozen=True)
class ScopeChoice:
    label: str
    url: str
    kind: str
    selected: bool


@dataclass(frozen=True)
class FigureRow:
    name: str | Promise
    definition: str | Promise
    cells: list[str]


@dataclass
class Workspace:
    title: str
    scope: Scope
    choices: list[ScopeChoice]
    today: datetime.date
    since: datetime.datetime
    todo: list[Block] = field(default_factory=list)
    changes: list[Block] = field(default_factory=list)
    figure_columns: list[str] = field(default_factory=list)
    figure_rows: list[FigureRow] = field(default_factory=list)
    figures: list[Block] = field(default_factory=list)
    attention: list[Block] = field(default_factory=list)
    start: list[Block] = field(default_factory=list)
    problem: str = ""
    body: Body | None = None


def _choices(
    bodies: list[Body], offices: list[Office], selected: tuple[str, str]
) -> list[ScopeChoice]:
    rows = [
        ScopeChoice(
            b.name,
            "?" + urlencode({"organ": b.short_name}),
            "body",
            selected == ("organ", b.short_name),
        )
        for b in bodies
    ]
    rows += [
        ScopeChoice(
            o.name,
            "?" + urlencode({"kontor": o.short_name}),
            "office",
            selected == ("kontor", o.short_name),
        )
        for o in offices
    ]
    rows.append(
        ScopeChoice(_("The whole municipality"), "?alla=1", "whole", selected == ("alla", ""))
    )
    return rows


def workspace_for(
    user: AnyUser, params: QueryDict, *, today: datetime.date | None = None
) -> Workspace:
    """The workspace the user asked for (``organ``, ``kontor`` or ``alla`` in the query), or
    their default: the whole municipality for a coordinator, else their first body or office."""
    today = today or timezone.localdate()
    body_ids, office_ids = permissions.member_ids(user)
    bodies = list(Body.objects.filter(pk__in=body_ids).order_by("name"))
    offices = list(
        Office.objects.filter(pk__in=office_ids).prefetch_related("bodies").order_by("name")
    )
    problem = ""
    wanted: tuple[str, str] | None = None
    if params.get("alla"):
        wanted = ("alla", "")
    elif short := params.get("organ"):
        wanted = ("organ", short)
    elif short := params.get("kontor"):
        wanted = ("kontor", short)

    body: Body | None = None
    office: Office | None = None
    if wanted and wanted[0] == "organ":
        body = next((b for b in bodies if b.short_name == wanted[1]), None)
        if body is None:
            body = Body.objects.filter(short_name=wanted[1]).first()
    elif wanted and wanted[0] == "kontor":
        office = next((o for o in offices if o.short_name == wanted[1]), None)
        if office is None:
            office = Office.objects.filter(short_name=wanted[1]).prefetch_related("bodies").first()
    if wanted and wanted[0] != "alla" and body is None and office is None:
        problem = _("There is no body or office with that short name; your start page is shown.")
        wanted = None
    if wanted is None:
        if not permissions.is_coordinator(user) and bodies:
            body = bodies[0]
        elif not permissions.is_coordinator(user) and offices:
            office = offices[0]

    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=CHANGES_DAYS), datetime.time())
    )
    if body is not None:
        scope = Scope(body_ids=frozenset({body.pk}))
        title = _("My committee: %(name)s") % {"name": body.name}
        selected = ("organ", body.short_name)
        columns = [(body.pk, body.short_name)]
    elif office is not None:
        served = sorted(office.bodies.all(), key=lambda b: b.name)
        scope = Scope(body_ids=frozenset(b.pk for b in served), office_ids=frozenset({office.pk}))
        title = _("My office: %(name)s") % {"name": office.name}
        selected = ("kontor", office.short_name)
        columns = [(b.pk, b.short_name) for b in served]
    else:
        all_ids = frozenset(Body.objects.active_on(today).values_list("pk", flat=True))
        scope = Scope(body_ids=all_ids, whole=True)
        title = _("The whole municipality")
        selected = ("alla", "")
        columns = []

    space = Workspace(
        title=title,
        scope=scope,
        choices=_choices(bodies, offices, selected),
        today=today,
        since=since,
        problem=problem,
        body=body,
    )
    blocks = {
        section: workspace_blocks(section, scope=scope, today=today, since=since)
        for section in Section
        if section != Section.ATTENTION or permissions.is_coordinator(user)
    }
    space.todo = blocks[Section.TODO]
    space.changes = blocks[Section.CHANGES]
    space.figures = blocks[Section.FIGURES]
    space.attention = blocks.get(Section.ATTENTION, [])
    space.start = blocks[Section.START]
    _figures(space, columns, today)
    return space


def _figures(space: Workspace, columns: list[tuple[int, str]], today: datetime.date) -> None:
    """This year's indicators for the scope: a column per body, or the whole municipality."""
    registered = indicators()
    if not registered:
        return
    values = indicator_values(body_ids=[pk for pk, _name in columns], year=today.year, today=today)
    if columns:
        space.figure_columns = [name for _pk, name in columns]
    else:
        space.figure_columns = [_("The whole municipality")]
    for indicator in registered:
        v = values[indicator.key]
        measures = [v.by_body[pk] for pk, _name in columns] if columns else [v.total]
        space.figure_rows.append(
            FigureRow(
                indicator.name,
                indicator.definition,
                [format_value(m.value, indicator.unit) for m in measures],
            )
        )
