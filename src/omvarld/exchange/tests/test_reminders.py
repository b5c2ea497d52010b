"""Reminders with a fixed clock: a report not submitted N days after the return, follow-up
actions past due; both reach the platform's deadlines through the registered provider."""

from __future__ import annotations

import datetime as dt

import pytest

from omvarld.core.contributions import deadline_sources, deadlines_for
from omvarld.exchange.constants import ActionStatus
from omvarld.exchange.selectors.reminders import (
    actions_overdue,
    exchange_deadlines,
    reports_awaiting,
)

from .factories import ActionFactory, EventFactory, ParticipationFactory, ReportFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def trips(bodies, users):
    """Three MN trips and one UN trip, returning on different days, one with no traveller."""
    mn, un = bodies["mn"], bodies["un"]
    late = EventFactory(
        title="Sen", bodies=[mn], starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 11, 3)
    )
    recent = EventFactory(
        title="Nyss", bodies=[mn], starts_on=dt.date(2026, 11, 28), ends_on=dt.date(2026, 11, 30)
    )
    drafted = EventFactory(
        title="Utkast",
        bodies=[mn, un],
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 2),
    )
    empty = EventFactory(
        title="Ingen åkte",
        bodies=[mn],
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 2),
    )
    webinar = EventFactory(
        title="Webbinarium", bodies=[mn], report_required=False, ends_on=dt.date(2026, 10, 2)
    )
    for event in (late, recent, drafted, webinar):
        ParticipationFactory(event=event, user=users["officer"])
    ReportFactory(event=drafted)
    return {"late": late, "recent": recent, "drafted": drafted, "empty": empty}


def test_reports_awaiting_after_the_return_and_overdue_after_n_days(trips, bodies):
    rows = reports_awaiting(today=TODAY, body_ids=[bodies["mn"].pk])
    assert [e.title for e in rows] == ["Utkast", "Sen", "Nyss"]
    # Due 14 days after the return: 2026-10-16, 2026-11-17, 2026-12-14.
    assert [e.due_on for e in rows] == [
        dt.date(2026, 10, 16),
        dt.date(2026, 11, 17),
        dt.date(2026, 12, 14),
    ]
    assert [e.overdue for e in rows] == [True, True, False]


def test_the_number_of_days_is_a_setting(trips, bodies, settings):
    settings.EXCHANGE_REPORT_DUE_DAYS = 3
    rows = reports_awaiting(today=TODAY, body_ids=[bodies["mn"].pk])
    assert [(e.title, e.overdue) for e in rows] == [("Utkast", True), ("Sen", True), ("Nyss", True)]


def test_the_travellers_own_list(trips, users):
    assert len(reports_awaiting(today=TODAY, user_id=users["officer"].pk)) == 3
    assert reports_awaiting(today=TODAY, user_id=users["reader"].pk) == []


def test_actions_past_due(bodies, users):
    ActionFactory(
        title="Försenad", owner=users["officer"], body=bodies["mn"], due_on=dt.date(2026, 12, 1)
    )
    ActionFactory(
        title="Klar",
        owner=users["officer"],
        body=bodies["mn"],
        due_on=dt.date(2026, 12, 1),
        status=ActionStatus.DONE,
        outcome="Gjort",
    )
    ActionFactory(
        title="Senare", owner=users["officer"], body=bodies["mn"], due_on=dt.date(2026, 12, 24)
    )
    overdue = actions_overdue(today=TODAY, body_ids=[bodies["mn"].pk])
    assert [a.title for a in overdue] == ["Försenad"]


def test_the_provider_gives_each_bodys_reports_and_actions_in_the_window(trips, bodies, users):
    mn, un = bodies["mn"], bodies["un"]
    ActionFactory(title="Åtgärd MN", owner=users["officer"], body=mn, due_on=dt.date(2026, 12, 20))
    rows = exchange_deadlines(
        body_ids=[mn.pk, un.pk],
        date_from=dt.date(2026, 10, 1),
        date_to=dt.date(2026, 12, 31),
        today=TODAY,
    )
    seen = sorted((r.title, r.body_id, r.date, r.done) for r in rows)
    assert seen == sorted(
        [
            ("Utkast", mn.pk, dt.date(2026, 10, 16), False),
            ("Utkast", un.pk, dt.date(2026, 10, 16), False),
            ("Sen", mn.pk, dt.date(2026, 11, 17), False),
            ("Nyss", mn.pk, dt.date(2026, 12, 14), False),
            ("Åtgärd MN", mn.pk, dt.date(2026, 12, 20), False),
        ]
    )
    overdue = [r.title for r in rows if r.is_overdue(TODAY)]
    assert sorted(overdue) == ["Sen", "Utkast", "Utkast"]


