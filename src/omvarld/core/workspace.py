"""The workspace: the start page of a committee or office ("Min nämnd", "Mitt kontor") and of
the coordinator, composed of what the installed apps register in :mod:`.contributions`.

A person sees one scope at a time and switches between their bodies and offices, or the whole
municipality (the scopes come from the registered source, the organisation's); coordinators start
with the whole municipality and also see what needs them. Each section asks every registered
provider once for the scope, so the number of queries does not grow with bodies or rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from . import permissions
from .contributions import (
    AnyUser,
    Block,
    Scope,
    ScopeOption,
    Section,
    indicator_values,
    indicators,
    scope_choices,
    workspace_blocks,
)
from .formatting import format_value

#: Changes count from this many days back.
CHANGES_DAYS = 14
PARAMS = ("organ", "kontor", "alla")


@dataclass(frozen=True)
class ScopeLink:
    label: str
    url: str
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
    choices: list[ScopeLink]
    today: datetime.date
    todo: list[Block] = field(default_factory=list)
    changes: list[Block] = field(default_factory=list)
    figure_columns: list[str] = field(default_factory=list)
    figure_rows: list[FigureRow] = field(default_factory=list)
    figures: list[Block] = field(default_factory=list)
    attention: list[Block] = field(default_factory=list)
    start: list[Block] = field(default_factory=list)
    problem: str = ""


def _wanted(params: QueryDict) -> tuple[str, str] | None:
    for param in PARAMS:
        if value := params.get(param):
            return param, value
    return None


def _chosen(
    user: AnyUser, today: datetime.date, params: QueryDict
) -> tuple[ScopeOption, list[ScopeLink], str]:
    """The scope to draw, the links to switch, and a problem with the address (or "")."""
    wanted = _wanted(params)
    choices = scope_choices(user=user, today=today, wanted=wanted)
    whole = ScopeOption(
        "alla",
        "1",
        _("The whole municipality"),
        _("The whole municipality"),
        Scope(body_ids=frozenset(), whole=True),
    )
    own: list[ScopeOption] = []
    asked = None
    if choices is not None:
        whole, own, asked = choices.whole, choices.own, choices.asked
    problem = ""
    chosen: ScopeOption | None = None
    if wanted is not None:
        if wanted[0] == "alla":
            chosen = whole
        else:
            chosen = next((o for o in own if (o.param, o.value) == wanted), asked)
            if chosen is None:
                problem = _(
                    "There is no body or office with that short name; your start page is shown."
                )
    if chosen is None:
        chosen = whole if permissions.is_coordinator(user) or not own else own[0]
    links = [ScopeLink(o.label, f"?{o.param}={o.value}", o is chosen) for o in [*own, whole]]
    return chosen, links, problem


def workspace_for(
    user: AnyUser, params: QueryDict, *, today: datetime.date | None = None
) -> Workspace:
    """The workspace the user asked for (``organ``, ``kontor`` or ``alla`` in the address), or
    their default: the whole municipality for a coordinator, else their first body or office."""
    today = today or timezone.localdate()
    chosen, links, problem = _chosen(user, today, params)
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=CHANGES_DAYS), datetime.time())
    )
    space = Workspace(
        title=chosen.title, scope=chosen.scope, choices=links, today=today, problem=problem
    )
    blocks = {
        section: workspace_blocks(section, scope=chosen.scope, today=today, since=since)
        for section in Section
        if section != Section.ATTENTION or permissions.is_coordinator(user)
    }
    space.todo = blocks[Section.TODO]
    space.changes = blocks[Section.CHANGES]
    space.figures = blocks[Section.FIGURES]
    space.attention = blocks.get(Section.ATTENTION, [])
    space.start = blocks[Section.START]
    if chosen.columns or chosen.scope.whole:
        _figures(space, list(chosen.columns), today)
    return space


def _figures(space: Workspace, columns: list[tuple[int, str]], today: datetime.date) -> None:
    """This year's indicators for the scope: a column per body, or the whole municipality."""
    registered = indicators()
    if not registered:
        return
    values = indicator_values(body_ids=[pk for pk, _name in columns], year=today.year, today=today)
    space.figure_columns = (
        [name for _pk, name in columns] if columns else [_("The whole municipality")]
    )
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
