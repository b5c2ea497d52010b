"""Swedish full-text search over trip reports, lessons and ideas, one implementation per database.

The same interface as the meetings app's item search: word prefixes, every word must match, so
"cirkul" finds "cirkulär" and "cirkulär ekonomi" finds a text with both words. SQLite (the
embedded default) uses an FTS5 table per model kept in step by triggers; PostgreSQL uses its
``swedish`` text-search configuration through the ORM, with a GIN index on the same expression.

:class:`FullTextIndex` describes one indexed model; it is written to be folded into the shared
search module (issue 10), which holds the same two implementations for agenda items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL

_WORD = re.compile(r"\w+", re.UNICODE)
M = TypeVar("M", bound=Model)

#: The most words of a query that are searched for; the rest are ignored.
MAX_TERMS = 12


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, without operators or punctuation."""
    return [w.lower() for w in _WORD.findall(query)][:MAX_TERMS]


@dataclass(frozen=True)
class FullTextIndex:
    """One model's Swedish full-text index: its table, the text columns and the index's name."""

    table: str
    columns: tuple[str, ...]
    name: str

    # --- SQLite: an external-content FTS5 table and three triggers ----------------------------

    @property
    def fts_table(self) -> str:
        return f"{self.name}_fts"

    def sqlite_triggers(self) -> dict[str, str]:
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        fts, table = self.fts_table, self.table
        # Identifiers only, from the constant index definitions below: no user input.
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"  # noqa: S608
        insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"  # noqa: S608
        return {
            f"{fts}_insert": f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"{insert} END",
            f"{fts}_delete": f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"{delete} END",
            f"{fts}_update": f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} "
            f"BEGIN {delete} {insert} END",
        }

    def sqlite_create(self) -> list[str]:
        return [
            f"CREATE VIRTUAL TABLE {self.fts_table} USING fts5({', '.join(self.columns)}, "
            f"content='{self.table}', content_rowid='id', "
            'tokenize="unicode61 remove_diacritics 0")',
            *self.sqlite_triggers().values(),
            f"INSERT INTO {self.fts_table}({self.fts_table}) VALUES ('rebuild')",  # noqa: S608
        ]

    def sqlite_drop(self) -> list[str]:
        return [
            *(f"DROP TRIGGER IF EXISTS {name}" for name in self.sqlite_triggers()),
            f"DROP TABLE IF EXISTS {self.fts_table}",
        ]

    # --- PostgreSQL: the swedish configuration through the ORM -------------------------------

    def vector(self) -> SearchVector:
        return SearchVector(*self.columns, config="swedish")

    def postgres_index(self) -> GinIndex:
        return GinIndex(self.vector(), name=f"{self.name}_sv")

    # --- Both ------------------------------------------------------------------------------

    def create(self, schema_editor: BaseDatabaseSchemaEditor, model: type[Model]) -> None:
        """Create the index (from a migration; ``model`` is the migration state's model)."""
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            for sql in self.sqlite_create():
                schema_editor.execute(sql)
        elif vendor == "postgresql":
            schema_editor.add_index(model, self.postgres_index())

    def drop(self, schema_editor: BaseDatabaseSchemaEditor, model: type[Model]) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            for sql in self.sqlite_drop():
                schema_editor.execute(sql)
        elif vendor == "postgresql":
            schema_editor.remove_index(model, self.postgres_index())

    def search(self, queryset: QuerySet[M], query: str) -> QuerySet[M]:
        """Rows of ``queryset`` whose indexed text contains every word of ``query`` as a prefix."""
        terms = search_terms(query)
        if not terms:
            return queryset
        vendor = connections[queryset.db].vendor
        if vendor == "postgresql":
            tsquery = " & ".join(f"{t}:*" for t in terms)
            matched: QuerySet[M] = queryset.alias(fts_match=self.vector()).filter(
                fts_match=SearchQuery(tsquery, search_type="raw", config="swedish")
            )
            return matched
        if vendor == "sqlite":
            match = " ".join(f'"{t}"*' for t in terms)
            # The table name is a constant; the words are a bound parameter.
            rows = RawSQL(  # noqa: S611
                f"SELECT rowid FROM {self.fts_table} WHERE {self.fts_table} MATCH %s",  # noqa: S608
                [match],
            )
            return queryset.filter(pk__in=rows)
        for term in terms:
            queryset = queryset.filter(**{f"{self.columns[0]}__icontains": term})
        return queryset

    def ensure(self, *, using: str = "default") -> list[str]:
        """Re-create missing SQLite triggers and rebuild the index; return what was missing.

        SQLite alters a table by rebuilding it, which drops its triggers: a later migration of the
        table would silently stop the search from seeing new rows. Runs after every migrate.
        """
        connection = connections[using]
        if connection.vendor != "sqlite":
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s",
                [self.fts_table],
            )
            if cursor.fetchone() is None:
                return []
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {row[0] for row in cursor.fetchall()}
            triggers = self.sqlite_triggers()
            missing = [name for name in triggers if name not in present]
            for name in missing:
                cursor.execute(triggers[name])
            if missing:
                rebuild = f"INSERT INTO {self.fts_table}({self.fts_table}) VALUES ('rebuild')"  # noqa: S608
                cursor.execute(rebuild)
        return missing


REPORTS = FullTextIndex("exchange_tripreport", ("purpose", "summary"), "exchange_report")
LESSONS = FullTextIndex("exchange_lesson", ("text",), "exchange_lesson")
IDEAS = FullTextIndex("exchange_idea", ("title", "text"), "exchange_idea")
INDEXES = (REPORTS, LESSONS, IDEAS)


def search_index_ensure(*, using: str = "default") -> list[str]:
    """Every exchange index's missing SQLite triggers, re-created (see :meth:`ensure`)."""
    missing: list[str] = []
    for index in INDEXES:
        missing += index.ensure(using=using)
    return missing
