"""Costs per body and year, per programme goal, per trip; the CSV and XLSX files. The expected
sums are counted by hand from the fixture."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from omvarld.exchange.constants import ActionStatus, CostKind
from omvarld.exchange.selectors.costs import costs_by_body_year, costs_by_goal, trip_values

from .factories import ActionFactory, CostFactory, EventFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spending(bodies, users, goals):
    profiling, competence = goals["profiling"], goals["development_competence"]
    mn, un = bodies["mn"], bodies["un"]
    # 2025: one MN fair (profiling), travel 2 000 + fees 500.
    fair = EventFactory(
        title="Mässa",
        bodies=[mn],
        goals=[profiling],
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 3, 2),
    )
    p = ParticipationFactory(event=fair, user=users["officer"])
    CostFactory(participation=p, body=mn, kind=CostKind.TRAVEL, amount=Decimal("2000"))
    CostFactory(participation=p, body=mn, kind=CostKind.FEES, amount=Decimal("500"))
    # 2026: a joint MN+UN conference (both goals): MN pays 3 000 accommodation, UN 1 250.50 travel.
    conference = EventFactory(
        title="Konferens",
        bodies=[mn, un],
        goals=[profiling, competence],
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 6, 3),
    )
    a = ParticipationFactory(event=conference, user=users["officer"])
    b = ParticipationFactory(event=conference, user=users["other_officer"])
    CostFactory(participation=a, body=mn, kind=CostKind.ACCOMMODATION, amount=Decimal("3000"))
    CostFactory(participation=b, body=un, kind=CostKind.TRAVEL, amount=Decimal("1250.50"))
    ActionFactory(
        event=conference, owner=users["officer"], body=mn, status=ActionStatus.DONE, outcome="Klart"
    )
    ActionFactory(event=conference, owner=users["officer"], body=mn)
    # 2026: a UN course with no goal, 800 fees.
    course = EventFactory(
        title="Kurs", bodies=[un], starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 9, 1)
    )
    CostFactory(
        participation=ParticipationFactory(event=course, user=users["other_officer"]),
        body=un,
        kind=CostKind.FEES,
        amount=Decimal("800"),
    )
    return {"fair": fair, "conference": conference, "course": course}


def test_per_body_and_year(spending, bodies):
    rows = [(r.year, r.body_name, r.by_kind, r.total) for r in costs_by_body_year()]
    assert rows == [
        (2026, "Miljönämnden", {"accommodation": Decimal("3000.00")}, Decimal("3000.00")),
        (
            2026,
            "Utbildningsnämnden",
            {"fees": Decimal("800.00"), "travel": Decimal("1250.50")},
            Decimal("2050.50"),
        ),
        (
            2025,
            "Miljönämnden",
            {"fees": Decimal("500.00"), "travel": Decimal("2000.00")},
            Decimal("2500.00"),
        ),
    ]
    assert [r.total for r in costs_by_body_year(year=2026, body_id=bodies["un"].pk)] == [
        Decimal("2050.50")
    ]


def test_per_goal_an_event_counts_under_each_of_its_goals(spending):
    rows = [(g.code, g.events, g.amount) for g in costs_by_goal(year=2026)]
    # The five themes of the programme come first in the organisation's file, then the three
    # focus areas of the guideline.
    assert rows == [
        ("eu", 0, Decimal("0.00")),
        ("relations", 0, Decimal("0.00")),
        ("residents", 0, Decimal("0.00")),
        ("exchange", 0, Decimal("0.00")),
        ("everyday", 0, Decimal("0.00")),
        ("profiling", 1, Decimal("4250.50")),
        ("monitoring_influence", 0, Decimal("0.00")),
        ("development_competence", 1, Decimal("4250.50")),
        ("", 1, Decimal("800.00")),
    ]


def test_per_trip_beside_the_actions_done(spending, bodies):
    rows = [(t.event.title, t.cost, t.actions, t.actions_done) for t in trip_values()]
    assert rows == [
        ("Kurs", Decimal("800.00"), 0, 0),
        ("Konferens", Decimal("4250.50"), 2, 1),
        ("Mässa", Decimal("2500.00"), 0, 0),
    ]
    mn_only = [(t.event.title, t.cost) for t in trip_values(body_id=bodies["mn"].pk)]
    assert mn_only == [("Konferens", Decimal("3000.00")), ("Mässa", Decimal("2500.00"))]


def test_the_csv_is_for_swedish_excel(spending, client, users):
    client.force_login(users["reader"])
    response = client.get(reverse("exchange:costs_export", args=["csv"]), {"year": 2026})
    assert response["Content-Disposition"] == 'attachment; filename="utbyte-kostnader-2026.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["År", "Organ"]
    assert rows[0][-1] == "Totalt (kr)"
    assert rows[1] == ["2026", "Miljönämnden", "0,00", "3000,00", "0,00", "0,00", "0,00", "3000,00"]
    assert rows[2][-1] == "2050,50"


def test_the_xlsx_has_three_sheets_with_numbers(spending, client, users):
    client.force_login(users["reader"])
    response = client.get(reverse("exchange:costs_export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Per organ och år", "Per mål", "Per resa"]
    per_trip = list(workbook["Per resa"].iter_rows(values_only=True))
    assert per_trip[0] == ("Evenemang", "Första dag", "Kostnad (kr)", "Åtgärder", "Åtgärder klara")
    assert per_trip[2] == ("Konferens", "2026-06-01", 4250.5, 2, 1)


def test_an_unknown_format_is_not_found(client, users):
    client.force_login(users["reader"])
    assert client.get(reverse("exchange:costs_export", args=["pdf"])).status_code == 404


def test_an_inactive_goal_keeps_its_row_only_while_events_serve_it(spending, goals):
    goals["eu"].active = False
    goals["eu"].save()
    goals["profiling"].active = False
    goals["profiling"].save()
    codes = [g.code for g in costs_by_goal(year=2026)]
    assert "eu" not in codes
    assert codes[:2] == ["relations", "residents"]
    # Profiling over all years: the fair's 2 500 and the conference's 4 250.50.
    assert ("profiling", Decimal("6750.50")) in [(g.code, g.amount) for g in costs_by_goal()]


def test_the_goal_rows_carry_the_name_in_the_language_asked(spending):
    from django.utils import translation

    with translation.override("sv"):
        assert costs_by_goal()[5].label == "Profilering"
    with translation.override("en"):
        assert costs_by_goal()[5].label == "Profiling"
