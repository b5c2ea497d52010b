"""Swedish full-text search over trip reports, lessons and ideas, through core.search.

Every word of a query must occur, as a word or a word's beginning ("återbruk" finds
"återbruksparker"): PostgreSQL's ``swedish`` configuration with a GIN index, FTS5 on SQLite.
"""

from __future__ import annotations

from omvarld.core.search import TextIndex

#: Registered in the app's ready(); created by migration 0002.
REPORTS = TextIndex(
    name="exchange_report", model="exchange.TripReport", fields=("purpose", "summary")
)
LESSONS = TextIndex(name="exchange_lesson", model="exchange.Lesson", fields=("text",))
IDEAS = TextIndex(name="exchange_idea", model="exchange.Idea", fields=("title", "text"))
INDEXES = (REPORTS, LESSONS, IDEAS)
