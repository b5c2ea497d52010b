"""The deadlines of the bodies: EU monitoring's provider, the page (every registered source) and
who may see it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring.constants import (
    Channel,
    InboxStatus,
    Relevance,
    Source,
    Stage,
    WindowKind,
)
from omvarld.eu_monitoring.models import Assessment, InfluenceAction, StageEvent
from omvarld.eu_monitoring.selectors.deadlines import eu_deadlines, initiative_path
from omvarld.eu_monitoring.tests.factories import make_initiative, make_stage, make_window, route

TODAY = datetime.date(2026, 11, 26)


def days(n: int, today: datetime.date = TODAY) -> datetime.date:
    return today + datetime.timedelta(days=n)


@pytest.fixture
def bodies(make_body):
    return make_body("MN", "Miljönämnden"), make_body("UN", "Utbildningsnämnden")


def test_windows_and_stages_of_routed_initiatives_in_the_period(bodies):
    mn, un = bodies
    water = make_initiative("Översyn av dricksvattendirektivet", url="https://ec.europa.eu/x")
    route(water, mn)
    open_window = make_window(water, closes=days(10), opens=days(-20), url="https://hys/1")
    coming = make_window(
        water, closes=days(60), opens=days(30), kind=WindowKind.PUBLIC_CONSULTATION
    )
    make_window(water, closes=days(-1), opens=days(-30), external_id="closed")
    make_window(water, closes=days(400), external_id="far")
    make_window(water, closes=None, external_id="no date")
    proposal = make_stage(water, Stage.PROPOSAL, days(45))
    make_stage(water, Stage.PLANNED, days(-100))
    school = make_initiative("Skolinitiativet")
    route(school, un)
    make_window(school, closes=days(5))

    rows = sorted(
        eu_deadlines(body_ids=[mn.pk], date_from=TODAY, date_to=days(90), today=TODAY),
        key=lambda r: r.date,
    )

    assert [r.uid for r in rows] == [
        f"window-{open_window.pk}@omvarld",
        f"stage-{proposal.pk}@omvarld",
        f"window-{coming.pk}@omvarld",
    ]
    first, step, later = rows
    assert first.days_left(TODAY) == 10
    assert first.starts == days(-20)
    assert first.action_needed
    assert not first.done
    assert first.external_url == "https://hys/1"
    assert first.url == initiative_path(water.pk)
    assert first.title == "Översyn av dricksvattendirektivet"
    assert first.source == "EU-bevakning"
    assert later.starts == days(30)
    assert step.label == str(Stage.PROPOSAL.label)
    assert step.external_url == "https://ec.europa.eu/x"
    assert not step.action_needed
    assert not step.is_overdue(days(50))
    assert {r.body_id for r in rows} == {mn.pk}


def test_closed_and_irrelevant_routings_bring_no_deadlines(bodies, make_user):
    mn, un = bodies
    closed = make_initiative("Avslutad")
    route(closed, mn, status=InboxStatus.CLOSED)
    make_window(closed, closes=days(3))
    irrelevant = make_initiative("Inte relevant")
    routing = route(irrelevant, mn, status=InboxStatus.ASSESSED)
    Assessment.objects.create(routing=routing, relevance=Relevance.NONE)
    make_window(irrelevant, closes=days(4))
    relevant = make_initiative("Relevant")
    routing = route(relevant, mn, status=InboxStatus.ASSESSED)
    Assessment.objects.create(routing=routing, relevance=Relevance.LOW)
    make_window(relevant, closes=days(5))
    not_routed = make_initiative("Inte routad")
    make_window(not_routed, closes=days(6))

    rows = eu_deadlines(body_ids=[mn.pk, un.pk], date_from=TODAY, date_to=days(30), today=TODAY)

    assert [r.title for r in rows] == ["Relevant"]


def test_one_row_per_body_and_whether_that_body_answered(bodies):
    mn, un = bodies
    initiative = make_initiative("Gemensamt initiativ")
    route(initiative, mn)
    route(initiative, un)
    window = make_window(initiative, closes=days(7))
    InfluenceAction.objects.create(
        initiative=initiative,
        body=mn,
        date=TODAY,
        channel=Channel.OWN_RESPONSE,
        description="Remissvar",
        window=window,
    )
    # An action for the initiative that answered no window does not count.
    InfluenceAction.objects.create(
        initiative=initiative, body=un, date=TODAY, channel=Channel.SKR, description="Via SKR"
    )

    rows = eu_deadlines(body_ids=[mn.pk, un.pk], date_from=TODAY, date_to=days(30), today=TODAY)

    assert sorted((r.body_id, r.done) for r in rows) == [(mn.pk, True), (un.pk, False)]


def test_a_closed_window_asks_nothing_more(bodies):
    """Once its last day has passed, a window is met or missed: no call to act, no reminder."""
    mn, _un = bodies
    initiative = make_initiative("Stängt samråd")
    route(initiative, mn)
    make_window(initiative, closes=days(-3), opens=days(-40))
    (row,) = eu_deadlines(body_ids=[mn.pk], date_from=days(-30), date_to=TODAY, today=TODAY)
    assert not row.action_needed
    assert not row.is_overdue(TODAY)


def test_a_stage_two_sources_date_a_day_apart_is_one_step(bodies):
    mn, _un = bodies
    initiative = make_initiative("Förslag till förordning")
    route(initiative, mn)
    first = make_stage(initiative, Stage.PROPOSAL, days(10))
    StageEvent.objects.create(
        initiative=initiative, stage=Stage.PROPOSAL, date=days(11), source=Source.EUROPARL
    )
    rows = eu_deadlines(body_ids=[mn.pk], date_from=TODAY, date_to=days(30), today=TODAY)
    assert [r.uid for r in rows] == [f"stage-{first.pk}@omvarld"]


def test_initiative_link_goes_to_a_page_that_exists():
    path = initiative_path(12345)
    assert path.startswith("/eu-bevakning/")


# --- The page ---------------------------------------------------------------------------------


@pytest.fixture
def today():
    return timezone.localdate()


def test_page_shows_the_users_own_bodies_by_default(client_as, bodies, today):
    mn, un = bodies
    own = make_initiative("Vattenramdirektivet ses över")
    route(own, mn)
    make_window(own, closes=days(12, today), opens=days(-3, today))
    other = make_initiative("Skolans digitalisering")
    route(other, un)
    make_window(other, closes=days(8, today))

    client = client_as(Role.OFFICER, bodies=[mn])
    response = client.get("/eu-bevakning/tidsfrister/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vattenramdirektivet ses över" in html
    assert "Skolans digitalisering" not in html
    assert days(12, today).isoformat() in html
    assert "12" in html
    assert initiative_path(own.pk) in html
    caption = html[html.index("<caption") : html.index("</caption>")]
    assert "Miljönämnden" in caption
    assert "Utbildningsnämnden" not in caption


def test_page_filters_by_body_and_period(client_as, bodies, today):
    mn, un = bodies
    soon = make_initiative("Snart")
    route(soon, un)
    make_window(soon, closes=days(20, today))
    later = make_initiative("Senare")
    route(later, un)
    make_window(later, closes=days(100, today))
    own = make_initiative("Egen")
    route(own, mn)
    make_window(own, closes=days(5, today))

    client = client_as(Role.READER, bodies=[mn])
    html = client.get("/eu-bevakning/tidsfrister/", {"body": "UN", "period": "30"}).content
    assert b"Snart" in html
    assert b"Senare" not in html
    assert b"Egen" not in html
    html = client.get("/eu-bevakning/tidsfrister/", {"body": "UN", "period": "180"}).content
    assert b"Snart" in html
    assert b"Senare" in html
    html = client.get("/eu-bevakning/tidsfrister/", {"body": "all", "period": "30"}).content
    assert b"Snart" in html
    assert b"Egen" in html


def test_page_shows_all_bodies_to_a_user_without_bodies(client_as, bodies, today):
    mn, un = bodies
    for body, title in ((mn, "Miljöfrågan"), (un, "Skolfrågan")):
        initiative = make_initiative(title)
        route(initiative, body)
        make_window(initiative, closes=days(3, today))
    html = client_as(Role.READER).get("/eu-bevakning/tidsfrister/").content.decode()
    assert "Miljöfrågan" in html
    assert "Skolfrågan" in html


def test_an_invalid_filter_falls_back_to_the_defaults(client_as, bodies, today):
    mn, _un = bodies
    initiative = make_initiative("Standard")
    route(initiative, mn)
    make_window(initiative, closes=days(3, today))
    client = client_as(Role.OFFICER, bodies=[mn])
    response = client.get("/eu-bevakning/tidsfrister/", {"body": "XX", "period": "7"})
    assert response.status_code == 200
    assert b"Standard" in response.content


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/eu-bevakning/tidsfrister/")
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


def add_steps(bodies, today, count: int, start: int = 0) -> None:
    mn, un = bodies
    for n in range(start, start + count):
        initiative = make_initiative(f"Initiativ {n}")
        route(initiative, mn)
        route(initiative, un)
        window = make_window(initiative, closes=days(n + 1, today))
        make_stage(initiative, Stage.PROPOSAL, days(n + 2, today))
        InfluenceAction.objects.create(
            initiative=initiative,
            body=mn,
            date=today,
            channel=Channel.OWN_RESPONSE,
            description="Svar",
            window=window,
        )


def page_queries(client, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/eu-bevakning/tidsfrister/", params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_page_query_count_does_not_grow_with_rows(client_as, bodies, today):
    client = client_as(Role.OFFICER, bodies=list(bodies))
    add_steps(bodies, today, 2)
    few, _html = page_queries(client, period="90")
    add_steps(bodies, today, 28, start=2)
    many, html = page_queries(client, period="90")
    assert many == few
    assert html.count("Initiativ 1</a>") == 4


def test_the_default_period_is_the_one_shown_and_used(client_as, bodies, today):
    mn, _un = bodies
    for n, title in ((20, "Om tjugo dagar"), (80, "Om åttio dagar"), (100, "Om hundra dagar")):
        initiative = make_initiative(title)
        route(initiative, mn)
        make_window(initiative, closes=days(n, today))
    html = client_as(Role.OFFICER, bodies=[mn]).get("/eu-bevakning/tidsfrister/").content.decode()
    select = html[
        html.index('name="period"') : html.index("</select>", html.index('name="period"'))
    ]
    assert '<option value="90" selected>3 månader</option>' in select
    assert "Om tjugo dagar" in html
    assert "Om åttio dagar" in html
    assert "Om hundra dagar" not in html
    assert days(90, today).isoformat() in html


def test_a_bad_period_says_so_and_shows_the_default_it_uses(client_as, bodies, today):
    mn, _un = bodies
    html = (
        client_as(Role.OFFICER, bodies=[mn])
        .get("/eu-bevakning/tidsfrister/", {"period": "7"})
        .content.decode()
    )
    assert "standardvärde" in html
    assert '<option value="90" selected>' in html


def test_past_windows_are_shown_on_request_as_closed_without_a_call_to_act(
    client_as, bodies, today
):
    mn, _un = bodies
    initiative = make_initiative("Samråd om buller")
    route(initiative, mn)
    make_window(
        initiative,
        closes=days(-5, today),
        opens=days(-60, today),
        url="https://ec.europa.eu/hys/buller",
        external_id="past",
    )
    make_window(
        initiative,
        closes=days(20, today),
        opens=days(-5, today),
        url="https://ec.europa.eu/hys/open",
        external_id="open",
    )
    client = client_as(Role.OFFICER, bodies=[mn])

    html = client.get("/eu-bevakning/tidsfrister/").content.decode()
    assert days(-5, today).isoformat() not in html
    assert html.count("Lämna synpunkter hos källan") == 1

    html = client.get("/eu-bevakning/tidsfrister/", {"earlier": "on"}).content.decode()
    assert days(-5, today).isoformat() in html
    rows = html.split("<tr")
    past = next(r for r in rows if days(-5, today).isoformat() in r)
    assert "stängd" in past
    assert "passerad" in past
    assert "Lämna synpunkter" not in past
    assert html.count("Lämna synpunkter hos källan") == 1
    assert re.search(r'<input[^>]*name="earlier"[^>]*checked', html)


def test_the_page_shows_every_registered_source(client_as, bodies, today, other_app):
    """An app registered in the test (international relations) shows its dates on the page,
    with no change to EU monitoring; the source filter picks one app."""
    mn, un = bodies
    initiative = make_initiative("Översyn av avfallsdirektivet")
    route(initiative, mn)
    make_window(initiative, closes=days(10, today))
    other_app.add(mn, days(4, today), "Vänortsavtal med Tammerfors")
    other_app.add(un, days(5, today), "Avtal med Riga")
    overdue = other_app.add(mn, days(-2, today), "Avtal med Linz")
    client = client_as(Role.OFFICER, bodies=[mn])

    html = client.get("/eu-bevakning/tidsfrister/").content.decode()
    assert "Vänortsavtal med Tammerfors" in html
    assert "Internationella relationer" in html
    assert html.index("Vänortsavtal med Tammerfors") < html.index("Översyn av avfallsdirektivet")
    assert "Avtal med Riga" not in html
    assert "Avtal med Linz" not in html

    html = client.get("/eu-bevakning/tidsfrister/", {"source": "relations"}).content.decode()
    assert "Vänortsavtal med Tammerfors" in html
    assert "Översyn av avfallsdirektivet" not in html

    html = client.get("/eu-bevakning/tidsfrister/", {"earlier": "on"}).content.decode()
    late = next(r for r in html.split("<tr") if overdue.title in r)
    assert "Försenad" in late


def test_the_page_query_count_with_another_source(client_as, bodies, today, other_app):
    mn, _un = bodies
    client = client_as(Role.OFFICER, bodies=[mn])
    for n in range(2):
        other_app.add(mn, days(n, today), f"Avtal {n}")
    few, _html = page_queries(client)
    for n in range(2, 20):
        other_app.add(mn, days(n, today), f"Avtal {n}")
    many, html = page_queries(client)
    assert many == few
    assert html.count("Avtal ") == 20
