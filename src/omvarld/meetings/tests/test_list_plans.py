"""The item lists read one page from the newest meetings down, not by sorting every item
(issue 9: with 20,000 items each page of the list and of the API sorted them all)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from omvarld.core.services import planner_statistics_refresh
from omvarld.meetings.models import AgendaItem, Meeting
from omvarld.meetings.selectors import ItemFilters, item_list
from omvarld.meetings.services_analysis import Engine, engine_default, items_reanalyse

from .factories import APRIL, SourceDocumentFactory

pytestmark = pytest.mark.django_db

MEETINGS = 60
PER_MEETING = 25


def _sqlite() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner and its statistics; PostgreSQL keeps its own (autovacuum)")


def _many_items(body) -> None:
    document = SourceDocumentFactory.create()
    meetings = Meeting.objects.bulk_create(
        Meeting(body=body, date=dt.date(2015, 1, 1) + dt.timedelta(days=7 * n))
        for n in range(MEETINGS)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            document=document,
            position=m * PER_MEETING + p,
            number=str(p),
            title=f"Ärende {p}",
            text="Förvaltningen föreslår att nämnden beslutar i enlighet med förslaget. " * 5,
            kind="decision",
            eu="none",
        )
        for m, meeting in enumerate(meetings)
        for p in range(PER_MEETING)
    )


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_a_page_of_the_item_list_sorts_no_more_than_one_meeting(council):
    _sqlite()
    _many_items(council)
    planner_statistics_refresh()
    plan = _plan(item_list(ItemFilters())[:50])
    # "FOR RIGHT PART OF ORDER BY" sorts the items of one date; "FOR ORDER BY" sorts them all.
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "meetings_meeting_date" in plan, plan


def _analysed_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchall():
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_an_import_and_a_reanalysis_leave_the_planner_statistics_up_to_date(
    organisation, make_user
):
    _sqlite()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    from omvarld.meetings.batches.create import batch_create
    from omvarld.meetings.batches.run import batch_process
    from omvarld.organisation.models import Body

    from .factories import upload

    council = Body.objects.get(short_name="KF")
    batch = batch_create(
        files=[upload("april.txt", APRIL.encode())], body=council, user=make_user("coordinator")
    )
    batch_process(batch_id=batch.pk)  # run already by the tests' immediate task backend
    assert AgendaItem.objects.exists()
    assert {"meetings_agendaitem", "meetings_meeting"} <= _analysed_tables()

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE sqlite_stat1")
    real = engine_default()
    newer = Engine(real.classify, real.engine_version, "a newer knowledge version")
    assert items_reanalyse(items=AgendaItem.objects.all(), engine=newer) > 0
    assert {"meetings_agendaitem", "meetings_meeting"} <= _analysed_tables()
