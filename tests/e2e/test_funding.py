"""EU funding in a real browser, in Swedish: a coordinator imports calls from a file; the
education committee finds its call in its list, with the deadline, and the deadline on its
deadlines page and in its news feed; an officer of the committee creates a project from the call,
moves it to granted with the amount and a reporting deadline, links the council's decision on the
co-financing, and the portfolio's totals change; the reporting deadline joins the committee's
deadlines; an officer of another committee and a reader cannot change the project.
Every page visited gets an axe scan and a CSP check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.funding.constants import MatchStatus, ProjectStatus
from omvarld.funding.models import CallMatch, Project
from omvarld.funding.services import programmes_load_file
from omvarld.knowledge.services import knowledge_load_areas
from omvarld.meetings.services import document_import
from omvarld.organisation.models import Body
from omvarld.organisation.services import organisation_load_file
from omvarld.relations.services import partner_get_or_create

from .conftest import Visit, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER = Path(settings.BASE_DIR) / "src/omvarld/funding/tests/recordings/portal/search-open.json"
TITLE = "Partnerships for innovation in school education and adult learning"
ACRONYM_TITLE = "ISÖ – Innovativa skolor i Östersjöregionen"

#: A council notice in the shape the meetings app imports; its third item is coded as EU funding.
NOTICE = """Kommunfullmäktiges sammanträde 14 december 2026

Kommunfullmäktige i Norrköping kallas att sammanträda måndagen den 14 december 2026 klockan 16.30.

Följande ärenden behandlas vid sammanträdet

 • Val av justerare
 • Riktlinje för upphandling och inköp
 • Medfinansiering av Erasmus+-projektet Innovativa skolor i Östersjöregionen

