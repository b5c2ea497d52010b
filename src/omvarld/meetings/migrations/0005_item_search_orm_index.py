"""The PostgreSQL search index of agenda items, built by the ORM from the same SearchVector the
search uses (0002 once wrote it by hand, over the texts without COALESCE)."""

from django.db import migrations

from omvarld.core.search import TextIndex, text_index_create, text_index_drop

ITEMS = TextIndex(name="meetings_item", model="meetings.AgendaItem", fields=("title", "text"))


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {ITEMS.gin_index}")
        text_index_create(ITEMS, schema_editor, apps)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        text_index_drop(ITEMS, schema_editor, apps)
        schema_editor.execute(
            f"CREATE INDEX {ITEMS.gin_index} ON meetings_agendaitem"
            " USING gin (to_tsvector('swedish', title || ' ' || text))"
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_item_superseded")]

    operations = [migrations.RunPython(forward, backward)]
