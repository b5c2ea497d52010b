"""Swedish full-text search over agenda items behind one interface.

SQLite (the embedded default) uses an FTS5 table kept in step by triggers; PostgreSQL uses its
``swedish`` text-search configuration with a GIN index. Both match word prefixes, so "avfall"
finds "avfallstaxa" and "avfallsplanen".
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

from .models import AgendaItem

_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, without operators or punctuation."""
    return [w.lower() for w in _WORD.findall(query)][:12]


def item_search(queryset: QuerySet[AgendaItem], query: str) -> QuerySet[AgendaItem]:
    """Items of ``queryset`` whose title or text contains every word of ``query`` (as a prefix)."""
    terms = search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{t}:*" for t in terms)
        # Bound parameters, never interpolated: extra() is safe here and keeps the index usable.
        return queryset.extra(
            where=[
                "to_tsvector('swedish', meetings_agendaitem.title || ' ' || "
                "meetings_agendaitem.text) @@ to_tsquery('swedish', %s)"
            ],
            params=[tsquery],
        )
    if connection.vendor == "sqlite":
        match = " ".join(f'"{t}"*' for t in terms)
        return queryset.extra(
            where=[
                "meetings_agendaitem.id IN "
                "(SELECT rowid FROM meetings_item_fts WHERE meetings_item_fts MATCH %s)"
            ],
            params=[match],
        )
    for term in terms:
        queryset = queryset.filter(text__icontains=term)
    return queryset


#: The triggers that keep the SQLite full-text table in step with the items table.
SQLITE_TRIGGERS = {
    "meetings_item_fts_insert": """CREATE TRIGGER meetings_item_fts_insert
        AFTER INSERT ON meetings_agendaitem BEGIN
        INSERT INTO meetings_item_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    "meetings_item_fts_delete": """CREATE TRIGGER meetings_item_fts_delete
        AFTER DELETE ON meetings_agendaitem BEGIN
        INSERT INTO meetings_item_fts(meetings_item_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    "meetings_item_fts_update": """CREATE TRIGGER meetings_item_fts_update
        AFTER UPDATE OF title, text ON meetings_agendaitem BEGIN
        INSERT INTO meetings_item_fts(meetings_item_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO meetings_item_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
}


def search_index_ensure(*, using: str = "default") -> list[str]:
    """Re-create missing SQLite search triggers and rebuild the index; return what was missing.

    SQLite alters a table by rebuilding it, which drops its triggers: any later migration of the
    items table would silently stop search from seeing new items. This runs after every migrate.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s",
            ["meetings_item_fts"],
        )
        if cursor.fetchone() is None:
            return []  # before migration 0002
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in SQLITE_TRIGGERS if name not in present]
        for name in missing:
            cursor.execute(SQLITE_TRIGGERS[name])
        if missing:
            cursor.execute("INSERT INTO meetings_item_fts(meetings_item_fts) VALUES ('rebuild')")
    return missing
