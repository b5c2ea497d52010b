"""The deadlines of the bodies: the selector, the page and who may see it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring.constants import (
    Channel,
    InboxStatus,
    Relevance,
    Stage,
    WindowKind,
)
from omvarld.eu_monitoring.deadlines import DeadlineKind, deadline_list, initiative_path
from omvarld.eu_monitoring.models import (
    Assessment,
    InfluenceAction,
)
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

    rows = deadline_list(body_ids=[mn.pk], date_from=TODAY, date_to=days(90), today=TODAY)

    assert [(r.kind, r.pk) for r in rows] == [
        (DeadlineKind.WINDOW, open_window.pk),
        (DeadlineKind.STAGE, proposal.pk),
        (DeadlineKind.WINDOW, coming.pk),
    ]
    first, step, later = rows
    assert first.days_left == 10
    assert first.is_open
    assert not first.is_upcoming
    assert first.url == "https://hys/1"
    assert first.uid == f"window-{open_window.pk}@omvarld"
    assert later.is_upcoming
    assert not later.is_open
    assert step.label == str(Stage.PROPOSAL.label)
    assert step.url == "https://ec.europa.eu/x"
    assert step.uid == f"stage-{proposal.pk}@omvarld"
    assert not step.is_open
    assert all(r.routing.body == mn for r in rows)


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

    rows = deadline_list(body_ids=[mn.pk, un.pk], date_from=TODAY, date_to=days(30), today=TODAY)

    assert [r.initiative.title for r in rows] == ["Relevant"]


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

    rows = deadline_list(body_ids=[mn.pk, un.pk], date_from=TODAY, date_to=days(30), today=TODAY)

    assert [(r.routing.body.short_name, r.acted) for r in rows] == [("MN", True), ("UN", False)]


def test_without_stages_only_windows(bodies):
    mn, _un = bodies
    initiative = make_initiative("Bara steg")
    route(initiative, mn)
    make_stage(initiative, Stage.ADOPTED, days(3))
    assert (
        deadline_list(
            body_ids=[mn.pk], date_from=TODAY, date_to=days(30), today=TODAY, stages=False
        )
        == []
    )
    assert len(deadline_list(body_ids=[mn.pk], date_from=TODAY, date_to=days(30), today=TODAY)) == 1


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
    caption = html[html.index("<caption>") : html.index("</caption>")]
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


def test_page_query_count_does_not_grow_with_rows(
    client_as, bodies, today, django_assert_max_num_queries
):
    mn, un = bodies
    for n in range(30):
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
    client = client_as(Role.OFFICER, bodies=[mn, un])
    with django_assert_max_num_queries(9):
        response = client.get("/eu-bevakning/tidsfrister/", {"period": "90"})
    assert response.status_code == 200
    assert response.content.decode().count("Initiativ 1</a>") == 4
