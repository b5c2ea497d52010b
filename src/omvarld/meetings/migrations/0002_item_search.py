"""Full-text search on agenda items: FTS5 on SQLite, a Swedish text-search index on PostgreSQL.

The statements come from omvarld.core.search, the one place of the search SQL (the same table,
triggers and index names as when this migration was first written).
"""

from django.db import migrations

from omvarld.core.search import TextIndex, text_index_migration

ITEMS = TextIndex(name="meetings_item", model="meetings.AgendaItem", fields=("title", "text"))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(*text_index_migration(ITEMS))]