def test_a_submitted_report_is_done(trips, bodies, users):
    report = trips["drafted"].report
    report.status = "submitted"
    report.save()
    rows = exchange_deadlines(
        body_ids=[bodies["un"].pk],
        date_from=dt.date(2026, 10, 1),
        date_to=dt.date(2026, 10, 31),
        today=TODAY,
    )
    assert [(r.title, r.done) for r in rows] == [("Utkast", True)]


def test_an_office_action_concerns_the_bodies_the_office_serves(bodies, users, municipality):
    from omvarld.organisation.models import Office

    office = Office.objects.create(municipality=municipality, name="Miljökontoret", short_name="MK")
    office.bodies.set([bodies["mn"]])
    ActionFactory(
        title="Kontorets", owner=users["officer"], office=office, due_on=dt.date(2026, 12, 10)
    )
    rows = exchange_deadlines(
        body_ids=[bodies["mn"].pk, bodies["un"].pk],
        date_from=TODAY,
        date_to=dt.date(2026, 12, 31),
        today=TODAY,
    )
    assert [(r.title, r.body_id) for r in rows] == [("Kontorets", bodies["mn"].pk)]


def test_the_provider_is_registered_and_reached_through_core(trips, bodies):
    assert "exchange" in dict(deadline_sources())
    rows = deadlines_for(
        body_ids=[bodies["mn"].pk],
        date_from=dt.date(2026, 11, 1),
        date_to=dt.date(2026, 11, 30),
        today=TODAY,
        sources=["exchange"],
    )
    assert [(r.title, r.uid) for r in rows] == [
        ("Sen", f"exchange-report-{trips['late'].pk}@omvarld")
    ]


def test_the_provider_answers_in_a_fixed_number_of_queries(
    bodies, users, django_assert_max_num_queries
):
    def run():
        return exchange_deadlines(
            body_ids=[bodies["mn"].pk],
            date_from=dt.date(2026, 1, 1),
            date_to=dt.date(2027, 12, 31),
            today=TODAY,
        )

    for n in range(3):
        event = EventFactory(
            bodies=[bodies["mn"]], ends_on=dt.date(2026, 11, 10 + n), starts_on=dt.date(2026, 11, 9)
        )
        ParticipationFactory(event=event, user=users["officer"])
        ActionFactory(event=event, owner=users["officer"], body=bodies["mn"])
    with django_assert_max_num_queries(4):
        assert len(run()) == 6
    for n in range(5):
        event = EventFactory(
            bodies=[bodies["mn"]],
            ends_on=dt.date(2026, 11, 20 + n),
            starts_on=dt.date(2026, 11, 19),
        )
        ParticipationFactory(event=event, user=users["officer"])
        ActionFactory(event=event, owner=users["officer"], body=bodies["mn"])
    with django_assert_max_num_queries(4):
        assert len(run()) == 16


def test_the_weekly_digest_reminds_the_body_of_late_reports_and_actions(trips, bodies, users):
    """The digest of EU monitoring reads every registered provider: the exchange's reminders reach
    the traveller, a member of MN, without a change there."""
    from django.utils import timezone

    from omvarld.eu_monitoring.selectors.digest import digest_for

    officer = users["officer"]
    officer.email = "maja.miljo@example.org"
    officer.save()
    ActionFactory(
        title="Pröva återbruksparken",
        event=trips["late"],
        owner=officer,
        body=bodies["mn"],
        due_on=dt.date(2026, 12, 1),
    )
    now = timezone.make_aware(dt.datetime(2026, 12, 6, 12, 0))
    digest = digest_for(user=officer, now=now)
    assert digest is not None
    # Reports due 2026-10-16 (Utkast) and 2026-11-17 (Sen) and the action due 2026-12-01 are
    # late; the report of "Nyss" is due 2026-12-14, within the digest's 30 days ahead.
    assert sorted((s.title, s.date) for s in digest.overdue) == [
        ("Pröva återbruksparken", dt.date(2026, 12, 1)),
        ("Sen", dt.date(2026, 11, 17)),
        ("Utkast", dt.date(2026, 10, 16)),
    ]
    assert [(s.title, s.date) for s in digest.upcoming if s.uid.startswith("exchange")] == [
        ("Nyss", dt.date(2026, 12, 14))
    ]
