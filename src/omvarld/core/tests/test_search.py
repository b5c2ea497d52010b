"""Full-text search for any model through core.search, on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from omvarld.core import search
from omvarld.core.search import TextIndex, text_index_create, text_index_drop, text_search
from omvarld.knowledge.models import EUAct
from omvarld.meetings.models import AgendaItem


def test_names_written_into_sql_must_be_plain_identifiers():
    with pytest.raises(ValueError, match="identifier"):
        TextIndex(name="x; DROP TABLE y", model="knowledge.EUAct", fields=("title_sv",))
    with pytest.raises(ValueError, match="identifier"):
        TextIndex(name="acts", model="knowledge.EUAct", fields=("title_sv)",))


def test_search_terms_are_words_only():
    assert search.search_terms('"avfall" OR taxa*; -- NEAR(x)') == [
        "avfall",
        "or",
        "taxa",
        "near",
        "x",
    ]


@pytest.mark.django_db(transaction=True)
def test_another_model_registers_its_own_fields(monkeypatch, factories):
    """What the exchange app will do for its texts: register, migrate, search."""
    index = TextIndex(name="test_act", model="knowledge.EUAct", fields=("title_sv", "title_en"))
    with connection.schema_editor() as editor:
        text_index_create(index, editor, apps)
    monkeypatch.setitem(search._indexes, "knowledge.euact", index)
    try:
        factories.EUAct(
            title_sv="Direktiv om rening av avloppsvatten", title_en="Urban waste water"
        )
        factories.EUAct(title_sv="Upphandlingsdirektivet", title_en="Public procurement")
        kept = factories.EUAct(title_sv="Direktiv om avfall", title_en="Waste")

        def titles(query: str) -> list[str]:
            return sorted(
                text_search(EUAct.objects.all(), query).values_list("title_sv", flat=True)
            )

        assert titles("avlopp") == ["Direktiv om rening av avloppsvatten"]
        assert titles("procurement") == ["Upphandlingsdirektivet"]
        assert titles("direktiv avfall") == ["Direktiv om avfall"]
        assert titles("") == sorted(EUAct.objects.values_list("title_sv", flat=True))
        # The index follows changes and deletions of the rows.
        EUAct.objects.filter(pk=kept.pk).update(title_sv="Direktiv om förpackningar")
        assert titles("avfall") == []
        assert titles("förpackn") == ["Direktiv om förpackningar"]
        EUAct.objects.filter(pk=kept.pk).delete()
        assert titles("förpackn") == []
    finally:
        with connection.schema_editor() as editor:
            text_index_drop(index, editor, apps)


@pytest.mark.django_db
def test_postgresql_answers_from_the_gin_index_the_orm_built(factories):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index is PostgreSQL's")
    factories.AgendaItem(title="Avfallsplan för kommunen")
    # Without the list's ordering (whose joins may make the planner walk another index) and with
    # plain scans off, the only cheap way to the matching rows is a bitmap scan of the GIN index.
    query = text_search(AgendaItem.objects.order_by(), "avfall")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "meetings_item_search_sv" in plan
    assert [i.title for i in query] == ["Avfallsplan för kommunen"]
