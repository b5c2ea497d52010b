"""What EU funding adds to the workspace, the yearly indicators and the annual follow-up, against
hand-counted numbers, with query counts that do not grow with rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from omvarld.core.contributions import Scope, indicators
from omvarld.funding import contributions
from omvarld.funding.constants import Currency, Decision, MatchStatus, ProjectStatus
from omvarld.funding.models import CallMatch

from .factories import CallFactory, ClaimFactory, PeriodFactory, ProjectFactory

TODAY = dt.date(2026, 12, 6)
SINCE = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)


@pytest.fixture
def year_2026(bodies):
    """UN, KS and KFN's EU-funding year 2026 (see each indicator's test for the hand count)."""
    un, ks, kfn = bodies["UN"], bodies["KS"], bodies["KFN"]
    shared = ProjectFactory(
        title="Delat projekt",
        bodies=[un, ks],
        status=ProjectStatus.GRANTED,
        submitted_on=dt.date(2026, 2, 1),
        decided_on=dt.date(2026, 5, 1),
        decision=Decision.GRANTED,
        eu_grant_applied=Decimal("120000"),
        eu_grant_awarded=Decimal("100000"),  # EUR at 11.0000: 1 100 000 kr
    )
    ProjectFactory(
        title="Avslaget projekt",
        bodies=[un],
        status=ProjectStatus.REJECTED,
        submitted_on=dt.date(2026, 3, 1),
        decided_on=dt.date(2026, 10, 1),
        decision=Decision.REJECTED,
        eu_grant_applied=Decimal("50000"),
    )
    ProjectFactory(
        title="Svenskt projekt",
        bodies=[un],
        status=ProjectStatus.RUNNING,
        currency=Currency.SEK,
        exchange_rate=None,
        submitted_on=dt.date(2025, 6, 1),
        decided_on=dt.date(2026, 2, 1),
        decision=Decision.GRANTED,
        eu_grant_awarded=Decimal("250000.50"),
    )
    ProjectFactory(title="Kulturens ansökan", bodies=[kfn], submitted_on=dt.date(2026, 4, 1))
    ProjectFactory(title="Nästa års ansökan", bodies=[un], submitted_on=dt.date(2027, 1, 5))
    ProjectFactory(
        title="Pågående sedan 2025",
        bodies=[un],
        status=ProjectStatus.RUNNING,
        starts=dt.date(2025, 1, 1),
        ends=dt.date(2026, 3, 31),
    )
    ProjectFactory(title="Startar 2027", bodies=[un], starts=dt.date(2027, 1, 1))
    ProjectFactory(
        title="Slutade 2025", bodies=[un], starts=dt.date(2024, 1, 1), ends=dt.date(2025, 12, 31)
    )
    spring = CallFactory(title="Våren", opens=None, deadline=dt.date(2026, 4, 1))
    CallMatch.objects.create(call=spring, body=un, status=MatchStatus.NEW)
    CallMatch.objects.create(call=spring, body=ks, status=MatchStatus.RELEVANT)
    autumn = CallFactory(title="Hösten", opens=None, deadline=dt.date(2026, 9, 1))
    CallMatch.objects.create(call=autumn, body=un, status=MatchStatus.NOT_RELEVANT)
    later = CallFactory(title="Nästa år", opens=None, deadline=dt.date(2027, 1, 1))
    CallMatch.objects.create(call=later, body=un, status=MatchStatus.NEW)
    november = CallFactory(title="November", opens=None, deadline=dt.date(2026, 11, 1))
    CallMatch.objects.create(call=november, body=kfn, status=MatchStatus.APPLYING)
    return shared


def values(query, bodies, year=2026):
    ids = [bodies[s].pk for s in ("UN", "KS", "KFN")]
    result = query(body_ids=ids, year=year, today=TODAY)
    return [result.by_body[i].value for i in ids], result.total.value


def test_the_indicators_are_registered_once_with_their_units():
    registered = {i.key: i for i in indicators() if i.key.startswith("funding.")}
    assert {k: str(i.unit) for k, i in registered.items()} == {
        "funding.calls_matched": "count",
        "funding.applications": "count",
        "funding.granted": "count",
        "funding.granted_sek": "sek",
    }


def test_calls_matched_by_hand(year_2026, bodies):
    """UN: the spring call (autumn judged not relevant, next year's outside); KS: spring;
    KFN: November. The municipality: spring and November, each once."""
    assert values(contributions.calls_matched, bodies) == ([1, 1, 1], 2)


def test_applications_by_hand(year_2026, bodies):
    """UN: the shared and the rejected one; KS: the shared one; KFN: its own. The municipality
    counts the shared one once: 3."""
    assert values(contributions.applications, bodies) == ([2, 1, 1], 3)
    assert values(contributions.applications, bodies, year=2025) == ([1, 0, 0], 1)


def test_grants_by_hand(year_2026, bodies):
    """Granted in 2026: the shared one (UN, KS) and the Swedish one (UN, applied for in 2025)."""
    assert values(contributions.projects_granted, bodies) == ([2, 1, 0], 2)


def test_eu_funds_granted_in_kronor_by_hand(year_2026, bodies):
    """100 000 EUR at 11.0000 is 1 100 000 kr; with 250 000.50 kr, UN has 1 350 000.50, rounded
    half up to 1 350 001; the municipality counts the shared grant once."""
    assert values(contributions.funds_granted_sek, bodies) == (
        [1_350_001, 1_100_000, 0],
        1_350_001,
    )


def test_the_indicators_do_not_grow_with_rows(year_2026, bodies):
    ids = [bodies["UN"].pk, bodies["KS"].pk]
    queries = (
        contributions.calls_matched,
        contributions.applications,
        contributions.projects_granted,
        contributions.funds_granted_sek,
    )

    def counted() -> list[int]:
        counts = []
        for query in queries:
            with CaptureQueriesContext(connection) as captured:
                query(body_ids=ids, year=2026, today=TODAY)
            counts.append(len(captured.captured_queries))
        return counts

    first = counted()
    ProjectFactory.create_batch(
        3, bodies=[bodies["UN"], bodies["KS"]], submitted_on=dt.date(2026, 1, 1)
    )
    for n in range(3):
        call = CallFactory(opens=None, deadline=dt.date(2026, 6, n + 1))
        CallMatch.objects.create(call=call, body=bodies["KS"], status=MatchStatus.NEW)
    assert counted() == first
    assert first == [1, 2, 2, 2]
    assert values(contributions.applications, bodies)[1] == 6


def test_the_report_list_holds_the_projects_of_the_year(year_2026, bodies):
    with translation.override("sv"):
        rows = contributions.project_list(body_ids=[bodies["UN"].pk], year=2026)
        whole = contributions.project_list(body_ids=None, year=2026)
    assert [r.title for r in rows] == [
        "Avslaget projekt",
        "Delat projekt",
        "Pågående sedan 2025",
        "Svenskt projekt",
    ]
    by_title = {r.title: r for r in rows}
    assert by_title["Delat projekt"].label == "Beviljad"
    assert by_title["Delat projekt"].detail.replace("\xa0", " ") == (
        "Beviljat EU-stöd: 1 100 000 kr"
    )
    assert by_title["Avslaget projekt"].detail.replace("\xa0", " ") == "Sökt EU-stöd: 550 000 kr"
    assert by_title["Svenskt projekt"].detail.replace("\xa0", " ") == (
        "Beviljat EU-stöd: 250 001 kr"
    )
    assert by_title["Avslaget projekt"].date == dt.date(2026, 10, 1)
    assert [r.title for r in whole] == [
        "Avslaget projekt",
        "Delat projekt",
        "Kulturens ansökan",
        "Pågående sedan 2025",
        "Svenskt projekt",
    ]


def test_the_report_list_takes_one_query(year_2026, bodies, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = contributions.project_list(body_ids=[bodies["UN"].pk], year=2026)
    ProjectFactory.create_batch(4, bodies=[bodies["UN"]], submitted_on=dt.date(2026, 6, 1))
    with django_assert_num_queries(1):
        later = contributions.project_list(body_ids=[bodies["UN"].pk], year=2026)
    assert len(later) == len(first) + 4


def due(bodies, *names, whole=False):
    return Scope(body_ids=frozenset(bodies[n].pk for n in names), whole=whole)


def fill_due(body, n):
    """A new call closing in ten days, a project with a report three days overdue and a claim due
    in twenty days."""
    call = CallFactory(title=f"Stänger snart {n}", opens=None, deadline=TODAY + dt.timedelta(10))
    CallMatch.objects.create(call=call, body=body, status=MatchStatus.NEW)
    project = ProjectFactory(title=f"Projekt {n}", bodies=[body])
    PeriodFactory(project=project, report_due=TODAY - dt.timedelta(days=3))
    ClaimFactory(project=project, due=TODAY + dt.timedelta(days=20))


def test_the_workspace_block_shows_what_the_body_has_due(bodies):
    fill_due(bodies["UN"], 1)
    fill_due(bodies["KFN"], 2)
    with translation.override("sv"):
        block = contributions.due_block(scope=due(bodies, "UN"), today=TODAY, since=SINCE)
    assert block is not None
    assert block.url == reverse("funding:inbox", kwargs={"body_id": bodies["UN"].pk})
    assert [(e.label, e.title, e.date, e.overdue) for e in block.entries] == [
        ("Projektrapport ska lämnas", "Projekt 1", TODAY - dt.timedelta(days=3), True),
        ("Utlysningen stänger", "Stänger snart 1", TODAY + dt.timedelta(days=10), False),
        ("Utbetalningsansökan ska lämnas", "Projekt 1", TODAY + dt.timedelta(days=20), False),
    ]
    assert contributions.due_block(scope=due(bodies, "KS"), today=TODAY, since=SINCE) is None


def test_a_call_of_several_bodies_is_shown_once(bodies):
    call = CallFactory(title="Gemensam", opens=None, deadline=TODAY + dt.timedelta(days=5))
    for name in ("UN", "KS"):
        CallMatch.objects.create(call=call, body=bodies[name], status=MatchStatus.NEW)
    block = contributions.due_block(scope=due(bodies, "UN", "KS"), today=TODAY, since=SINCE)
    assert block is not None
    assert [e.title for e in block.entries] == ["Gemensam"]
    assert block.total == 1


def test_the_workspace_block_does_not_grow_with_rows(bodies, django_assert_num_queries):
    fill_due(bodies["UN"], 1)
    scope = due(bodies, "UN", "KFN", "KS")
    with django_assert_num_queries(4):
        first = contributions.due_block(scope=scope, today=TODAY, since=SINCE)
    for n in range(2, 12):
        fill_due(bodies["UN" if n % 2 else "KFN"], n)
    with django_assert_num_queries(4):
        later = contributions.due_block(scope=scope, today=TODAY, since=SINCE)
    assert first is not None
    assert later is not None
    assert (first.total, later.total, len(later.entries)) == (3, 33, contributions.SHOWN)


def test_a_committees_workspace_and_follow_up_show_the_funding_figures(client_as, bodies):
    """UN's officer sees its calls and reports due and this year's figures on the start page;
    the annual follow-up lists its projects and the indicators, as page and XLSX."""
    from io import BytesIO

    from openpyxl import load_workbook

    from omvarld.plans.documents import report_xlsx
    from omvarld.plans.reports import report_data

    today = timezone.localdate()
    un = bodies["UN"]
    call = CallFactory(title="Skolutveckling", opens=None, deadline=today + dt.timedelta(days=9))
    CallMatch.objects.create(call=call, body=un, status=MatchStatus.NEW)
    ProjectFactory(
        title="Skolprojektet",
        bodies=[un],
        status=ProjectStatus.GRANTED,
        submitted_on=dt.date(today.year, 1, 10),
        decided_on=dt.date(today.year, 3, 1),
        decision=Decision.GRANTED,
        eu_grant_awarded=Decimal("20000"),  # 220 000 kr
    )
    client = client_as("officer", bodies=[un])
    html = client.get("/").content.decode()
    assert "EU-finansiering: utlysningar, rapporter och utbetalningsansökningar" in html
    assert "Skolutveckling" in html
    assert "Beviljade EU-medel" in html
    assert "Inlämnade ansökningar om EU-stöd" in html
    page = client.get(f"/planer/uppfoljning/{today.year}/organ/{un.pk}/").content.decode()
    assert "EU-projekt" in page
    assert "Skolprojektet" in page
    assert "Matchade utlysningar" in page
    with translation.override("sv"):
        book = load_workbook(BytesIO(report_xlsx(report_data(body=un, year=today.year))))
    rows = {r[0]: r for r in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert rows["Beviljade EU-medel"][1:3] == ("kronor", 220_000)
    assert rows["Inlämnade ansökningar om EU-stöd"][1:3] == ("antal", 1)
    cells = {c for row in book["Listor"].iter_rows(values_only=True) for c in row if c}
    assert "Skolprojektet" in cells
