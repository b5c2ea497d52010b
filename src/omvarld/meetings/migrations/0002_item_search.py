"""Full-text search on agenda items: FTS5 on SQLite, a Swedish text-search index on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE meetings_item_fts USING fts5(
        title, text, content='meetings_agendaitem', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE TRIGGER meetings_item_fts_insert AFTER INSERT ON meetings_agendaitem BEGIN
        INSERT INTO meetings_item_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER meetings_item_fts_delete AFTER DELETE ON meetings_agendaitem BEGIN
        INSERT INTO meetings_item_fts(meetings_item_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER meetings_item_fts_update AFTER UPDATE OF title, text ON meetings_agendaitem
    BEGIN
        INSERT INTO meetings_item_fts(meetings_item_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO meetings_item_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    "INSERT INTO meetings_item_fts(meetings_item_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS meetings_item_fts_update",
    "DROP TRIGGER IF EXISTS meetings_item_fts_delete",
    "DROP TRIGGER IF EXISTS meetings_item_fts_insert",
    "DROP TABLE IF EXISTS meetings_item_fts",
]
POSTGRES_FORWARD = [
    """CREATE INDEX meetings_item_search_sv ON meetings_agendaitem
        USING gin (to_tsvector('swedish', title || ' ' || text))""",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS meetings_item_search_sv"]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
