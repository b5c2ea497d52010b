"""The dates EU funding gives a body's deadlines: matched calls, reports, claims, final reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from omvarld.core.contributions import deadlines_for
from omvarld.funding.constants import CallStatus, MatchStatus, ProjectStatus
from omvarld.funding.deadlines import funding_deadlines
from omvarld.funding.models import CallMatch

from .factories import CallFactory, ClaimFactory, PeriodFactory, ProjectFactory

TODAY = dt.date(2026, 12, 6)
FROM, TO = dt.date(2026, 12, 1), dt.date(2027, 12, 31)


def _rows(body_ids):
    return funding_deadlines(body_ids=body_ids, date_from=FROM, date_to=TO, today=TODAY)


def test_matched_calls_reports_claims_and_final_reports(bodies):
    un, kfn = bodies["UN"], bodies["KFN"]
    call = CallFactory(
        title="Skolsamarbeten",
        opens=dt.date(2026, 11, 1),
        deadline=dt.date(2027, 2, 18),
        url="https://example.eu/t",
    )
    CallMatch.objects.create(call=call, body=un, score=0.6)
    dismissed = CallFactory(title="Ointressant", deadline=dt.date(2027, 2, 1))
    CallMatch.objects.create(call=dismissed, body=un, score=0.6, status=MatchStatus.NOT_RELEVANT)
    late = CallFactory(title="Stängd", deadline=dt.date(2026, 11, 1))
    CallMatch.objects.create(call=late, body=un, score=0.6)
    project = ProjectFactory(
        title="Östersjöskolor",
        acronym="ÖS",
        bodies=[un, kfn],
        final_report_due=dt.date(2027, 12, 31),
    )
    PeriodFactory(project=project, report_due=dt.date(2027, 8, 31))
    PeriodFactory(
        project=project, report_due=dt.date(2027, 3, 31), submitted_on=dt.date(2027, 3, 1)
    )
    ClaimFactory(project=project, due=dt.date(2027, 9, 30), amount_claimed=Decimal(1000))
    rows = _rows([un.pk])
    assert [(r.date, r.label, r.title, r.done) for r in rows] == [
        (dt.date(2027, 2, 18), "Sista dag att söka", "Skolsamarbeten", False),
        (dt.date(2027, 3, 31), "Rapport ska lämnas", "ÖS – Östersjöskolor", True),
        (dt.date(2027, 8, 31), "Rapport ska lämnas", "ÖS – Östersjöskolor", False),
        (dt.date(2027, 9, 30), "Utbetalningsansökan ska lämnas", "ÖS – Östersjöskolor", False),
        (dt.date(2027, 12, 31), "Slutrapport ska lämnas", "ÖS – Östersjöskolor", False),
    ]
    first = rows[0]
    assert first.starts == dt.date(2026, 11, 1)
    assert first.external_url == "https://example.eu/t"
    assert first.url == f"/eu-medel/utlysningar/{call.pk}/"
    assert first.source == "EU-medel"
    assert first.uid == f"funding-call-{call.pk}-{un.pk}@omvarld"
    assert rows[1].url == f"/eu-medel/projekt/{project.pk}/"
    # Each body of the project gets its own row, with its own identifier.
    both = _rows([un.pk, kfn.pk])
    assert sum(r.body_id == kfn.pk for r in both) == 4
    assert len({r.uid for r in both}) == len(both)


def test_a_submitted_application_makes_the_call_done_and_a_closed_project_its_final_report(bodies):
    un = bodies["UN"]
    call = CallFactory(deadline=dt.date(2027, 2, 18))
    CallMatch.objects.create(call=call, body=un, score=0.6, status=MatchStatus.APPLYING)
    ProjectFactory(
        call=call,
        bodies=[un],
        submitted_on=dt.date(2027, 2, 1),
        status=ProjectStatus.CLOSED,
        final_report_due=dt.date(2027, 6, 1),
        eu_grant_awarded=Decimal(1),
        decision="granted",
    )
    rows = _rows([un.pk])
    assert [(r.label, r.done) for r in rows] == [
        ("Sista dag att söka", True),
        ("Slutrapport ska lämnas", True),
    ]


def test_only_steps_the_body_can_still_take_ask_for_action(bodies):
    """A passed or closed call asks nothing more; an ended project's reports are never overdue."""
    un = bodies["UN"]
    passed = CallFactory(title="Passerad", opens=None, deadline=dt.date(2026, 12, 3))
    closed = CallFactory(
        title="Stängd på portalen", deadline=dt.date(2027, 1, 20), portal_status=CallStatus.CLOSED
    )
    open_call = CallFactory(title="Öppen", deadline=dt.date(2027, 1, 21))
    for call in (passed, closed, open_call):
        CallMatch.objects.create(call=call, body=un, score=0.6)
    running = ProjectFactory(title="Pågår", bodies=[un], status=ProjectStatus.RUNNING)
    PeriodFactory(project=running, report_due=dt.date(2026, 12, 2))
    rejected = ProjectFactory(
        title="Avslag",
        bodies=[un],
        status=ProjectStatus.REJECTED,
        decision="rejected",
        final_report_due=dt.date(2027, 6, 1),
    )
    PeriodFactory(project=rejected, report_due=dt.date(2026, 12, 2))
    ClaimFactory(project=rejected, due=dt.date(2026, 12, 4), amount_claimed=Decimal(1))
    rows = {(r.title, r.label): r for r in _rows([un.pk])}
    assert {key: (r.action_needed, r.is_overdue(TODAY)) for key, r in rows.items()} == {
        ("Passerad", "Sista dag att söka"): (False, False),
        ("Stängd på portalen", "Sista dag att söka"): (False, False),
        ("Öppen", "Sista dag att söka"): (True, False),
        ("Pågår", "Rapport ska lämnas"): (True, True),
        ("Avslag", "Rapport ska lämnas"): (False, False),
        ("Avslag", "Utbetalningsansökan ska lämnas"): (False, False),
        ("Avslag", "Slutrapport ska lämnas"): (False, False),
    }


def test_the_provider_answers_in_a_fixed_number_of_queries(bodies):
    def make(n):
        for i in range(n):
            call = CallFactory(deadline=dt.date(2027, 1, 10 + i))
            CallMatch.objects.create(call=call, body=bodies["UN"], score=0.5)
            project = ProjectFactory(bodies=[bodies["UN"]], final_report_due=dt.date(2027, 5, 1))
            PeriodFactory(project=project)
            ClaimFactory(project=project)

    make(1)
    with CaptureQueriesContext(connection) as few:
        _rows([bodies["UN"].pk])
    make(5)
    with CaptureQueriesContext(connection) as many:
        assert len(_rows([bodies["UN"].pk])) == 6 * 4
    assert len(few) == len(many) == 5
    assert _rows([]) == []


def test_registered_with_the_platform(bodies):
    call = CallFactory(deadline=dt.date(2027, 2, 18))
    CallMatch.objects.create(call=call, body=bodies["UN"], score=0.6)
    rows = deadlines_for(
        body_ids=[bodies["UN"].pk], date_from=FROM, date_to=TO, today=TODAY, sources=["funding"]
    )
    assert [r.title for r in rows] == [call.title]