Norrköping den 1 december 2026
"""
ITEM = "Medfinansiering av Erasmus+-projektet Innovativa skolor i Östersjöregionen"


@pytest.fixture
def organisation_and_people(make_user):
    knowledge_load_areas()
    organisation_load_file(path=settings.ORGANISATION_FILE)
    programmes_load_file()
    un = Body.objects.get(short_name="UN")
    kfn = Body.objects.get(short_name="KFN")
    make_user(Role.COORDINATOR, username="samordnare")
    make_user(
        Role.OFFICER, username="un-handlaggare", bodies=[un], first_name="Ulla", last_name="Ek"
    )
    make_user(Role.OFFICER, username="kfn-handlaggare", bodies=[kfn])
    make_user(Role.READER, username="lasare")
    # A partner of the relations register, for the project to name.
    partner_get_or_create(
        user=None, name="Tampere", name_sv="Tammerfors", country="FI", kind="municipality"
    )
    # The council's agenda, for the project to link its decision on the co-financing.
    document_import(data=NOTICE.encode("utf-8"), name="kf-2026-12-14.txt")
    return un


def log_out(visit: Visit) -> None:
    visit.page.context.clear_cookies()


def test_calls_to_a_granted_project_and_the_portfolio(visit, organisation_and_people, tmp_path):
    un = organisation_and_people
    page = visit.page

    # A coordinator imports the portal's answer saved to a file.
    sign_in(visit, "samordnare")
    visit.go("/eu-medel/")
    page.get_by_role("link", name="Läs in utlysningar").first.click()
    visit.check()
    page.get_by_label("Fil med utlysningar").set_input_files(ANSWER)
    page.get_by_role("button", name="Läs in").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("6 utlysningar lästa: 6 nya, 0 ändrade.")
    expect(page.get_by_role("cell", name="results[9] AMIF-2027-TF2-AG-INTE-01")).to_be_visible()
    page.get_by_role("link", name="Se utlysningarna").click()
    visit.check()
    expect(page.get_by_role("link", name="Town-Twinning")).to_be_visible()
    page.get_by_role("link", name=TITLE).first.click()
    visit.check()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    visit.go("/eu-medel/program/")
    expect(page.get_by_role("link", name="Erasmus+").first).to_be_visible()
    page.get_by_role("link", name="Erasmus+").first.click()
    visit.check()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Erasmus+")
    assert CallMatch.objects.filter(
        call__identifier="ERASMUS-EDU-2027-PI-ALL-INNO", body=un
    ).exists()
    log_out(visit)

    # The education committee's officer finds the call in the committee's list, with its deadline.
    sign_in(visit, "un-handlaggare")
    visit.go("/eu-medel/organ/")
    expect(page.get_by_role("link", name="Utbildningsnämnden").first).to_be_visible()
    # The committee's EU monitoring inbox points to its calls.
    visit.go(f"/eu-bevakning/organ/{un.pk}/")
    page.get_by_role("link", name=re.compile(r"utlysning(ar)? om EU-medel passar organet")).click()
    visit.check()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("sista dag 2027-03-05")).to_be_visible()
    expect(
        page.get_by_text("Utlysningen nämner ”school education”, som hör till området Utbildning.")
    ).to_be_visible()
    inbox = page.url

    # The call's deadline is on the committee's deadlines page and in its news feed.
    visit.go("/eu-bevakning/tidsfrister/?period=180&source=funding")
    call_row = page.locator("table tbody tr").filter(has_text=TITLE)
    expect(call_row).to_contain_text("2027-03-05")
    expect(call_row).to_contain_text("Sista dag att söka")
    visit.go("/eu-bevakning/tidsfrister/prenumerera/")
    rss = page.locator("a[href$='/UN.rss']").get_attribute("href")
    assert rss is not None
    feed = page.request.get(rss)
    assert feed.status == 200
    assert TITLE in feed.text()
    visit.go(inbox.removeprefix(visit.base_url))

    # A project from the call: the form starts from the call.
    page.get_by_role(
        "link", name=re.compile(rf"^Skapa ett projekt från utlysningen\W+{re.escape(TITLE)}")
    ).click()
    visit.check()
    expect(page.get_by_label("Titel")).to_have_value(TITLE)
    page.get_by_label("Titel").fill("Innovativa skolor i Östersjöregionen")
    page.get_by_label("Akronym").fill("ISÖ")
    page.get_by_label("Växelkurs (kronor per euro)").fill("11,2")
    page.get_by_label("Total budget").fill("500 000")
    page.get_by_label("Sökt EU-stöd").fill("600000")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    # The grant above the total: a clear error on the field, and nothing typed is lost.
    expect(
        page.get_by_text("EU-stödet kan inte vara större än den totala budgeten.")
    ).to_be_visible()
    expect(page.get_by_label("Akronym")).to_have_value("ISÖ")
    page.get_by_label("Sökt EU-stöd").fill("400000")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Projektet är skapat.")
    project = Project.objects.get()
    assert CallMatch.objects.get(call=project.call, body=un).status == MatchStatus.APPLYING

    # A partner from the relations register.
    page.get_by_role("link", name="Lägg till en partner").click()
    visit.check()
    page.get_by_label("Partner i relationsregistret").select_option(index=1)
    page.get_by_label("Andel av budgeten").fill("50 000")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    expect(page.get_by_role("link", name="Tammerfors (Tampere)", exact=True)).to_be_visible()

    # Along the flow to granted, with the amount and a reporting deadline.
    for status in ("Ansökan förbereds", "Ansökan inlämnad"):
        page.get_by_role("link", name="Ändra status").click()
        visit.check()
        page.get_by_label("Ny status").select_option(label=status)
        if status == "Ansökan inlämnad":
            page.get_by_label("Datum").fill("2026-10-01")
        page.get_by_role("button", name="Spara").click()
        visit.check()
    page.get_by_role("link", name="Ändra status").click()
    visit.check()
    page.get_by_label("Ny status").select_option(label="Beviljad")
    page.get_by_label("Datum").fill("2026-11-30")
    page.get_by_label("Beviljat EU-stöd").fill("380 000")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Projektet har nu status: Beviljad.")
    page.get_by_role("link", name="Lägg till en rapportperiod").click()
    visit.check()
    page.get_by_label("Perioden börjar").fill("2027-01-01")
    page.get_by_label("Perioden slutar").fill("2027-06-30")
    page.get_by_label("Rapport ska lämnas").fill("2027-08-31")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    expect(page.get_by_role("cell", name="2027-08-31")).to_be_visible()
    project.refresh_from_db()
    assert project.status == ProjectStatus.GRANTED

    # The council's decision on the co-financing, linked from the meetings app's items.
    page.get_by_role("link", name="Koppla ett ärende som är kodat som EU-medel").click()
    visit.check()
    page.get_by_label("Sök bland ärenden som är kodade som EU-medel").fill("Erasmus")
    page.get_by_role("button", name="Sök").click()
    visit.check()
    page.get_by_label(re.compile("^Ärende")).select_option(
        label=f"2026-12-14 Kommunfullmäktige: {ITEM}"
    )
    page.get_by_label("Vad som beslutades").fill("Fullmäktige beslutade om medfinansieringen.")
    page.get_by_role("button", name="Koppla").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Ärendet är kopplat till projektet.")
    decisions = page.locator("#items + ul")
    expect(decisions).to_contain_text("Kommunfullmäktige den 2026-12-14")
    expect(decisions.get_by_role("link", name=re.compile(re.escape(ITEM)))).to_be_visible()

    # The reporting deadline joins the committee's deadlines.
    visit.go("/eu-bevakning/tidsfrister/?period=365&source=funding")
    report_row = page.locator("table tbody tr").filter(has_text="Rapport ska lämnas")
    expect(report_row).to_contain_text(ACRONYM_TITLE)
    expect(report_row).to_contain_text("2027-08-31")
    visit.go("/eu-medel/projekt/")
    expect(page.get_by_role("link", name=ACRONYM_TITLE)).to_be_visible()

    # The portfolio counts it: one application, granted, 380 000 EUR = 4 256 000 SEK.
    visit.go("/eu-medel/portfolj/")
    figures = page.locator(".figures")
    expect(figures).to_contain_text(re.compile(r"Inlämnade ansökningar\s*1\b"))
    expect(figures).to_contain_text(re.compile(r"Beviljade av de beslutade\s*100 %"))
    expect(figures).to_contain_text(re.compile(r"Beviljade EU-medel \(kr\)\s*4\s256\s000"))

    # The committee's workspace has the granted project to start and the year's figures; its
    # annual follow-up lists the project.
    visit.go("/")
    expect(
        page.get_by_role("link", name="Innovativa skolor i Östersjöregionen", exact=True)
    ).to_be_visible()
    granted_row = page.locator("table.ws-figures tr").filter(has_text="Beviljade EU-medel")
    expect(granted_row).to_contain_text(re.compile(r"4\s256\s000"))
    visit.go(f"/planer/uppfoljning/2026/organ/{un.pk}/")
    expect(page.get_by_role("link", name=ACRONYM_TITLE)).to_be_visible()
    log_out(visit)

    # An officer of another committee, and a reader, see the project but cannot change it.
    for username in ("kfn-handlaggare", "lasare"):
        sign_in(visit, username)
        visit.go(f"/eu-medel/projekt/{project.pk}/")
        expect(page.get_by_role("heading", name=ACRONYM_TITLE)).to_be_visible()
        expect(page.get_by_role("link", name="Ändra projektet")).to_have_count(0)
        expect(page.get_by_role("link", name="Ändra status")).to_have_count(0)
        expect(
            page.get_by_role("link", name="Koppla ett ärende som är kodat som EU-medel")
        ).to_have_count(0)
        response = page.goto(f"{visit.base_url}/eu-medel/projekt/{project.pk}/andra/")
        assert response is not None
        assert response.status == 403
        visit.check()
        log_out(visit)
    project.refresh_from_db()
    assert project.title == "Innovativa skolor i Östersjöregionen"
