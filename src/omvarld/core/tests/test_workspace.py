"""The workspace draws whatever the apps register, and nothing else: blocks in order, a block
with nothing to show absent, what needs the coordinator for coordinators only."""

from __future__ import annotations

import pytest

from omvarld.accounts.constants import Role
from omvarld.core import contributions
from omvarld.core.contributions import (
    Block,
    Entry,
    Indicator,
    Measure,
    Section,
    Unit,
    Values,
    count_values,
    percent,
    register_block,
    register_indicator,
    share_values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_these(monkeypatch):
    """Registries holding only what the test registers."""
    monkeypatch.setattr(contributions, "_blocks", {})
    monkeypatch.setattr(contributions, "_indicators", {})
    seen: list[object] = []

    def todo(*, scope, today, since):
        seen.append(scope)
        return Block("Att bedöma", "/inkorg/", [Entry("Initiativ om vatten", "/i/1/", date=today)])

    register_block("b.second", Section.TODO, 20, todo)
    register_block(
        "a.first", Section.TODO, 10, lambda **kw: Block("Först", "/a/", [Entry("A", "/a/1/")])
    )
    register_block("a.nothing", Section.CHANGES, 10, lambda **kw: None)
    register_block(
        "c.coordinator",
        Section.ATTENTION,
        10,
        lambda **kw: Block("Misslyckade importer", "/import/", [Entry("Import 1", "/import/1/")]),
    )
    register_indicator(
        Indicator(
            "x.count",
            "Räknat",
            "Antal saker.",
            Unit.COUNT,
            "Test",
            lambda *, body_ids, year, today: count_values(body_ids, dict.fromkeys(body_ids, 3), 7),
            10,
        )
    )
    return seen


def test_the_start_page_draws_the_registered_blocks_in_order(client_as, make_body, only_these):
    kn = make_body("KN", "Kulturnämnden")
    client = client_as(Role.OFFICER, bodies=[kn])
    html = client.get("/").content.decode()
    assert "Min nämnd: Kulturnämnden" in html
    assert html.index("Först") < html.index("Att bedöma") < html.index("Initiativ om vatten")
    # The section without blocks says so in a sentence; no empty box.
    assert "Inget nytt de senaste 14 dagarna." in html
    assert "Misslyckade importer" not in html
    assert "Räknat" in html
    assert only_these[0].body_ids == frozenset({kn.pk})
    assert not only_these[0].whole


def test_the_coordinator_starts_with_the_whole_municipality_and_what_needs_them(
    client_as, make_body, only_these
):
    make_body("KN", "Kulturnämnden")
    make_body("SN", "Skolnämnden")
    html = client_as(Role.COORDINATOR).get("/").content.decode()
    assert "<h1>Hela kommunen</h1>" in html
    assert "Behöver samordnaren" in html
    assert "Misslyckade importer" in html
    assert only_these[0].whole
    assert len(only_these[0].body_ids) == 2


def test_a_person_in_several_bodies_switches_between_them(client_as, make_body, only_these):
    kn, sn = make_body("KN", "Kulturnämnden"), make_body("SN", "Skolnämnden")
    client = client_as(Role.OFFICER, bodies=[kn, sn])
    html = client.get("/").content.decode()
    assert 'href="?organ=SN"' in html
    assert 'href="?alla=1"' in html
    html = client.get("/?organ=SN").content.decode()
    assert "Min nämnd: Skolnämnden" in html
    assert only_these[-1].body_ids == frozenset({sn.pk})
    html = client.get("/?organ=FINNS-INTE").content.decode()
    assert "Det finns inget organ eller kontor med den förkortningen" in html
    assert "Min nämnd: Kulturnämnden" in html


def test_visitors_get_what_the_platform_does_and_the_first_steps(client, only_these, db):
    html = client.get("/").content.decode()
    assert "Det här gör Omvärld" in html
    assert "Kom igång" in html
    assert "Att bedöma" not in html
    assert only_these == []


def test_shares_have_a_base_and_none_without_one():
    assert percent(2, 3) == 66.7
    assert percent(1, 8) == 12.5
    assert percent(1, 0) is None
    values = share_values([1, 2], {1: 1}, {1: 3}, (1, 4))
    assert values.by_body == {1: Measure(33.3, 3), 2: Measure(None, 0)}
    assert values.total == Measure(25.0, 4)
    assert count_values([1, 2], {2: 5}, 9) == Values({1: Measure(0), 2: Measure(5)}, Measure(9))
