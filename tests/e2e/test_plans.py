"""Plans, indicators and the annual follow-up in a real browser, with an axe scan of every page:
an officer's workspace shows their committee's new EU initiative, an open feedback window, a
study visit's follow-up that is due and a trip report that is late, with the exchange's figures,
all entered through the other apps' services; they open the plan,
mark an activity done and the indicator moves; an officer of another body and a reader cannot
change the plan; the coordinator downloads the committee's annual report as PDF and XLSX."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pypdfium2
import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring import services as eu
from omvarld.eu_monitoring.constants import WindowKind
from omvarld.eu_monitoring.models import FeedbackWindow, Initiative
from omvarld.exchange.services import events as exchange
from omvarld.exchange.services import reports as trip_reports
from omvarld.organisation.models import Body
from omvarld.organisation.selectors import programme_goal_list
from omvarld.plans import services
from omvarld.plans.models import Plan
from omvarld.relations import services as relations

from .conftest import Visit, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

INITIATIVE = "Översyn av programmet Kreativa Europa"
LESSON = "Läsombud på äldreboenden når nya läsare."


def trips_this_year() -> bool:
    """Whether the fixture's trips (up to 40 days back) fall in this year's figures: not in the
    first weeks of January."""
    today = timezone.localdate()
    return (today - dt.timedelta(days=40)).year == today.year


@pytest.fixture
def committee_year(organisation, make_user):
    """KFN's year so far, entered through the apps' services: an initiative routed to it with an
    open feedback window, a study visit with a follow-up due, two trips (one report submitted
    with a lesson, one late) and its plan for the year."""
    today = timezone.localdate()
    kfn = Body.objects.get(short_name="KFN")
    coordinator = make_user(Role.COORDINATOR, username="samordnare")
    officer = make_user(
        Role.OFFICER, username="kultur", bodies=[kfn], first_name="Karin", last_name="Ek"
    )
    make_user(Role.OFFICER, username="skola", bodies=[Body.objects.get(short_name="UN")])
    make_user(Role.READER, username="lasare")
    initiative = Initiative.objects.create(title_sv=INITIATIVE)
    FeedbackWindow.objects.create(
        initiative=initiative,
        kind=WindowKind.CALL_FOR_EVIDENCE,
        opens=today - dt.timedelta(days=3),
        closes=today + dt.timedelta(days=12),
    )
    eu.routing_add(initiative=initiative, body=kfn, user=coordinator)
    relations.activity_create(
        user=coordinator,
        kind="study_visit",
        title="Studiebesök på Tammerfors bibliotek",
        starts=today - dt.timedelta(days=30),
        purpose="Lära av Tammerfors läsfrämjande arbete.",
        bodies=[kfn],
        follow_up="Skicka tack till värdarna",
        follow_up_date=today - dt.timedelta(days=3),
    )
    # The trip reports are the exchange's: one submitted with a lesson, one late (due 14 days
    # after the return).
    late = exchange.event_create(
        user=officer,
        title="Studieresa till Tammerfors bibliotek",
        kind="study_visit_out",
        starts_on=today - dt.timedelta(days=24),
        ends_on=today - dt.timedelta(days=22),
        bodies=[kfn],
    )
    exchange.participation_add(event=late, user=officer, participant=officer)
    done = exchange.event_create(
        user=officer,
        title="Nätverksmöte i Åbo",
        kind="network_meeting",
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=39),
        bodies=[kfn],
    )
    exchange.participation_add(event=done, user=officer, participant=officer)
    report = trip_reports.report_start(
        event=done, user=officer, purpose="Lära av Åbo.", summary="Läsfrämjande för äldre."
    )
    trip_reports.lesson_add(report=report, user=officer, text=LESSON)
    trip_reports.report_submit(report=report, user=officer)
    plan = services.plan_create(user=coordinator, body=kfn, year=today.year)
    goals = {g.code: g for g in programme_goal_list()}
    done = services.activity_create(
        user=coordinator, plan=plan, goals=[goals["exchange"]], title="Studiebesök i Tammerfors"
    )
    services.activity_set_status(activity=done, user=coordinator, status="done")
    services.activity_create(
        user=coordinator,
        plan=plan,
        goals=[goals["eu"], goals["monitoring_influence"]],
        title="Svara på samrådet om Kreativa Europa",
        due=today + dt.timedelta(days=12),
    )
    return plan


def figure(visit: Visit, name: str) -> str:
    row = visit.page.get_by_role("table", name=f"Indikatorer {timezone.localdate().year}")
    return row.get_by_role("row", name=name).get_by_role("cell").last.inner_text()


def test_an_officer_works_from_the_workspace_and_moves_the_indicator(visit, committee_year):
    sign_in(visit, "kultur")
    page = visit.page
    expect(
        page.get_by_role("heading", name="Min nämnd: Kultur- och fritidsnämnden", level=1)
    ).to_be_visible()
    todo = page.get_by_role("region", name="Att göra nu")
    expect(todo.get_by_role("region", name="Nya EU-initiativ att bedöma")).to_contain_text(
        INITIATIVE
    )
    windows = todo.get_by_role("region", name="Samråd som stänger")
    expect(windows).to_contain_text(INITIATIVE)
    expect(windows).to_contain_text("Begäran om underlag")
    dates = todo.get_by_role("region", name="Datum i de internationella relationerna")
    expect(dates).to_contain_text("Studiebesök på Tammerfors bibliotek")
    expect(dates).to_contain_text("försenad")
    trips = todo.get_by_role("region", name="Reserapporter och uppföljande åtgärder")
    expect(trips).to_contain_text("Studieresa till Tammerfors bibliotek")
    expect(trips).to_contain_text("Reserapport försenad")
    expect(trips).not_to_contain_text("Nätverksmöte i Åbo")
    if trips_this_year():
        assert figure(visit, "Genomförda resor") == "2"
        assert figure(visit, "Försenade reserapporter") == "1"
        assert figure(visit, "Inlämnade reserapporter") == "50,0\xa0%"
    expect(todo.get_by_role("region", name="Planaktiviteter som ska vara klara")).to_contain_text(
        "Svara på samrådet om Kreativa Europa"
    )
    assert figure(visit, "Genomförda planaktiviteter") == "50,0\xa0%"

    # The plan's due activity joins the deadlines page beside the EU window, not yet done.
    page = visit.go("/eu-bevakning/tidsfrister/")
    row = page.get_by_role("row", name=re.compile("Svara på samrådet om Kreativa Europa"))
    expect(row).to_contain_text("Planaktivitet ska vara klar")
    expect(row).to_contain_text("Planer för internationellt arbete")
    expect(row).to_contain_text("Inte än")
    expect(page.get_by_role("row", name=re.compile(INITIATIVE))).to_contain_text("EU-bevakning")

    visit.go("/")
    year = timezone.localdate().year
    page.get_by_role("link", name=f"Plan {year}: Kultur- och fritidsnämnden").click()
    visit.check()
    expect(page.locator("#plan-progress")).to_have_text("1 av 2 aktiviteter (50,0\xa0%)")
    page.get_by_role("button", name="Markera Svara på samrådet om Kreativa Europa som klar").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Svara på samrådet om Kreativa Europa: klar")
    expect(page.locator("#plan-progress")).to_have_text("2 av 2 aktiviteter (100,0\xa0%)")

    visit.go("/")
    assert figure(visit, "Genomförda planaktiviteter") == "100,0\xa0%"
    page = visit.go("/eu-bevakning/tidsfrister/")
    row = page.get_by_role("row", name=re.compile("Svara på samrådet om Kreativa Europa"))
    expect(row).to_contain_text("Ja")
    visit.go("/")
    expect(page.get_by_role("region", name="Planaktiviteter som ska vara klara")).to_have_count(0)


def test_others_cannot_change_the_plan(visit, committee_year):
    plan = committee_year
    activity = plan.activities.get(status="planned")
    sign_in(visit, "skola")
    page = visit.go(f"/planer/{plan.pk}/")
    expect(page.get_by_role("button", name="Markera som klar")).to_have_count(0)
    expect(page.get_by_role("link", name="Lägg till en aktivitet")).to_have_count(0)
    for path in (f"/planer/aktivitet/{activity.pk}/andra/", f"/planer/{plan.pk}/aktivitet/ny/"):
        response = page.goto(visit.base_url + path)
        assert response is not None
        assert response.status == 403
    visit.page.context.clear_cookies()
    sign_in(visit, "lasare")
    page = visit.go("/planer/")
    expect(page.get_by_role("link", name="Ny plan")).to_have_count(0)
    page = visit.go(f"/planer/uppfoljning/{plan.year}/organ/{plan.body_id}/")
    expect(page.get_by_role("button", name="Registrera antagandet")).to_have_count(0)
    assert Plan.objects.get().activities.filter(status="done").count() == 1


def test_the_coordinator_downloads_the_annual_report(visit, committee_year):
    plan = committee_year
    sign_in(visit, "samordnare")
    page = visit.page
    expect(page.get_by_role("heading", name="Hela kommunen", level=1)).to_be_visible()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Planer").click()
    visit.check()
    page.get_by_role("link", name="Kultur- och fritidsnämnden").last.click()
    visit.check()
    title = f"Internationellt arbete {plan.year}: årlig uppföljning för Kultur- och fritidsnämnden"
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Planens aktiviteter per mål")).to_be_visible()
    if trips_this_year():
        expect(page.locator("main")).to_contain_text("Resor och vad de gav hemma")
        expect(page.locator("main")).to_contain_text(LESSON)

    # WeasyPrint lays the report out in the request: on a busy test machine that takes longer
    # than the default 15 seconds of an action.
    with page.expect_download(timeout=90_000) as pdf_download:
        page.get_by_role("link", name="Ladda ner som PDF").click(timeout=90_000)
    pdf = pdf_download.value
    assert pdf.suggested_filename == f"uppfoljning-{plan.year}-KFN.pdf"
    document = pypdfium2.PdfDocument(pdf.path())
    text = " ".join(" ".join(p.get_textpage().get_text_range() for p in document).split())
    assert title in text
    assert "1 av 2 planerade aktiviteter klara." in text

    with page.expect_download(timeout=90_000) as xlsx_download:
        page.get_by_role("link", name="Ladda ner som XLSX").click(timeout=90_000)
    xlsx = xlsx_download.value
    assert xlsx.suggested_filename == f"uppfoljning-{plan.year}-KFN.xlsx"
    with open(xlsx.path(), "rb") as handle:
        book = load_workbook(BytesIO(handle.read()))
    rows = {r[0]: r for r in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert rows["Genomförda planaktiviteter"][2] == 50.0
    assert rows["Fördelade EU-initiativ"][2] == 1
    if trips_this_year():
        assert rows["Försenade reserapporter"][2] == 1
