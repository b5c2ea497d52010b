"""Swedish full-text search for any model, behind one interface.

An app registers a model's text fields once, in its ``AppConfig.ready()``::

    ITEMS = TextIndex(name="meetings_item", model="meetings.AgendaItem", fields=("title", "text"))
    register_text_index(ITEMS)

and creates the index in a migration with ``migrations.RunPython(*text_index_migration(ITEMS))``.
:func:`text_search` then filters any queryset of that model by the words of a query: every word
must occur, as a word or a word's beginning ("avfall" finds "avfallstaxa").

- PostgreSQL (production): ``SearchVector``/``SearchQuery`` with the ``swedish`` configuration,
  and a GIN index built by the ORM from the same ``SearchVector``, so the planner uses it.
- SQLite (the default of ``make run``): an FTS5 table kept in step by triggers. Their SQL is
  written here and nowhere else; SQLite drops triggers when a migration rebuilds a table, so
  :func:`text_indexes_ensure` (run after every ``migrate``) puts missing ones back.
- Any other database: a case-insensitive match per word, without an index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models.expressions import RawSQL

M = TypeVar("M", bound=models.Model)

_WORD = re.compile(r"\w+", re.UNICODE)
#: Table, trigger and column names are written into SQL, so they must be plain identifiers.
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class TextIndex:
    """The searchable text fields of one model.

    ``name`` is the stem of the database objects: the FTS5 table ``<name>_fts`` and its triggers
    on SQLite, the GIN index ``<name>_search_sv`` on PostgreSQL. ``model`` is an app label and
    model name ("meetings.AgendaItem"); ``config`` the PostgreSQL text-search configuration.
    """

    name: str
    model: str
    fields: tuple[str, ...]
    config: str = "swedish"

    def __post_init__(self) -> None:
        for identifier in (self.name, *self.fields):
            if not _IDENTIFIER.fullmatch(identifier):
                raise ValueError(f"not a plain SQL identifier: {identifier!r}")

    @property
    def fts_table(self) -> str:
        return f"{self.name}_fts"

    @property
    def gin_index(self) -> str:
        return f"{self.name}_search_sv"

    def vector(self) -> SearchVector:
        return SearchVector(*self.fields, config=self.config)


_indexes: dict[str, TextIndex] = {}


def register_text_index(index: TextIndex) -> None:
    """Make ``index`` the one :func:`text_search` uses for its model (by model label)."""
    _indexes[index.model.lower()] = index


def text_indexes() -> list[TextIndex]:
    return list(_indexes.values())


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, without operators or punctuation (at most 12)."""
    return [w.lower() for w in _WORD.findall(query)][:12]


def text_search(queryset: models.QuerySet[M], query: str) -> models.QuerySet[M]:
    """The rows of ``queryset`` whose indexed text holds every word of ``query`` (as a prefix)."""
    terms = search_terms(query)
    if not terms:
        return queryset
    index = _indexes[queryset.model._meta.label_lower]
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        wanted = SearchQuery(
            " & ".join(f"{t}:*" for t in terms), search_type="raw", config=index.config
        )
        found: models.QuerySet[M] = queryset.alias(_text=index.vector()).filter(_text=wanted)
        return found
    if vendor == "sqlite":
        match = " ".join(f'"{t}"*' for t in terms)
        fts = index.fts_table
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match])  # noqa: S608, S611
        )
    for term in terms:
        words = models.Q()
        for name in index.fields:
            words |= models.Q(**{f"{name}__icontains": term})
        queryset = queryset.filter(words)
    return queryset


# --- The database objects ----------------------------------------------------------------------


def sqlite_triggers(index: TextIndex, table: str) -> dict[str, str]:
    """The triggers that keep the FTS5 table of ``index`` in step with the model's ``table``.

    Every name in them is a checked identifier of the index or Django's own table name.
    """
    fts, columns = index.fts_table, ", ".join(index.fields)
    new = ", ".join(f"new.{f}" for f in index.fields)
    old = ", ".join(f"old.{f}" for f in index.fields)
    return {
        f"{fts}_insert": f"""CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
        INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});
    END""",  # noqa: S608
        f"{fts}_delete": f"""CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
        INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {old});
    END""",  # noqa: S608
        f"{fts}_update": f"""CREATE TRIGGER {fts}_update AFTER UPDATE OF {columns} ON {table}
    BEGIN
        INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {old});
        INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});
    END""",  # noqa: S608
    }


def _sqlite_create(index: TextIndex, table: str) -> list[str]:
    fts, columns = index.fts_table, ", ".join(index.fields)
    return [
        f"""CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='{table}',
        content_rowid='id', tokenize="unicode61 remove_diacritics 0")""",
        *sqlite_triggers(index, table).values(),
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
    ]


def _sqlite_drop(index: TextIndex) -> list[str]:
    fts = index.fts_table
    return [f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("update", "delete", "insert")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def _gin_index(index: TextIndex) -> GinIndex:
    return GinIndex(index.vector(), name=index.gin_index)


def text_index_create(
    index: TextIndex, schema_editor: BaseDatabaseSchemaEditor, apps: Apps
) -> None:
    """Create the database objects of ``index`` (in a migration, or a test's own model)."""
    model = apps.get_model(index.model)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(model, _gin_index(index))
    elif vendor == "sqlite":
        for sql in _sqlite_create(index, model._meta.db_table):
            schema_editor.execute(sql)


def text_index_drop(index: TextIndex, schema_editor: BaseDatabaseSchemaEditor, apps: Apps) -> None:
    model = apps.get_model(index.model)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.remove_index(model, _gin_index(index))
    elif vendor == "sqlite":
        for sql in _sqlite_drop(index):
            schema_editor.execute(sql)


Migrate = Callable[[Apps, BaseDatabaseSchemaEditor], None]


def text_index_migration(index: TextIndex) -> tuple[Migrate, Migrate]:
    """Forward and backward functions for ``migrations.RunPython`` that create the index."""

    def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        text_index_create(index, schema_editor, apps)

    def backward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        text_index_drop(index, schema_editor, apps)

    return forward, backward


def text_indexes_ensure(*, using: str = "default", **kwargs: Any) -> list[str]:
    """Re-create missing SQLite triggers of every registered index, rebuilding those indexes.

    SQLite alters a table by rebuilding it, which drops its triggers: a later migration of an
    indexed table would silently stop search from seeing new rows. Runs after every migrate;
    returns the names of the triggers it had to create.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    created: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {name for _type, name in cursor.fetchall()}
        for index in text_indexes():
            if index.fts_table not in present:
                continue  # not migrated yet
            table = global_apps.get_model(index.model)._meta.db_table
            missing = {
                name: sql
                for name, sql in sqlite_triggers(index, table).items()
                if name not in present
            }
            for sql in missing.values():
                cursor.execute(sql)
            if missing:
                fts = index.fts_table
                cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608
            created.extend(missing)
    return created
