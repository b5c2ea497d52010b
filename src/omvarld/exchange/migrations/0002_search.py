"""Swedish full-text search on trip reports, lessons and ideas: FTS5 tables kept by triggers on
SQLite, GIN indexes on the ``swedish`` text-search vectors on PostgreSQL (core.search)."""

from django.db import migrations

from omvarld.core.search import text_index_migration
from omvarld.exchange.search import INDEXES


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [migrations.RunPython(*text_index_migration(index)) for index in INDEXES]
