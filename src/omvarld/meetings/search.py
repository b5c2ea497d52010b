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
