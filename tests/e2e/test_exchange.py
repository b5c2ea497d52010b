"""Exchange in a browser, in Swedish: an officer registers a conference, adds two participants
and their costs, comes home and submits a trip report with a lesson and two ideas; one idea
becomes a follow-up action with an owner; the knowledge bank finds the lesson by a word in it;
the body's page shows the open action; a reader sees the report but not the costs per person.
Then what each role cannot do. Every page visited gets an axe scan and a CSP check."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.exchange.models import Event, FollowUpAction
from omvarld.knowledge.models import PolicyArea
from omvarld.organisation.services_goals import goal_load_file
from omvarld.population.services import population_countries_load
from omvarld.relations.services.partners import partner_get_or_create

from .conftest import Visit, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def people(make_body, make_user):
    goal_load_file(force=True)
    population_countries_load()
    PolicyArea.objects.create(code="waste", label_sv="Avfall", label_en="Waste")
    mn = make_body("MN", "Miljönämnden")
    un = make_body("UN", "Utbildningsnämnden")
    tampere, _created = partner_get_or_create(
        user=None,
        name="Tampere",
        name_sv="Tammerfors",
        country="FI",
        kind="municipality",
        body_ids=[mn.pk],
    )
    return {
        "mn": mn,
        "tampere": tampere,
        "officer": make_user(
            Role.OFFICER, username="miljo", first_name="Maja", last_name="Miljö", bodies=[mn]
        ),
        "colleague": make_user(
            Role.OFFICER, username="kollega", first_name="Kim", last_name="Kollega", bodies=[mn]
        ),
        "other": make_user(Role.OFFICER, username="skola", bodies=[un]),
        "reader": make_user(Role.READER, username="lasare"),
        "coordinator": make_user(Role.COORDINATOR, username="samordnare"),
        "admin": make_user(Role.ADMINISTRATOR, username="chef"),
    }


def _submit(visit: Visit, name: str) -> None:
    visit.page.get_by_role("button", name=name, exact=True).click()
    visit.check()


def test_a_trip_that_brings_knowledge_home(visit, people, tmp_path):
    page = visit.page
    sign_in(visit, "miljo")
    visit.go("/utbyte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Utbyte: kommande evenemang")
    page.get_by_role("link", name="Alla evenemang").click()
    visit.check()
    page.get_by_role("link", name="Registrera ett evenemang").click()
    visit.check()

    # Bad input first: the last day before the first; nothing typed is lost.
    page.get_by_label("Titel").fill("Eurocities miljöforum")
    page.get_by_label("Slag").select_option("conference")
    page.get_by_label("Arrangör").fill("Eurocities")
    page.get_by_label("Ort", exact=True).fill("Tammerfors")
    page.get_by_label("Land").select_option("FI")
    page.get_by_label("Första dag").fill("2026-11-02")
    page.get_by_label("Sista dag").fill("2026-11-01")
    page.get_by_role("checkbox", name="Miljönämnden").check()
    page.get_by_role("checkbox", name="Avfall").check()
    page.get_by_role("checkbox", name="Verksamhets- och kompetensutveckling").check()
    page.get_by_label("Partner", exact=True).select_option(str(people["tampere"].id))
    _submit(visit, "Spara")
    expect(page.locator("#id_ends_on_errors")).to_contain_text("Sista dagen kan inte komma före")
    expect(page.get_by_label("Titel")).to_have_value("Eurocities miljöforum")
    page.get_by_label("Sista dag").fill("2026-11-04")
    _submit(visit, "Spara")
    expect(page.locator(".messages")).to_contain_text("Evenemanget är registrerat.")
    expect(page.get_by_role("link", name="Tammerfors (Tampere) (Finland)")).to_be_visible()
    expect(page.get_by_role("link", name="Invånare födda i Finland")).to_have_attribute(
        "href", "/befolkning/land/FI/"
    )
    event = Event.objects.get()

    # Two participants: the officer, and a councillor as a named guest.
    page.get_by_role("link", name="Lägg till en deltagare").click()
    visit.check()
    page.get_by_label("Användare").select_option(label="Maja Miljö")
    _submit(visit, "Spara")
    page.get_by_role("link", name="Lägg till en deltagare").click()
    visit.check()
    page.get_by_label("Gästens namn").fill("Kerstin Kommunalråd")
    page.get_by_label("Gästens organisation").fill("Miljönämnden, ordförande")
    page.get_by_label("Rättslig grund för gästens uppgifter").select_option("public_task")
    page.get_by_label("Spara gästens uppgifter till och med").fill("2028-12-31")
    _submit(visit, "Spara")
    rows = page.locator("table").first.locator("tbody tr")
    expect(rows).to_have_count(2)

    # Costs: a negative amount is refused on its field; then the real ones.
    page.get_by_role("link", name="Lägg till en kostnad Maja Miljö").click()
    visit.check()
    page.get_by_label("Slag").select_option("travel")
    page.get_by_label("Belopp (kr)").fill("-100")
    _submit(visit, "Spara")
    expect(page.locator("#id_amount_errors")).to_contain_text("En kostnad kan inte vara negativ.")
    page.get_by_label("Belopp (kr)").fill("3200")
    _submit(visit, "Spara")
    page.get_by_role("link", name="Lägg till en kostnad Kerstin Kommunalråd").click()
    visit.check()
    page.get_by_label("Slag").select_option("fees")
    page.get_by_label("Belopp (kr)").fill("1500")
    _submit(visit, "Spara")
    expect(page.locator("tfoot")).to_contain_text("4700,00 kr")

    # Home again: the trip report with a lesson, two ideas and a picture, then submitted.
    page.get_by_role("link", name="Börja på reserapporten").click()
    visit.check()
    page.get_by_label("Syfte").fill("Lära hur andra städer minskar avfallet.")
    page.get_by_label("Vad vi lärde oss").fill(
        "Tammerfors samordnar återbruk över förvaltningsgränser."
    )
    _submit(visit, "Spara rapporten")
    page.get_by_role("link", name="Ändra rapporten").click()
    visit.check()
    page.locator("#id_lesson-text").fill(
        "Återbruksparker minskar avfallet när kommunen driver dem själv."
    )
    page.locator("#id_lesson-area").select_option("waste")
    _submit(visit, "Lägg till lärdomen")
    page.locator("#id_idea-title").fill("Återbrukspark vid Ljuraverket")
    _submit(visit, "Lägg till idén")
    page.locator("#id_idea-title").fill("Gemensam upphandling av insamling")
    _submit(visit, "Lägg till idén")
    bad = tmp_path / "virus.exe"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    page.locator("#id_document-file").set_input_files(str(bad))
    _submit(visit, "Lägg till dokumentet")
    expect(page.locator("#id_document-file_errors")).to_contain_text(
        "Den här sortens fil kan inte sparas här."
    )
    picture = tmp_path / "aterbruk.png"
    picture.write_bytes(PNG)
    page.locator("#id_document-file").set_input_files(str(picture))
    page.locator("#id_document-caption").fill("Återbruksparken i Tammerfors")
    _submit(visit, "Lägg till dokumentet")
    _submit(visit, "Lämna in reserapporten")
    expect(page.locator(".messages")).to_contain_text("Reserapporten är inlämnad till organet.")

    # One idea becomes a follow-up action with an owner.
    page.get_by_role(
        "link", name=re.compile("uppföljande åtgärd.*Återbrukspark vid Ljuraverket")
    ).click()
    visit.check()
    expect(page.get_by_label("Uppföljande åtgärd")).to_have_value("Återbrukspark vid Ljuraverket")
    page.get_by_label("Ansvarig").select_option(label="Kim Kollega")
    page.get_by_label("Klar senast").fill("2027-06-30")
    _submit(visit, "Spara")
    expect(page.locator(".messages")).to_contain_text("Den uppföljande åtgärden är skapad.")
    action = FollowUpAction.objects.get()
    assert action.owner.username == "kollega"

    # The knowledge bank finds the lesson by a word in it.
    visit.go("/utbyte/kunskapsbank/")
    page.get_by_label("Sök").fill("återbruksparker")
    _submit(visit, "Visa")
    expect(page.locator("#lessons-heading + h3")).to_have_text("Avfall")
    expect(page.locator("ul.lessons").first).to_contain_text("Återbruksparker minskar avfallet")
    expect(page.locator("ul.lessons").first).to_contain_text("Eurocities miljöforum")

    # The body's page shows the open action.
    visit.go(f"/utbyte/organ/{people['mn'].pk}/")
    expect(page.locator("table").nth(1)).to_contain_text("Återbrukspark vid Ljuraverket")
    expect(page.locator("table").nth(1)).to_contain_text("Kim Kollega")

    # The action's due date joins the body's deadlines (page shared by every app), as the
    # exchange's.
    visit.go("/eu-bevakning/tidsfrister/?period=365")
    expect(page.locator("main")).to_contain_text("Återbrukspark vid Ljuraverket")
    expect(page.locator("main")).to_contain_text("Uppföljande åtgärd ska vara klar")

    # The costs page has the trip beside what it brought home.
    visit.go("/utbyte/kostnader/?year=2026")
    expect(page.locator("table").nth(2)).to_contain_text("4700,00")

    # A reader sees the report but not the costs per person.
    page.get_by_role("button", name="Logga ut").click()
    sign_in(visit, "lasare")
    visit.go(f"/utbyte/evenemang/{event.pk}/")
    expect(page.locator("body")).to_contain_text("Kerstin Kommunalråd")
    expect(page.locator("body")).not_to_contain_text("3200")
    expect(page.locator("body")).not_to_contain_text("Lägg till en kostnad")
    visit.go(f"/utbyte/evenemang/{event.pk}/reserapport/")
    expect(page.locator("main")).to_contain_text("Tammerfors samordnar återbruk")
    expect(page.locator("main")).not_to_contain_text("Gör den till en uppföljande åtgärd")
    response = page.goto(visit.base_url + "/utbyte/evenemang/ny/")
    assert response is not None
    assert response.status == 403
    visit.check()


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("lasare", "/utbyte/evenemang/{pk}/andra/", 403),
        ("lasare", "/utbyte/evenemang/{pk}/reserapport/skriv/", 403),
        ("lasare", "/utbyte/personuppgifter/", 403),
        ("skola", "/utbyte/evenemang/{pk}/andra/", 403),
        ("skola", "/utbyte/evenemang/{pk}/deltagare/ny/", 403),
        ("miljo", "/utbyte/personuppgifter/", 403),
        ("samordnare", "/utbyte/personuppgifter/", 200),
        ("samordnare", "/utbyte/evenemang/{pk}/andra/", 200),
        ("chef", "/utbyte/personuppgifter/", 200),
        ("chef", "/utbyte/evenemang/{pk}/reserapport/skriv/", 200),
    ],
)
def test_what_each_role_cannot_do(visit, people, who, path, status):
    event = Event.objects.create(
        title="Vänortsmöte i Odense",
        kind="network_meeting",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 9, 2),
    )
    event.bodies.set([people["mn"]])
    sign_in(visit, who)
    response = visit.page.goto(visit.base_url + path.format(pk=event.pk))
    assert response is not None
    assert response.status == status
    visit.check()
