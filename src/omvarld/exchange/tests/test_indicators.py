"""The per body and year reads that a committee's workspace and the yearly indicators use,
against numbers counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from omvarld.exchange.constants import ActionStatus, ReportStatus
from omvarld.exchange.selectors.events import body_year, my_page

from .factories import ActionFactory, EventFactory, ParticipationFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_a_bodys_year(bodies, users):
    mn, un = bodies["mn"], bodies["un"]
    # MN in 2026: three events (two trips, one webinar); one trip's report submitted, one draft.
    a = EventFactory(bodies=[mn], starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 2))
    b = EventFactory(bodies=[mn, un], starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 5, 2))
    EventFactory(
        bodies=[mn],
        report_required=False,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 6, 1),
    )
    ReportFactory(event=a, status=ReportStatus.SUBMITTED)
    ReportFactory(event=b)
    # Actions of MN's 2026 trips: three, one done, one dropped.
    ActionFactory(event=a, owner=users["officer"], body=mn, status=ActionStatus.DONE, outcome="Ja")
    ActionFactory(
        event=a, owner=users["officer"], body=mn, status=ActionStatus.DROPPED, outcome="Nej"
    )
    ActionFactory(event=b, owner=users["officer"], body=un)
    # Not counted: MN in 2025, UN only.
    EventFactory(bodies=[mn], starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 3, 2))
    EventFactory(bodies=[un], starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 2))
    year = body_year(body_id=mn.pk, year=2026)
    assert (year.events, year.trips, year.reports_submitted) == (3, 2, 1)
    assert (year.actions, year.actions_done) == (3, 1)
    assert body_year(body_id=un.pk, year=2026).events == 2


def test_a_travellers_own_list(bodies, users):
    today = dt.date(2026, 12, 6)
    coming = EventFactory(
        bodies=[bodies["mn"]], starts_on=dt.date(2027, 1, 10), ends_on=dt.date(2027, 1, 11)
    )
    back = EventFactory(
        bodies=[bodies["mn"]], starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 11, 2)
    )
    for event in (coming, back):
        ParticipationFactory(event=event, user=users["officer"])
    ActionFactory(event=back, owner=users["officer"], body=bodies["mn"])
    page = my_page(user_id=users["officer"].pk, today=today)
    assert page.coming == [coming]
    assert page.reports_due == [back]
    assert len(page.actions) == 1
    assert my_page(user_id=users["reader"].pk, today=today).coming == []
