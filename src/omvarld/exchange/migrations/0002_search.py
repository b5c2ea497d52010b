"""Swedish full-text search on trip reports, lessons and ideas: FTS5 tables kept by triggers on
SQLite, GIN indexes on the ``swedish`` text-search vectors on PostgreSQL (see exchange.search)."""

from django.db import migrations

from omvarld.exchange.search import IDEAS, LESSONS, REPORTS, text_index_migration


class Migration(migrations.Migration):
    dependencies = [("exchange", "0001_initial")]

    operations = [
        migrations.RunPython(*text_index_migration(index)) for index in (REPORTS, LESSONS, IDEAS)
    ]
