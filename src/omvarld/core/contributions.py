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
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
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
