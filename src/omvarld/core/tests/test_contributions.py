"""The interface through which apps add menu entries and deadlines."""

from __future__ import annotations

import datetime

import pytest

from omvarld.core import contributions
from omvarld.core.contributions import BodyDeadline, deadlines_for, nav_entries, register_deadlines

DAY = datetime.date(2026, 5, 4)


def test_menu_shows_each_role_what_it_may_use(make_user):
    reader = [e.key for e in nav_entries(make_user("reader"))]
    coordinator = [e.key for e in nav_entries(make_user("coordinator"))]
    assert reader[0] == "home"
    assert "meetings" in reader
    assert "eu_monitoring" in reader
    assert "tasks" not in reader
    assert "audit" not in reader
    assert "tasks" in coordinator
    assert "audit" in coordinator


def test_menu_is_empty_for_anonymous_visitors(client, db):
    from django.contrib.auth.models import AnonymousUser

    assert nav_entries(AnonymousUser()) == []
    response = client.get("/konto/logga-in/", follow=True)
    assert 'aria-label="Huvudmeny"' not in response.content.decode()


@pytest.fixture
def two_sources(monkeypatch):
    monkeypatch.setattr(contributions, "_deadline_providers", {})
    seen: list[dict] = []

    def first(*, body_ids, date_from, date_to, today):
        seen.append({"body_ids": set(body_ids), "from": date_from, "to": date_to})
        return [
            BodyDeadline("a-2", DAY + datetime.timedelta(days=2), "B", "x", 1, "/b", "A"),
            BodyDeadline("a-1", DAY, "A", "x", 1, "/a", "A", done=True),
        ]

    def second(*, body_ids, date_from, date_to, today):
        return [BodyDeadline("b-1", DAY + datetime.timedelta(days=1), "C", "y", 2, "/c", "B")]

    register_deadlines("first", "First", first)
    register_deadlines("second", "Second", second)
    return seen


def test_deadlines_of_every_source_in_date_order(two_sources):
    rows = deadlines_for(body_ids=[1, 2], date_from=DAY, date_to=DAY, today=DAY)
    assert [r.uid for r in rows] == ["a-1", "b-1", "a-2"]
    assert two_sources == [{"body_ids": {1, 2}, "from": DAY, "to": DAY}]
    assert contributions.deadline_sources() == [("first", "First"), ("second", "Second")]


def test_deadlines_of_chosen_sources_only(two_sources):
    rows = deadlines_for(body_ids=[1], date_from=DAY, date_to=DAY, today=DAY, sources=["second"])
    assert [r.uid for r in rows] == ["b-1"]
    assert two_sources == []


def test_overdue_means_past_and_not_done():
    later = DAY + datetime.timedelta(days=3)
    open_step = BodyDeadline("x", DAY, "t", "l", 1, "/", "s")
    assert open_step.is_overdue(later)
    assert not open_step.is_overdue(DAY)
    assert open_step.days_left(later) == -3
    assert not BodyDeadline("y", DAY, "t", "l", 1, "/", "s", done=True).is_overdue(later)


def test_a_step_that_asks_nothing_is_never_overdue():
    later = DAY + datetime.timedelta(days=3)
    stage = BodyDeadline("z", DAY, "t", "l", 1, "/", "s", action_needed=False)
    assert not stage.is_overdue(later)
