"""The relations register in a real browser, with an axe scan of every page: the default partners
and their map with every request to another host blocked; a coordinator records a network
membership with a fee and a renewal date and finds the date among the body's dates; an officer
records a study visit that an officer of another body cannot change; a reader sees no contacts.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Route, expect

from omvarld.accounts.constants import Role
from omvarld.organisation.models import Body
from omvarld.relations import services
from omvarld.relations.defaults import relations_load_file
from omvarld.relations.models import Activity, Partner

from .conftest import Visit, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def relations(organisation):
    return relations_load_file()


def block_other_hosts(visit: Visit) -> list[str]:
    """Abort every request that does not go to the test server; the list of what was tried."""
    own = urlsplit(visit.base_url).netloc
    tried: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == own or url.startswith("data:"):
            route.continue_()
        else:
            tried.append(url)
            route.abort()

    visit.page.context.route("**/*", handle)
    return tried


def test_the_register_and_the_map_work_with_no_network(visit, make_user, relations):
    tried = block_other_hosts(visit)
    make_user(Role.READER, username="lasare")
    sign_in(visit, "lasare")
    page = visit.go("/relationer/")
    expect(page.get_by_role("heading", name="Internationella relationer", level=1)).to_be_visible()
    expect(page.get_by_text("14 partner", exact=True)).to_be_visible()
    table = page.get_by_role("table", name="Partner")
    expect(table.get_by_role("link", name="Tammerfors (Tampere)")).to_be_visible()
    expect(table.get_by_role("link", name="Kópavogur")).to_be_visible()

    page.get_by_role("link", name="Visa på kartan").click()
    visit.check()
    expect(page.get_by_role("heading", name="Karta över partnerna", level=1)).to_be_visible()
    svg = page.get_by_role("img", name="Karta över partnerna")
    expect(svg).to_be_visible()
    expect(page.locator("svg.map-svg path.country")).to_have_count(176)
    expect(page.locator("svg.map-svg g.marker")).to_have_count(13)
    box = page.locator("svg.map-svg g.marker").first.bounding_box()
    assert box is not None
    assert box["width"] > 4
    listing = page.get_by_role("region", name="Partner på kartan")
    expect(listing.get_by_role("link", name="Xuzhou")).to_be_visible()
    expect(listing.get_by_role("listitem")).to_have_count(13 + 1)  # and SERN, not on the map

    page.get_by_label("Land").select_option("FI")
    page.get_by_role("button", name="Visa").click()
    visit.check()
    expect(page.locator("svg.map-svg g.marker")).to_have_count(1)
    assert tried == []


def test_a_coordinator_records_a_membership_and_sees_its_renewal_date(visit, make_user, relations):
    make_user(Role.COORDINATOR, username="samordnare")
    sign_in(visit, "samordnare")
    page = visit.go("/relationer/?kind=network")
    page.get_by_role("link", name="SERN (Sweden Emilia-Romagna Network)").click()
    visit.check()
    page.get_by_role("link", name="Registrera ett medlemskap").click()
    visit.check()
    renewal = timezone.localdate() + datetime.timedelta(days=40)
    page.get_by_label("Ansvarigt organ").select_option(label="Kommunstyrelsen")
    page.get_by_label("Årsavgift").fill("1500")
    page.get_by_label("Förnyelsedatum").fill(renewal.isoformat())
    page.get_by_role("button", name="Spara").click()
    visit.check()
    # A fee without a currency: the error on the field, nothing typed lost.
    expect(page.get_by_text("Ange avgiftens valuta.")).to_be_visible()
    expect(page.get_by_label("Årsavgift")).to_have_value("1500")
    page.get_by_label("Valuta").select_option("EUR")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Medlemskapet är registrerat.")
    expect(page.get_by_role("cell", name="1500,00 EUR")).to_be_visible()

    ks = Body.objects.get(short_name="KS")
    page = visit.go(f"/relationer/organ/{ks.pk}/")
    dates = page.get_by_role("table", name="Kommande datum")
    row = dates.get_by_role("row", name=re.compile("Medlemskapet förnyas"))
    expect(row).to_have_count(1)
    expect(row.get_by_role("link", name="SERN (Sweden Emilia-Romagna Network)")).to_be_visible()


def test_an_officer_records_a_study_visit_that_others_cannot_change(visit, make_user, relations):
    un = Body.objects.get(short_name="UN")
    make_user(Role.OFFICER, username="skolhandlaggare", bodies=[un])
    make_user(
        Role.OFFICER, username="kulturhandlaggare", bodies=[Body.objects.get(short_name="KFN")]
    )
    sign_in(visit, "skolhandlaggare")
    tampere = Partner.objects.get(name="Tampere")
    page = visit.go(f"/relationer/{tampere.pk}/")
    page.get_by_role("link", name="Registrera en aktivitet").click()
    visit.check()
    page.get_by_label("Slag").select_option(label="Studiebesök")
    page.get_by_label("Titel").fill("Studiebesök om skolutveckling i Tammerfors")
    page.get_by_label(re.compile(r"^Datum")).fill("2026-09-14")
    page.get_by_label("Syfte").fill("Lära av Tammerfors arbete med skolutveckling.")
    page.get_by_label("Organ", exact=True).select_option(label="Utbildningsnämnden")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Aktiviteten är registrerad.")
    activity = Activity.objects.get()
    assert [b.short_name for b in activity.bodies.all()] == ["UN"]
    assert [p.name for p in activity.partners.all()] == ["Tampere"]

    visit.page.context.clear_cookies()
    sign_in(visit, "kulturhandlaggare")
    page = visit.go(f"/relationer/aktiviteter/{activity.pk}/")
    expect(
        page.get_by_role("heading", name="Studiebesök om skolutveckling i Tammerfors")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Ändra aktiviteten")).to_have_count(0)
    response = page.goto(f"{visit.base_url}/relationer/aktiviteter/{activity.pk}/andra/")
    assert response is not None
    assert response.status == 403
    visit.check()


def test_a_reader_cannot_see_contacts(visit, make_user, relations):
    tampere = Partner.objects.get(name="Tampere")
    contact = services.contact_create(
        user=None,
        partner=tampere,
        name="Aino Virtanen",
        email="aino.virtanen@tampere.fi",
        purpose="Samordna vänortsutbytet.",
        retention_until=timezone.localdate() + datetime.timedelta(days=365),
    )
    make_user(Role.READER, username="lasare")
    sign_in(visit, "lasare")
    page = visit.go(f"/relationer/{tampere.pk}/")
    contacts = page.get_by_role("region", name="Kontakter")
    expect(contacts).to_contain_text("Kontakter är personuppgifter")
    expect(page.get_by_text("Aino Virtanen")).to_have_count(0)
    response = page.goto(f"{visit.base_url}/relationer/kontakter/{contact.pk}/")
    assert response is not None
    assert response.status == 404
    visit.check()
