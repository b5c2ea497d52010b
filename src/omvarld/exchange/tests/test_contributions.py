"""What the exchange register adds to the workspace, the yearly indicators and the annual
report, against numbers counted by hand, in a fixed number of queries, and per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omvarld.core.contributions import (
    Scope,
    Section,
    indicators,
    report_lists,
    workspace_blocks,
)
from omvarld.exchange import contributions
from omvarld.exchange.constants import ActionStatus, EventKind
from omvarld.organisation.models import Office

from .factories import (
    ActionFactory,
    EventFactory,
    GuestFactory,
    LessonFactory,
    ParticipationFactory,
    ReportFactory,
    SubmittedReportFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 6)
SINCE = timezone.make_aware(dt.datetime(2026, 11, 22))
D = dt.date


@pytest.fixture(autouse=True)
def fourteen_days(settings):
    settings.EXCHANGE_REPORT_DUE_DAYS = 14


@pytest.fixture
def year(bodies, users, make_body):
    """MN's and UN's exchange in 2026, as of 2026-12-06 (a report is due 14 days after return):

    A  MN   conference 2–3 Mar, the officer and a guest, report submitted with two lessons;
            actions: done (MN), dropped (MN), in progress (an office serving MN, due 1 Dec)
    B  MN+UN study visit 10–12 Nov, the officer, report a draft (due 26 Nov: late);
            action: proposed (UN)
    C  MN   conference 28–30 Nov, the officer, no report (due 14 Dec: not yet)
    D  MN   webinar 1 Jun, no report asked, the officer
    E  UN   conference 1–2 Apr, nobody went (an event, not a trip)
    F  MN   conference 20–22 Dec, the officer (coming)
    G  no body, conference 5–6 May, the officer, report submitted
    H  MN   conference 2025, the officer, report a draft; a done action (another year)
    """
    mn, un, officer = bodies["mn"], bodies["un"], users["officer"]
    office = Office.objects.create(
        municipality=mn.municipality, name="Miljökontoret", short_name="MK"
    )
    office.bodies.set([mn])
    ev = {}
    ev["A"] = EventFactory(title="A", bodies=[mn], starts_on=D(2026, 3, 2), ends_on=D(2026, 3, 3))
    ev["B"] = EventFactory(
        title="B",
        kind=EventKind.STUDY_VISIT_OUT,
        bodies=[mn, un],
        starts_on=D(2026, 11, 10),
        ends_on=D(2026, 11, 12),
    )
    ev["C"] = EventFactory(
        title="C", bodies=[mn], starts_on=D(2026, 11, 28), ends_on=D(2026, 11, 30)
    )
    ev["D"] = EventFactory(
        title="D",
        kind=EventKind.WEBINAR,
        report_required=False,
        bodies=[mn],
        starts_on=D(2026, 6, 1),
        ends_on=D(2026, 6, 1),
    )
    ev["E"] = EventFactory(title="E", bodies=[un], starts_on=D(2026, 4, 1), ends_on=D(2026, 4, 2))
    ev["F"] = EventFactory(
        title="F", bodies=[mn], starts_on=D(2026, 12, 20), ends_on=D(2026, 12, 22)
    )
    ev["G"] = EventFactory(title="G", starts_on=D(2026, 5, 5), ends_on=D(2026, 5, 6))
    ev["H"] = EventFactory(title="H", bodies=[mn], starts_on=D(2025, 9, 1), ends_on=D(2025, 9, 2))
    for key in "ABCDFGH":
        ParticipationFactory(event=ev[key], user=officer)
    GuestFactory(event=ev["A"])
    report = SubmittedReportFactory(event=ev["A"])
    LessonFactory(report=report, text="Återbruk sparar pengar.")
    LessonFactory(report=report, text="Planera tidigt.")
    ReportFactory(event=ev["B"])
    SubmittedReportFactory(event=ev["G"])
    ReportFactory(event=ev["H"])
    owner = {"owner": officer}
    ActionFactory(event=ev["A"], body=mn, status=ActionStatus.DONE, outcome="Klart", **owner)
    ActionFactory(event=ev["A"], body=mn, status=ActionStatus.DROPPED, outcome="Nej", **owner)
    ActionFactory(
        event=ev["A"],
        title="Kontorets åtgärd",
        office=office,
        status=ActionStatus.IN_PROGRESS,
        due_on=D(2026, 12, 1),
        **owner,
    )
    ActionFactory(event=ev["B"], title="UN:s åtgärd", body=un, **owner)
    ActionFactory(event=ev["H"], body=mn, status=ActionStatus.DONE, outcome="Klart", **owner)
    empty = make_body("KN", "Kulturnämnden")
    return {"events": ev, "office": office, "empty": empty}


def measures(key, bodies, empty):
    (indicator,) = [i for i in indicators() if i.key == key]
    ids = [bodies["mn"].pk, bodies["un"].pk, empty.pk]
    values = indicator.query(body_ids=ids, year=2026, today=TODAY)
    return (*(values.by_body[b] for b in ids), values.total)


def test_the_indicators_against_hand_counted_numbers(bodies, year):
    empty = year["empty"]

    def counts(key):
        return tuple(m.value for m in measures(key, bodies, empty))

    def shares(key):
        return tuple((m.value, m.base) for m in measures(key, bodies, empty))

    # Held by today in 2026: MN A B C D, UN B E, all A B C D E G (F is to come, H was 2025).
    assert counts("exchange.events") == (4, 2, 0, 6)
    # Trips (a report asked, someone went): MN A B C, UN B, all A B C G.
    assert counts("exchange.trips") == (3, 1, 0, 4)
    # Participations: MN 2 + 1 + 1 + 1, UN 1 (B), all adds G's.
    assert counts("exchange.participants") == (5, 1, 0, 6)
    # Due by today or in: MN A (in) and B (late); UN B; all A, B, G. C is not due yet.
    assert shares("exchange.reports_submitted") == ((50.0, 2), (0.0, 1), (None, 0), (66.7, 3))
    assert counts("exchange.reports_late") == (1, 1, 0, 1)
    # Actions of 2026's events, the dropped one left out: MN done + the office's, UN's one.
    assert shares("exchange.actions_done") == ((50.0, 2), (0.0, 1), (None, 0), (33.3, 3))


def test_the_indicators_are_defined_once_under_the_exchange_goal(db):
    mine = [i for i in indicators() if i.key.startswith("exchange.")]
    assert [i.key for i in mine] == [
        "exchange.events",
        "exchange.trips",
        "exchange.participants",
        "exchange.reports_submitted",
        "exchange.reports_late",
        "exchange.actions_done",
    ]
    assert all(i.goals == ("exchange",) and str(i.definition) for i in mine)
    assert [str(i.unit) for i in mine].count("percent") == 2


def test_the_trips_of_the_annual_report_with_their_lessons(bodies, year):
    (trips,) = [r for r in report_lists() if r.key == "exchange.trips"]
    mn = trips.provide(body_ids=[bodies["mn"].pk], year=2026)
    assert [e.title for e in mn] == ["A", "B", "C"]  # F is still to come
    assert mn[0].detail == "Återbruk sparar pengar. Planera tidigt."
    assert mn[0].url.endswith(f"/evenemang/{year['events']['A'].pk}/reserapport/")
    assert [e.label for e in mn] == ["Reserapport inlämnad"] + ["Ingen reserapport inlämnad"] * 2
    everyone = trips.provide(body_ids=None, year=2026)
    assert [e.title for e in everyone] == ["A", "G", "B", "C"]


def test_a_bodys_block_late_first_then_by_date(bodies, year):
    scope = Scope(body_ids=frozenset({bodies["mn"].pk}))
    block = contributions.reports_and_actions(scope=scope, today=TODAY, since=SINCE)
    assert block is not None
    # H's report of 2025 is still awaited too.
    assert [(e.title, e.date, e.overdue) for e in block.entries] == [
        ("H", D(2025, 9, 16), True),
        ("B", D(2026, 11, 26), True),
        ("Kontorets åtgärd", D(2026, 12, 1), True),
        ("C", D(2026, 12, 14), False),
    ]
    assert block.total == 4
    assert block.url.endswith(f"/organ/{bodies['mn'].pk}/")
    coming = contributions.coming(scope=scope, today=TODAY, since=SINCE)
    assert coming is not None
    assert [(e.title, e.label) for e in coming.entries] == [("F", "Resa")]
    # UN: B's report and UN's own action; neither C nor the office's action.
    un = Scope(body_ids=frozenset({bodies["un"].pk}))
    block = contributions.reports_and_actions(scope=un, today=TODAY, since=SINCE)
    assert block is not None
    assert [e.title for e in block.entries] == ["B", "UN:s åtgärd"]
    assert contributions.coming(scope=un, today=TODAY, since=SINCE) is None
    # An office: the bodies it serves and its own actions.
    office = Scope(body_ids=frozenset({bodies["mn"].pk}), office_ids=frozenset({year["office"].pk}))
    block = contributions.reports_and_actions(scope=office, today=TODAY, since=SINCE)
    assert block is not None
    assert block.total == 4


def test_a_body_with_nothing_has_no_block(year):
    scope = Scope(body_ids=frozenset({year["empty"].pk}))
    assert contributions.reports_and_actions(scope=scope, today=TODAY, since=SINCE) is None
    assert contributions.coming(scope=scope, today=TODAY, since=SINCE) is None


def _more(bodies, users, n):
    for i in range(n):
        event = EventFactory(
            bodies=[bodies["mn"], bodies["un"]], starts_on=D(2026, 11, 1), ends_on=D(2026, 11, 2)
        )
        ParticipationFactory(event=event, user=users["officer"])
        LessonFactory(report=ReportFactory(event=event), text=f"Lärdom {i}")
        ActionFactory(event=event, owner=users["officer"], body=bodies["mn"])
        EventFactory(bodies=[bodies["un"]], starts_on=D(2026, 12, 10), ends_on=D(2026, 12, 11))


def _everything(body_ids):
    scope = Scope(body_ids=frozenset(body_ids))
    for section in (Section.TODO, Section.FIGURES):
        workspace_blocks(section, scope=scope, today=TODAY, since=SINCE)
    for indicator in indicators():
        if indicator.key.startswith("exchange."):
            indicator.query(body_ids=body_ids, year=2026, today=TODAY)
    contributions.trip_list(body_ids=body_ids, year=2026)
    contributions.trip_list(body_ids=None, year=2026)


def test_the_queries_do_not_grow_with_bodies_or_rows(
    bodies, users, year, django_assert_max_num_queries
):
    few = [bodies["mn"].pk]
    every = [bodies["mn"].pk, bodies["un"].pk, year["empty"].pk]
    with django_assert_max_num_queries(200) as first:
        _everything(few)
    _more(bodies, users, 6)
    with django_assert_max_num_queries(200) as many:
        _everything(every)
    assert len(many.captured_queries) == len(first.captured_queries)


def test_exchanges_own_queries(bodies, year, django_assert_num_queries):
    scope = Scope(body_ids=frozenset({bodies["mn"].pk, bodies["un"].pk}))
    with django_assert_num_queries(3):
        contributions.reports_and_actions(scope=scope, today=TODAY, since=SINCE)
    with django_assert_num_queries(1):
        contributions.coming(scope=scope, today=TODAY, since=SINCE)
    with django_assert_num_queries(2):
        contributions.trip_list(body_ids=None, year=2026)
    with django_assert_num_queries(3):
        contributions.actions_done(body_ids=list(scope.body_ids), year=2026, today=TODAY)


@pytest.fixture
def lately(bodies, users):
    """Dated from today, as the start page uses the real date: MN's trip back three weeks ago
    without a report, an action of the office serving MN, one of UN, MN's fair in ten days."""
    today = timezone.localdate()
    mn, un, officer = bodies["mn"], bodies["un"], users["officer"]
    office = Office.objects.create(
        municipality=mn.municipality, name="Miljökontoret", short_name="MK"
    )
    office.bodies.set([mn])
    trip = EventFactory(
        title="Miljöresa",
        bodies=[mn],
        starts_on=today - dt.timedelta(days=23),
        ends_on=today - dt.timedelta(days=21),
    )
    ParticipationFactory(event=trip, user=officer)
    due = today + dt.timedelta(days=5)
    ActionFactory(event=trip, title="Kontorets åtgärd", office=office, owner=officer, due_on=due)
    ActionFactory(event=trip, title="Skolans åtgärd", body=un, owner=officer, due_on=due)
    fair = EventFactory(
        title="Kommande mässa",
        bodies=[mn],
        starts_on=today + dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=11),
    )
    ParticipationFactory(event=fair, user=officer)


MN_SEES = ["Miljöresa<", "Kontorets åtgärd<", "Kommande mässa<"]


@pytest.mark.parametrize(
    ("who", "sees", "hidden"),
    [
        ("officer", MN_SEES, ["Skolans åtgärd<"]),
        ("other_officer", ["Skolans åtgärd<"], MN_SEES),
        ("coordinator", [*MN_SEES, "Skolans åtgärd<"], []),
        ("admin", [*MN_SEES, "Skolans åtgärd<"], []),
        ("reader", [*MN_SEES, "Skolans åtgärd<"], []),
    ],
)
def test_each_role_sees_the_exchange_of_its_workspace(client, users, lately, who, sees, hidden):
    client.force_login(users[who])
    html = client.get("/").content.decode()
    assert "Reserapporter och uppföljande åtgärder" in html
    assert "Inlämnade reserapporter" in html
    for text in sees:
        assert f">{text}" in html, text
    for text in hidden:
        assert f">{text}" not in html, text
    assert ("Reserapport försenad" in html) == ("Miljöresa<" in sees)
