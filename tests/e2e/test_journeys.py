"""What people do in the platform, in a real browser, with an axe scan of every page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.organisation.models import Body

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def knowledge():
    """The shipped knowledge files, as `make run` loads them."""
    from omvarld.knowledge.services import knowledge_load_files

    knowledge_load_files()


def test_visitor_pages(visit):
    page = visit.go("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit.go("/konto/logga-in/")
    visit.go("/konto/aterstall/")
    page = visit.go("/finns-inte/")
    expect(page.get_by_role("heading", name="Sidan finns inte")).to_be_visible()


def test_skip_link_moves_focus_to_the_content(visit):
    page = visit.go("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_coordinator_walks_every_page(visit, make_user, organisation, knowledge):
    make_user(Role.COORDINATOR, username="samordnare", bodies=[Body.objects.get(short_name="KS")])
    log_in(visit, "samordnare")
    visit.check()
    page = visit.page
    expect(page.get_by_role("heading", name="Hela kommunen", level=1)).to_be_visible()
    nav = page.get_by_role("navigation", name="Huvudmeny")
    for name in ("Organisation", "Kunskapsbank", "Bakgrundsjobb", "Ändringslogg", "API"):
        nav.get_by_role("link", name=name).click()
        visit.check()
    page = visit.go("/organisation/")
    page.get_by_role("link", name="Samhällsbyggnadsnämnden").click()
    visit.check()
    expect(page.get_by_text("Stadsplaneringsnämnden")).to_be_visible()
    page = visit.go("/kunskapsbank/")
    page.get_by_label("Sök").fill("2014/24/EU")
    expect(page.locator("#act-rows tbody tr").first).to_contain_text("32014L0024")
    page.locator("#act-rows tbody a").first.click()
    visit.check()
    visit.go("/kunskapsbank/svenska-forfattningar/?q=LOU")
    page = visit.go("/bakgrundsjobb/")
    page.get_by_role("button", name="Läs in organisations- och kunskapsfilerna igen").click()
    visit.settle()
    expect(page.get_by_role("status")).to_contain_text("står i kö")
    visit.check()
    page = visit.go("/konto/")
    page.get_by_role("button", name="Skapa en API-nyckel").click()
    visit.check()
    expect(page.locator("code.token")).to_be_visible()
    visit.go("/konto/losenord/")
    visit.go("/admin/")
    visit.go("/admin/organisation/body/")


def test_officer_edits_own_committee_in_english_too(visit, make_user, organisation):
    un = Body.objects.get(short_name="UN")
    make_user(Role.OFFICER, username="handlaggare", bodies=[un])
    log_in(visit, "handlaggare")
    page = visit.go(f"/organisation/organ/{un.pk}/")
    page.get_by_role("link", name="Ändra beskrivning och kontaktuppgifter").click()
    visit.check()
    page.get_by_label("beskrivning").fill("Ansvarar för gymnasieskola och vuxenutbildning.")
    email = page.get_by_label("kontaktadress (e-post)")
    email.fill("inte en adress")
    page.get_by_role("button", name="Spara").click()
    # The browser stops a malformed address before it is sent, and says why.
    assert email.evaluate("element => element.validity.typeMismatch")
    email.fill("utbildning@example.se")
    page.get_by_role("button", name="Spara").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Ändringarna är sparade")
    # Another committee has no edit link for this officer.
    ks = Body.objects.get(short_name="KS")
    page = visit.go(f"/organisation/organ/{ks.pk}/")
    expect(page.get_by_role("link", name="Ändra beskrivning och kontaktuppgifter")).to_have_count(0)
    page.get_by_role("button", name="English").click()
    visit.settle()
    visit.check()
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)
    assert page.evaluate("document.documentElement.lang") == "en"


def test_lockout_page(visit, make_user):
    make_user(Role.READER, username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(visit, "anna", "fel lösenord")
    log_in(visit, "anna")
    visit.check()
    expect(
        visit.page.get_by_role("heading", name="För många misslyckade inloggningar")
    ).to_be_visible()


def test_first_administrator_sets_password_with_the_one_time_link(visit, capsys):
    call_command("ensure_admin", "--base-url", visit.base_url)
    link = next(line.strip() for line in capsys.readouterr().out.splitlines() if "/konto/" in line)
    visit.page.goto(link)
    visit.check()
    page = visit.page
    page.get_by_label("Nytt lösenord (obligatoriskt)", exact=True).fill("ett eget långt lösenord")
    page.get_by_label("Bekräfta nytt lösenord (obligatoriskt)").fill("ett eget långt lösenord")
    page.get_by_role("button", name="Spara lösenordet").click()
    visit.check()
    log_in(visit, "admin", "ett eget långt lösenord")
    expect(page.get_by_role("link", name="Administration")).to_be_visible()
