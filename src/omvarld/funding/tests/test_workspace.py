"""The reads a committee's workspace and yearly indicators will use, against hand counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from omvarld.funding.constants import Decision, MatchStatus, ProjectStatus
from omvarld.funding.models import CallMatch
from omvarld.funding.selectors import body_year_counts, inbox_summary, needs_doing

from .factories import CallFactory, ClaimFactory, PeriodFactory, ProjectFactory

TODAY = dt.date(2026, 12, 6)


def test_body_year_counts_by_hand(bodies):
    un, ks = bodies["UN"], bodies["KS"]
    ProjectFactory(
        bodies=[un, ks],
        submitted_on=dt.date(2026, 2, 1),
        decided_on=dt.date(2026, 5, 1),
        decision=Decision.GRANTED,
        eu_grant_awarded=Decimal(1),
    )
    ProjectFactory(
        bodies=[un],
        submitted_on=dt.date(2026, 3, 1),
        decided_on=dt.date(2027, 1, 10),
        decision=Decision.REJECTED,
    )
    ProjectFactory(bodies=[un], submitted_on=dt.date(2025, 3, 1))
    for deadline, status in (
        (dt.date(2026, 4, 1), MatchStatus.NEW),
        (dt.date(2026, 9, 1), MatchStatus.NOT_RELEVANT),
        (dt.date(2027, 1, 1), MatchStatus.NEW),
    ):
        CallMatch.objects.create(
            call=CallFactory(opens=None, deadline=deadline), body=un, status=status
        )
    counts = body_year_counts(year=2026, body_ids=[un.pk, ks.pk])
    assert counts[un.pk].applications == 2
    assert (counts[un.pk].granted, counts[un.pk].rejected) == (1, 0)
    assert counts[un.pk].matched_calls == 1, "not the one judged not relevant, not 2027's"
    assert (counts[ks.pk].applications, counts[ks.pk].granted) == (1, 1)
    assert body_year_counts(year=2027, body_ids=[un.pk])[un.pk].rejected == 1


def test_what_needs_doing_now(bodies):
    un = bodies["UN"]
    soon = CallFactory(title="Stänger snart", opens=None, deadline=TODAY + dt.timedelta(days=10))
    CallMatch.objects.create(call=soon, body=un, status=MatchStatus.NEW)
    judged = CallFactory(title="Bedömd", opens=None, deadline=TODAY + dt.timedelta(days=5))
    CallMatch.objects.create(call=judged, body=un, status=MatchStatus.RELEVANT)
    far = CallFactory(title="Långt bort", opens=None, deadline=TODAY + dt.timedelta(days=90))
    CallMatch.objects.create(call=far, body=un, status=MatchStatus.NEW)
    project = ProjectFactory(
        title="Projektet",
        bodies=[un],
        status=ProjectStatus.GRANTED,
        starts=dt.date(2027, 1, 1),
        eu_grant_awarded=Decimal(1),
        decision=Decision.GRANTED,
    )
    PeriodFactory(project=project, report_due=TODAY - dt.timedelta(days=3))
    PeriodFactory(project=project, report_due=TODAY + dt.timedelta(days=3), submitted_on=TODAY)
    ClaimFactory(project=project, due=TODAY + dt.timedelta(days=20))
    rows = needs_doing(body_ids=[un.pk], today=TODAY)
    assert [(r.kind, r.title, r.due) for r in rows] == [
        ("report", "Projektet", TODAY - dt.timedelta(days=3)),
        ("call", "Stänger snart", TODAY + dt.timedelta(days=10)),
        ("claim", "Projektet", TODAY + dt.timedelta(days=20)),
        ("start", "Projektet", dt.date(2027, 1, 1)),
    ]


def test_the_eu_monitoring_inbox_points_to_the_body_s_calls(client, people, bodies):
    """Hand count: UN has two current calls (one new, one of interest); a call it judged not
    relevant and a call whose deadline has passed do not count; KFN's call is not UN's."""
    today = timezone.localdate()
    un, kfn = bodies["UN"], bodies["KFN"]
    soon = today + dt.timedelta(days=30)
    for status, deadline, body in (
        (MatchStatus.NEW, soon, un),
        (MatchStatus.RELEVANT, soon, un),
        (MatchStatus.NOT_RELEVANT, soon, un),
        (MatchStatus.NEW, today - dt.timedelta(days=1), un),
        (MatchStatus.NEW, soon, kfn),
    ):
        call = CallFactory(opens=None, deadline=deadline)
        CallMatch.objects.create(call=call, body=body, score=0.5, status=status)
    assert inbox_summary(body=un) == (2, 1)
    assert inbox_summary(body=bodies["KS"]) == (0, 0)
    client.force_login(people["reader"])
    page = client.get(f"/eu-bevakning/organ/{un.pk}/").content.decode()
    assert (
        f'<a href="/eu-medel/organ/{un.pk}/">2 utlysningar om EU-medel passar organet (nya: 1).</a>'
        in page
    )
