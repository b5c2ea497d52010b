"""The portfolio's figures against numbers counted by hand, and its CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from omvarld.funding.constants import Decision, ProjectStatus
from omvarld.funding.exports import as_csv, as_xlsx, records
from omvarld.funding.models import Programme
from omvarld.funding.portfolio import PortfolioFilters, portfolio

from .factories import ClaimFactory, ProjectFactory


@pytest.fixture
def projects(bodies):
    """Four projects, counted by hand below.

    A  Erasmus+, UN,       EUR at 11.00: submitted 2025-03, granted 2025-06: 100 000 EUR,
       own 10 000 EUR and 200 h; payments 40 000 EUR (2025-09) and 50 000 EUR (2026-02).
    B  ESF+,     UN + KS,  SEK at 10.00: submitted 2025-10, granted 2026-01: 2 000 000 SEK,
       own 500 000 SEK and 1 000 h; payment 800 000 SEK (2026-05).
    C  Erasmus+, KFN,      EUR at 11.50: submitted 2026-02, rejected 2026-05.
    D  LIFE,     KS,       EUR at 11.00: submitted 2026-11, not decided.
    """
    erasmus = Programme.objects.get(code="erasmus-plus")
    a = ProjectFactory(
        title="A",
        programme=erasmus,
        bodies=[bodies["UN"]],
        currency="EUR",
        exchange_rate=Decimal("11.00"),
        submitted_on=dt.date(2025, 3, 1),
        decided_on=dt.date(2025, 6, 1),
        decision=Decision.GRANTED,
        status=ProjectStatus.RUNNING,
        total_budget=Decimal(125000),
        eu_grant_awarded=Decimal(100000),
        own_cofinancing=Decimal(10000),
        own_hours=Decimal(200),
    )
    ClaimFactory(
        project=a, currency="EUR", amount_received=Decimal(40000), received_on=dt.date(2025, 9, 1)
    )
    ClaimFactory(
        project=a, currency="EUR", amount_received=Decimal(50000), received_on=dt.date(2026, 2, 1)
    )
    b = ProjectFactory(
        title="B",
        programme=Programme.objects.get(code="esf-plus"),
        bodies=[bodies["UN"], bodies["KS"]],
        currency="SEK",
        exchange_rate=Decimal("10.00"),
        submitted_on=dt.date(2025, 10, 1),
        decided_on=dt.date(2026, 1, 15),
        decision=Decision.GRANTED,
        status=ProjectStatus.GRANTED,
        eu_grant_awarded=Decimal(2000000),
        own_cofinancing=Decimal(500000),
        own_hours=Decimal(1000),
    )
    ClaimFactory(
        project=b, currency="SEK", amount_received=Decimal(800000), received_on=dt.date(2026, 5, 1)
    )
    ProjectFactory(
        title="C",
        programme=erasmus,
        bodies=[bodies["KFN"]],
        exchange_rate=Decimal("11.50"),
        submitted_on=dt.date(2026, 2, 1),
        decided_on=dt.date(2026, 5, 1),
        decision=Decision.REJECTED,
        status=ProjectStatus.REJECTED,
    )
    ProjectFactory(
        title="D",
        programme=Programme.objects.get(code="life"),
        bodies=[bodies["KS"]],
        submitted_on=dt.date(2026, 11, 1),
        status=ProjectStatus.SUBMITTED,
    )
    # An idea never submitted counts nowhere.
    ProjectFactory(title="E", bodies=[bodies["UN"]])


def _by(rows):
    return {row.label: row.figures for row in rows}


def test_totals_by_hand(projects):
    total = portfolio(PortfolioFilters()).total
    assert (total.applications, total.granted, total.rejected) == (4, 2, 1)
    assert total.success_percent == 67  # 2 of 3 decided
    # Granted: A 100 000 EUR = 1 100 000 SEK; B 2 000 000 SEK = 200 000 EUR.
    assert total.granted_sek == Decimal("3100000.00")
    assert total.granted_eur == Decimal("300000.00")
    # Received: A 90 000 EUR = 990 000 SEK; B 800 000 SEK = 80 000 EUR.
    assert total.received_sek == Decimal("1790000.00")
    assert total.received_eur == Decimal("170000.00")
    # Own co-financing: A 10 000 EUR = 110 000 SEK; B 500 000 SEK = 50 000 EUR; 1 200 hours.
    assert total.cofinancing_sek == Decimal("610000.00")
    assert total.cofinancing_eur == Decimal("60000.00")
    assert total.cofinancing_hours == Decimal(1200)


def test_per_year_by_hand(projects):
    years = _by(portfolio(PortfolioFilters()).year)
    assert list(years) == ["2025", "2026"]
    y2025, y2026 = years["2025"], years["2026"]
    # 2025: A and B submitted, A granted, A's first payment.
    assert (y2025.applications, y2025.granted, y2025.rejected) == (2, 1, 0)
    assert (y2025.granted_sek, y2025.received_sek) == (Decimal("1100000.00"), Decimal("440000.00"))
    # 2026: C and D submitted, B granted and C rejected, A's second payment and B's payment.
    assert (y2026.applications, y2026.granted, y2026.rejected) == (2, 1, 1)
    assert y2026.success_percent == 50
    assert y2026.granted_eur == Decimal("200000.00")
    assert y2026.received_sek == Decimal("1350000.00")  # 550 000 + 800 000
    assert y2026.cofinancing_hours == Decimal(1000)


def test_per_programme_and_body_by_hand(projects):
    figures = portfolio(PortfolioFilters())
    programmes = _by(figures.programme)
    erasmus = programmes["Erasmus+ 2021–2027"]
    assert (erasmus.applications, erasmus.granted, erasmus.rejected) == (2, 1, 1)
    assert erasmus.granted_eur == Decimal("100000.00")
    assert programmes["LIFE 2021–2027"].applications == 1
    bodies = _by(figures.body)
    # B belongs to UN and KS: it counts in full for each.
    un = bodies["Utbildningsnämnden"]
    assert (un.applications, un.granted) == (2, 2)
    assert un.granted_sek == Decimal("3100000.00")
    ks = bodies["Kommunstyrelsen"]
    assert (ks.applications, ks.granted, ks.granted_sek) == (2, 1, Decimal("2000000.00"))
    assert bodies["Kultur- och fritidsnämnden"].rejected == 1
    assert sum(b.applications for b in bodies.values()) == 5 > figures.total.applications


def test_filters_by_year_programme_and_body(projects, bodies):
    only_2026 = portfolio(PortfolioFilters(year_from=2026, year_to=2026)).total
    assert (only_2026.applications, only_2026.granted, only_2026.rejected) == (2, 1, 1)
    assert only_2026.received_eur == Decimal("130000.00")  # 50 000 + 80 000
    erasmus = Programme.objects.get(code="erasmus-plus")
    assert portfolio(PortfolioFilters(programme_id=erasmus.pk)).total.applications == 2
    assert portfolio(PortfolioFilters(body_id=bodies["KS"].pk)).total.applications == 2


def test_the_exports_carry_the_same_numbers(projects):
    figures = portfolio(PortfolioFilters())
    rows = records("year", figures.year, figures.total)
    text = as_csv("year", rows).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][:5] == [
        "År",
        "Ansökningar",
        "Beviljade",
        "Avslagna",
        "Andel beviljade i procent",
    ]
    assert table[1][:6] == ["2025", "2", "1", "0", "100,0", "1100000,00"]
    assert table[-1][:5] == ["Totalt", "4", "2", "1", "66,7"]
    sheet = load_workbook(io.BytesIO(as_xlsx("year", rows))).active
    assert [c.value for c in sheet[1]][:2] == ["År", "Ansökningar"]
    assert sheet["F2"].value == 1100000
    assert sheet["E4"].value == pytest.approx(2 / 3)
    assert sheet["E4"].number_format == "0.0%"
