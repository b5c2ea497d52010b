"""Swedish full-text search over agenda items: their titles and texts, through core.search."""

from __future__ import annotations

from django.db.models import QuerySet

from omvarld.core.search import TextIndex, text_search

from .models import AgendaItem

#: Registered in the app's ready(); created by migrations 0002 (SQLite) and 0005 (PostgreSQL).
ITEMS = TextIndex(name="meetings_item", model="meetings.AgendaItem", fields=("title", "text"))


def item_search(queryset: QuerySet[AgendaItem], query: str) -> QuerySet[AgendaItem]:
    """Items of ``queryset`` whose title or text contains every word of ``query`` (as a prefix)."""
    return text_search(queryset, query)
