"""The statistics pages keep their figures in the cache until the items change (issue 9: under
load, every request recomputed four aggregates over all 20,000 items)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from omvarld.accounts.constants import Role
from omvarld.meetings.models import AgendaItem, SourceDocument
from omvarld.meetings.statistics import StatsFilters, stats_figures, stats_total

pytestmark = pytest.mark.django_db

LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def real_cache():
    with override_settings(CACHES=LOCAL):
        cache.clear()
        yield
        cache.clear()


def _aggregates(captured: CaptureQueriesContext) -> int:
    """The grouped counts over the items among the captured queries."""
    return sum(1 for q in captured.captured_queries if 'COUNT("meetings_agendaitem"' in q["sql"])


def test_the_figures_are_computed_once_while_the_items_are_unchanged(
    imported, council, client_as, real_cache
):
    client = client_as(Role.READER)
    for url in (reverse("meetings:stats"), reverse("meetings:stats_body", args=[council.pk])):
        with CaptureQueriesContext(connection) as first:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as again:
            assert client.get(url).status_code == 200
        assert _aggregates(first) >= 3
        assert _aggregates(again) == 0
        assert len(again) <= len(first) - 3


def test_a_review_shows_in_the_cached_figures_at_once(imported, council, make_user, real_cache):
    from omvarld.meetings.services import item_review

    filters = StatsFilters(body_id=council.pk)
    before, _tables = stats_figures(filters, ("year",))
    assert stats_figures(filters, ("year",))[0] == before  # now from the cache
    item = AgendaItem.objects.get(title="Val av justerare")  # coded none by the engine
    item_review(
        item=item,
        reviewer=make_user(Role.COORDINATOR),
        kind="decision",
        eu="legal",
        funding=False,
        areas=[],
    )
    after, tables = stats_figures(filters, ("year",))
    assert after.all.legal == before.all.legal + 1
    assert after.all.none == before.all.none - 1
    assert tables["year"][0].all.legal == after.all.legal


def test_a_deleted_document_and_its_replacement_are_told_apart(council, real_cache):
    """On SQLite the replacement's rows may take the deleted rows' ids; the figures still move."""
    from omvarld.meetings.services import document_import
    from omvarld.meetings.tests.factories import NOTICE

    filters = StatsFilters(body_id=council.pk)
    document_import(data=NOTICE.encode("utf-8"), name="kf-2016-03-21.txt")
    first, _tables = stats_figures(filters, ())
    SourceDocument.objects.all().delete()
    assert stats_figures(filters, ())[0].all.items == 0
    other = NOTICE.replace("Motion om fler offentliga toaletter", "Avfallstaxa för 2016")
    document_import(data=other.encode("utf-8"), name="kf-2016-03-21.txt")
    replaced, _tables = stats_figures(filters, ())
    assert replaced.all.items == first.all.items
    assert replaced != first
    assert replaced == stats_total(filters)
