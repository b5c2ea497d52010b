"""The workspace with the apps present: an officer's committee, the coordinator's whole
municipality, and the number of queries, which must not grow with bodies or rows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring import services as eu
from omvarld.eu_monitoring.constants import WindowKind
from omvarld.eu_monitoring.models import FeedbackWindow, Initiative
from omvarld.exchange.services import events as exchange
from omvarld.meetings.constants import ImportStatus
from omvarld.meetings.models import ImportBatch
from omvarld.organisation.models import Body, Office
from omvarld.plans import selectors, services
from omvarld.relations import services as relations

pytestmark = pytest.mark.django_db
_n = itertools.count()


def fill(body: Body, coordinator, goals) -> int:
    """One body's worth of everything the workspace shows, entered through the apps' services;
    returns the number in its titles."""
    n = next(_n)
    today = timezone.localdate()
    initiative = Initiative.objects.create(title_sv=f"Initiativ om kulturarv {n}")
    FeedbackWindow.objects.create(
        initiative=initiative,
        kind=WindowKind.PUBLIC_CONSULTATION,
        opens=today - dt.timedelta(days=5),
        closes=today + dt.timedelta(days=10),
    )
    eu.routing_add(initiative=initiative, body=body, user=coordinator)
    relations.activity_create(
        user=coordinator,
        kind="study_visit",
        title=f"Studiebesök {n}",
        starts=today - dt.timedelta(days=40),
        purpose="Lära av andra.",
        bodies=[body],
        follow_up="Skicka tack till värdarna",
        follow_up_date=today - dt.timedelta(days=2),
    )
    # The trip report is the exchange register's: back 20 days ago, due after 14, not in.
    trip = exchange.event_create(
        user=coordinator,
        title=f"Resa till Tammerfors {n}",
        kind="study_visit_out",
        starts_on=today - dt.timedelta(days=22),
        ends_on=today - dt.timedelta(days=20),
        bodies=[body],
    )
    exchange.participation_add(event=trip, user=coordinator, participant=coordinator)
    plan = selectors.plan_of(body=body, year=today.year) or services.plan_create(
        user=coordinator, body=body, year=today.year
    )
    services.activity_create(
        user=coordinator,
        plan=plan,
        goals=[goals["exchange"]],
        title=f"Ta emot delegation {n}",
        due=today + dt.timedelta(days=7),
    )
    return n


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR, username="samordnaren")


def test_an_officers_workspace_shows_their_bodys_work(client_as, goals, kfn, un, coordinator):
    mine = fill(kfn, coordinator, goals)
    theirs = fill(un, coordinator, goals)
    html = client_as(Role.OFFICER, bodies=[kfn]).get("/").content.decode()
    assert "Min nämnd: Kultur- och fritidsnämnden" in html
    assert "Nya EU-initiativ att bedöma" in html
    assert f"Initiativ om kulturarv {mine}<" in html
    assert f"Initiativ om kulturarv {theirs}<" not in html  # UN's
    assert "Samråd som stänger" in html
    assert "Datum i de internationella relationerna" in html
    # KFN's study visit, its follow-up two days overdue; UN's is not on KFN's page.
    assert f"Studiebesök {mine}<" in html
    assert f"Studiebesök {theirs}<" not in html
    assert "försenad" in html
    # The trip report due comes from the exchange register, once.
    assert "Reserapporter och uppföljande åtgärder" in html
    assert html.count(f"Resa till Tammerfors {mine}<") == 1
    assert f"Resa till Tammerfors {theirs}<" not in html
    assert "Reserapport försenad" in html
    assert "Skriv reserapport" not in html
    # Its figure counts this year's trips: in the first weeks of January the trip was last year's.
    today = timezone.localdate()
    late = int((today - dt.timedelta(days=22)).year == today.year)
    assert f'<th scope="row">Försenade reserapporter</th><td class="number">{late}</td>' in html
    assert "Planaktiviteter som ska vara klara" in html
    assert f"Ta emot delegation {mine}<" in html
    assert "Nya partner och aktiviteter" in html
    assert "Genomförda planaktiviteter" in html
    assert "Behöver samordnaren" not in html


def test_the_coordinators_workspace_adds_what_needs_them(client_as, goals, kfn, coordinator):
    fill(kfn, coordinator, goals)
    Initiative.objects.create(title_sv="Ett initiativ utan mottagare")
    ImportBatch.objects.create(status=ImportStatus.FAILED, error="Filen gick inte att läsa.")
    client = client_as(Role.COORDINATOR)
    html = client.get("/").content.decode()
    assert "<h1>Hela kommunen</h1>" in html
    assert "Behöver samordnaren" in html
    assert "EU-initiativ som inte fördelats till något organ" in html
    assert "Ett initiativ utan mottagare" in html
    assert "Importer som misslyckades" in html
    assert "Filen gick inte att läsa." in html
    assert "Organ utan plan för" in html
    assert "Initiativ om kulturarv" in html


def test_an_empty_platform_shows_first_steps_not_empty_boxes(client_as, goals):
    html = client_as(Role.COORDINATOR).get("/").content.decode()
    assert "Kom igång" in html
    assert "Importera fullmäktiges och nämndernas kallelser och protokoll" in html
    assert "Synkronisera EU-källorna" in html
    assert "Importera befolkningsstatistiken" in html
    assert "Organ utan plan för" in html


def test_an_office_sees_the_bodies_it_serves_side_by_side(client_as, goals, coordinator):
    """The Samhällsbyggnadskontoret serves three committees: its page holds their work, and
    its figures have one column per committee."""
    sbk = Office.objects.get(short_name="SBK")
    sbn, tn = (Body.objects.get(short_name=s) for s in ("SBN", "TN"))
    mine = [fill(sbn, coordinator, goals), fill(tn, coordinator, goals)]
    other = fill(Body.objects.get(short_name="UN"), coordinator, goals)
    html = client_as(Role.OFFICER, offices=[sbk]).get("/").content.decode()
    assert "Mitt kontor: Samhällsbyggnadskontoret" in html
    for n in mine:
        assert f"Initiativ om kulturarv {n}<" in html
        assert f"Ta emot delegation {n}<" in html
    assert f"Initiativ om kulturarv {other}<" not in html
    head = html[html.index('<table class="ws-figures">') :]
    head = head[: head.index("</thead>")]
    assert [c for c in ("SBN", "SPN", "TN") if f">{c}</th>" in head] == ["SBN", "SPN", "TN"]
    assert f"Plan {timezone.localdate().year}: Samhällsbyggnadsnämnden" in html


def test_an_unknown_short_name_shows_the_own_page_with_a_message(client_as, goals, kfn):
    html = client_as(Role.OFFICER, bodies=[kfn]).get("/?organ=FINNSEJ", follow=True)
    text = html.content.decode()
    assert "Min nämnd: Kultur- och fritidsnämnden" in text
    assert "Det finns inget organ eller kontor med den förkortningen" in text


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.OFFICER])
def test_the_workspace_does_not_grow_with_bodies_or_rows(
    client_as, goals, norrkoping, coordinator, role, django_assert_max_num_queries
):
    bodies = list(Body.objects.filter(kind="committee").order_by("short_name"))
    client = client_as(role, bodies=bodies[:1])
    fill(bodies[0], coordinator, goals)
    with django_assert_max_num_queries(120) as first:
        assert client.get("/").status_code == 200
    for body in bodies[:6]:
        fill(body, coordinator, goals)
        fill(body, coordinator, goals)
    with django_assert_max_num_queries(120) as later:
        assert client.get("/").status_code == 200
    assert len(later.captured_queries) == len(first.captured_queries)
