"""The one small interface through which a feature app adds to what the whole platform shows.

The platform's shared pages (the menu, a body's deadlines with their calendar and news feeds, the
weekly digest) are composed of what each installed app contributes, so that an app can be added or
left out without another app knowing it. An app registers its contributions once, in its
``AppConfig.ready()``; ``core`` never imports a feature app.

- :func:`register_nav`: an entry in the main menu, shown to the roles that may use it.
- :func:`register_deadlines`: a provider of dated steps that concern bodies (a feedback window
  closing, an agreement's notice date, a call's deadline, a trip report due). The deadlines page,
  its iCalendar and news feeds and the digest read every provider through :func:`deadlines_for`.
- :func:`register_task_label`: the name, in plain Swedish, under which a background task is shown
  on the task page.
- :func:`register_reference_data`: a loader of an app's versioned data files (the knowledge base,
  the organisation, an app's default data). ``manage.py load_reference_data``, its task and the
  first ``make run`` call every loader in order through :func:`reference_data_loaders`.
- :func:`register_recovery`: a function that finds the app's long work left unfinished by a
  process that stopped (a killed worker or command) and resumes it or marks it failed with the
  reason. Every task worker runs them all every few seconds (``manage.py worker``).
- :func:`register_block`: a block of the workspace, the start page of a committee or office
  ("Min nämnd", "Mitt kontor") and of the coordinator: what needs doing now, what changed, the
  figures, and what needs the coordinator. The start page draws whatever is registered.
- :func:`register_indicator`: an indicator of the yearly follow-up, defined once (name,
  definition, unit, query, supplying app) and computed from what the app holds, never typed.
- :func:`register_report_list`: a list of the annual follow-up report (initiatives acted on,
  partners, trips, projects) for some bodies or the whole municipality and a year.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.functional import Promise

AnyUser = AbstractBaseUser | AnonymousUser


# --- The main menu ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NavEntry:
    """One entry of the main menu: a label, the URL name it leads to and who sees it.

    ``order`` places it (lower first); ``visible`` is a predicate of the user, so a menu shows only
    what a role can use.
    """

    key: str
    label: str | Promise
    url_name: str
    order: int
    visible: Callable[[AnyUser], bool]


_nav: dict[str, NavEntry] = {}


def register_nav(entry: NavEntry) -> None:
    """Add (or replace, by key) an entry of the main menu."""
    _nav[entry.key] = entry


def nav_entries(user: AnyUser) -> list[NavEntry]:
    """The menu entries the user may see, in their order."""
    return sorted(
        (entry for entry in _nav.values() if entry.visible(user)), key=lambda e: (e.order, e.key)
    )


# --- Deadlines ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyDeadline:
    """A dated step that concerns one body, as any app reports it.

    ``uid`` is stable, so the same step has the same identifier in every calendar download;
    ``source`` names the part of the platform it comes from ("EU-bevakning", "Internationella
    relationer"); ``starts`` is set for a step with an opening date (a feedback window, a call);
    ``done`` says the body has already acted on it (answered, renewed, submitted), so an overdue
    step that is done is no reminder; ``action_needed`` is False for a step that asks nothing of
    the body (a stage an EU initiative reaches, a window that has closed): it is shown, never
    marked done or overdue.
    """

    uid: str
    date: datetime.date
    title: str
    label: str
    body_id: int
    url: str
    source: str
    external_url: str = ""
    starts: datetime.date | None = None
    done: bool = False
    detail: str = ""
    action_needed: bool = True
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def days_left(self, today: datetime.date) -> int:
        return (self.date - today).days

    def is_overdue(self, today: datetime.date) -> bool:
        return self.action_needed and self.date < today and not self.done


class DeadlineProvider(Protocol):
    """Returns the steps of the given bodies dated between the two dates (inclusive).

    A provider must answer in a fixed number of queries, however many bodies and rows.
    """

    def __call__(
        self,
        *,
        body_ids: Collection[int],
        date_from: datetime.date,
        date_to: datetime.date,
        today: datetime.date,
    ) -> Iterable[BodyDeadline]: ...


@dataclass(frozen=True)
class _Provider:
    key: str
    label: str | Promise
    provide: DeadlineProvider


_deadline_providers: dict[str, _Provider] = {}


def register_deadlines(key: str, label: str | Promise, provider: DeadlineProvider) -> None:
    """Add (or replace, by key) a source of deadlines; ``label`` names it in filters."""
    _deadline_providers[key] = _Provider(key, label, provider)


def deadline_sources() -> list[tuple[str, str | Promise]]:
    """The registered sources of deadlines as (key, label), in the order of registration."""
    return [(p.key, p.label) for p in _deadline_providers.values()]


def deadlines_for(
    *,
    body_ids: Collection[int],
    date_from: datetime.date,
    date_to: datetime.date,
    today: datetime.date,
    sources: Collection[str] | None = None,
) -> list[BodyDeadline]:
    """Every registered source's deadlines of the bodies between the dates, ordered by date.

    ``sources`` limits the answer to some providers by key; None asks them all.
    """
    rows: list[BodyDeadline] = []
    for provider in _deadline_providers.values():
        if sources is not None and provider.key not in sources:
            continue
        rows.extend(
            provider.provide(body_ids=body_ids, date_from=date_from, date_to=date_to, today=today)
        )
    rows.sort(key=lambda d: (d.date, d.title, d.body_id, d.uid))
    return rows


# --- Background tasks ---------------------------------------------------------------------------

_task_labels: dict[str, str | Promise] = {}


def register_task_label(task: object, label: str | Promise) -> None:
    """Name a background task (a ``django_tasks`` task) for the people who read the task page."""
    _task_labels[str(getattr(task, "module_path", task))] = label


def task_label(task_path: str) -> str | Promise | None:
    """The name a task was registered under; None for a task no app named."""
    return _task_labels.get(task_path)


# --- Reference data ------------------------------------------------------------------------------


class ReferenceDataError(Exception):
    """A data file cannot be loaded; the message names the file and the entry, in Swedish."""


class ReferenceDataLoader(Protocol):
    """Loads an app's data files, from ``path`` or from the files the app ships (None).

    Atomic and idempotent; returns what it did (counts), as plain JSON values. Raises
    :class:`ReferenceDataError` (or a subclass) for a file it cannot load.
    """

    def __call__(self, *, path: Path | None) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class ReferenceData:
    key: str
    order: int
    load: ReferenceDataLoader


_reference_data: dict[str, ReferenceData] = {}


def register_reference_data(key: str, order: int, load: ReferenceDataLoader) -> None:
    """Add (or replace, by key) a loader; lower ``order`` loads first (what others refer to)."""
    _reference_data[key] = ReferenceData(key, order, load)


def reference_data_loaders() -> list[ReferenceData]:
    """The registered loaders in the order they must run."""
    return sorted(_reference_data.values(), key=lambda r: (r.order, r.key))


# --- Recovery of work left unfinished -------------------------------------------------------------

#: A recovery returns how many records it resumed or failed (for the worker's log).
Recovery = Callable[[], int]
_recoveries: dict[str, Recovery] = {}


def register_recovery(key: str, recover: Recovery) -> None:
    """Add (or replace, by key) a recovery of work that a stopped process left unfinished.

    It must be idempotent and quick when there is nothing to do: every worker calls it often.
    """
    _recoveries[key] = recover


def recoveries() -> list[tuple[str, Recovery]]:
    """The registered recoveries as (key, function), in the order of registration."""
    return list(_recoveries.items())


# --- The workspace -----------------------------------------------------------------------------


class Section(StrEnum):
    """The parts of a workspace, in the order the start page shows them."""

    TODO = "todo"  # what needs doing now
    CHANGES = "changes"  # what changed lately
    FIGURES = "figures"  # the figures
    ATTENTION = "attention"  # what needs the coordinator (shown to coordinators only)
    START = "start"  # first steps, while a register is still empty


@dataclass(frozen=True)
class Scope:
    """Whose workspace is drawn: some bodies and offices, or the whole municipality.

    For an office, ``body_ids`` holds the bodies it serves. For the whole municipality
    (``whole``), ``body_ids`` holds every active body, and a provider may also count what
    belongs to no body.
    """

    body_ids: frozenset[int]
    office_ids: frozenset[int] = frozenset()
    whole: bool = False


@dataclass(frozen=True)
class ScopeOption:
    """One workspace a person can switch to: a body, an office or the whole municipality.

    ``param`` and ``value`` make its address (``?organ=KFN``); ``columns`` are the bodies whose
    figures it shows, as (id, short name); ``title`` heads the page ("Min nämnd: …").
    """

    param: str
    value: str
    label: str
    title: str
    scope: Scope
    columns: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class ScopeChoices:
    """The person's own workspaces (their bodies and offices, then the whole municipality), and
    the one asked for by address when it is none of those (None when it does not exist)."""

    own: list[ScopeOption]
    whole: ScopeOption
    asked: ScopeOption | None = None


class ScopeSource(Protocol):
    """Gives a person's workspaces; ``wanted`` is the address's (param, value), if any."""

    def __call__(
        self, *, user: AnyUser, today: datetime.date, wanted: tuple[str, str] | None
    ) -> ScopeChoices: ...


_scope_source: list[ScopeSource] = []


def register_scopes(source: ScopeSource) -> None:
    """Set the source of workspaces (the organisation app's: bodies and offices)."""
    _scope_source[:] = [source]


def scope_choices(
    *, user: AnyUser, today: datetime.date, wanted: tuple[str, str] | None
) -> ScopeChoices | None:
    """A person's workspaces from the registered source; None when no source is registered."""
    return _scope_source[0](user=user, today=today, wanted=wanted) if _scope_source else None


@dataclass(frozen=True)
class Entry:
    """One line of a block or a report list: what, where it leads, and when."""

    title: str
    url: str
    label: str = ""
    date: datetime.date | None = None
    detail: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | str
    url: str = ""


@dataclass(frozen=True)
class Block:
    """What one app shows in one section of a workspace. ``url`` is the page it leads to;
    ``total`` says how many there are when the block shows only the first ones."""

    title: str
    url: str
    entries: Sequence[Entry] = ()
    figures: Sequence[Figure] = ()
    total: int | None = None
    key: str = ""

    @property
    def more(self) -> int:
        return max((self.total or 0) - len(self.entries), 0)


class BlockProvider(Protocol):
    """A block for the scope, or None when there is nothing to show (the block is then absent).

    ``since`` is the moment from which changes count. A provider answers in a fixed number of
    queries, however many bodies the scope holds and however many rows.
    """

    def __call__(
        self, *, scope: Scope, today: datetime.date, since: datetime.datetime
    ) -> Block | None: ...


@dataclass(frozen=True)
class _BlockEntry:
    key: str
    section: Section
    order: int
    provide: BlockProvider


_blocks: dict[str, _BlockEntry] = {}


def register_block(key: str, section: Section, order: int, provider: BlockProvider) -> None:
    """Add (or replace, by key) a block of a workspace section; lower ``order`` comes first."""
    _blocks[key] = _BlockEntry(key, section, order, provider)


def workspace_blocks(
    section: Section, *, scope: Scope, today: datetime.date, since: datetime.datetime
) -> list[Block]:
    """The blocks of one section that have something to show, in their order."""
    blocks = []
    for entry in sorted(_blocks.values(), key=lambda b: (b.order, b.key)):
        if entry.section != section:
            continue
        block = entry.provide(scope=scope, today=today, since=since)
        if block is not None:
            blocks.append(replace(block, key=entry.key))
    return blocks


# --- Indicators ---------------------------------------------------------------------------------


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    SEK = "sek"


def percent(part: int, whole: int) -> float | None:
    """A share in per cent with one decimal, rounded half up; None when there is no base."""
    if not whole:
        return None
    return float((Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


@dataclass(frozen=True)
class Measure:
    """An indicator's value for one body, or the whole municipality, in one year.

    For a share, ``value`` is the percentage and ``base`` the number it is a share of; a share
    without a base has the value None ("no basis"), never 0.
    """

    value: int | float | None
    base: int | None = None

    @classmethod
    def share(cls, part: int, whole: int) -> Measure:
        return cls(percent(part, whole), whole)


@dataclass(frozen=True)
class Values:
    """An indicator's values: per body asked for, and for the whole municipality (everything
    the app holds, each record counted once, including what belongs to no body)."""

    by_body: Mapping[int, Measure]
    total: Measure


def count_values(body_ids: Collection[int], counts: Mapping[int, int], total: int) -> Values:
    """Values of a counting indicator from a per-body count (bodies absent count 0)."""
    return Values({b: Measure(counts.get(b, 0)) for b in body_ids}, Measure(total))


def share_values(
    body_ids: Collection[int],
    parts: Mapping[int, int],
    wholes: Mapping[int, int],
    total: tuple[int, int],
) -> Values:
    """Values of a share indicator from per-body parts and wholes and the total (part, whole)."""
    return Values(
        {b: Measure.share(parts.get(b, 0), wholes.get(b, 0)) for b in body_ids},
        Measure.share(*total),
    )


class IndicatorQuery(Protocol):
    """Computes an indicator for the bodies and the whole municipality in a year, in a fixed
    number of queries however many bodies. ``today`` bounds what has happened yet."""

    def __call__(self, *, body_ids: Collection[int], year: int, today: datetime.date) -> Values: ...


@dataclass(frozen=True)
class Indicator:
    """An indicator, defined once: its name, definition, unit, query and supplying app.

    ``goals`` are codes of the programme goals it follows (the plans app shows it under them).
    """

    key: str
    name: str | Promise
    definition: str | Promise
    unit: Unit
    app: str | Promise
    query: IndicatorQuery
    order: int
    goals: tuple[str, ...] = ()


_indicators: dict[str, Indicator] = {}


def register_indicator(indicator: Indicator) -> None:
    """Add (or replace, by key) an indicator; an app that is not installed registers none."""
    _indicators[indicator.key] = indicator


def indicators() -> list[Indicator]:
    """Every registered indicator, in its order."""
    return sorted(_indicators.values(), key=lambda i: (i.order, i.key))


def indicator_values(
    *, body_ids: Collection[int], year: int, today: datetime.date
) -> dict[str, Values]:
    """Every registered indicator's values for the bodies and the year, by key."""
    return {i.key: i.query(body_ids=body_ids, year=year, today=today) for i in indicators()}


# --- Lists of the annual report -----------------------------------------------------------------


class ReportListProvider(Protocol):
    """The records of a year for the bodies (``None``: the whole municipality), in a fixed
    number of queries."""

    def __call__(self, *, body_ids: Collection[int] | None, year: int) -> Sequence[Entry]: ...


@dataclass(frozen=True)
class ReportList:
    key: str
    title: str | Promise
    order: int
    provide: ReportListProvider


_report_lists: dict[str, ReportList] = {}


def register_report_list(
    key: str, title: str | Promise, order: int, provider: ReportListProvider
) -> None:
    """Add (or replace, by key) a list of the annual follow-up report."""
    _report_lists[key] = ReportList(key, title, order, provider)


def report_lists() -> list[ReportList]:
    """The registered lists of the annual report, in their order."""
    return sorted(_report_lists.values(), key=lambda r: (r.order, r.key))
