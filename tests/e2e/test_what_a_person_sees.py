"""Issue 8's journey by role, in a real browser with an axe scan of every page: the numbers a
committee trusts, the Swedish words a person reads, no call to act on a closed window, menus that
show what a role can do, users managed on the pages, and the error pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.core import contributions
from omvarld.core.contributions import BodyDeadline, register_deadlines
from omvarld.eu_monitoring.constants import InboxStatus, WindowKind
from omvarld.eu_monitoring.models import FeedbackWindow, Initiative, Routing
from omvarld.knowledge.models import PolicyArea
from omvarld.knowledge.services import knowledge_load_areas
from omvarld.meetings.models import AgendaItem, ItemAnalysis, Meeting, SourceDocument

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(make_body):
    knowledge_load_areas()
    areas = {a.code: a for a in PolicyArea.objects.all()}
    today = timezone.localdate()
    mhn = make_body("MHN", "Miljö- och hälsoskyddsnämnden")
    mhn.areas.set([areas["environment_health"], areas["food"], areas["water_sewage"]])
    make_body("ValN", "Valnämnden")
    noise = Initiative.objects.create(
        title_sv="Buller vid EU-flygplatser", title_en="Noise at EU airports"
    )
    Routing.objects.create(initiative=noise, body=mhn)
    FeedbackWindow.objects.create(
        initiative=noise,
        kind=WindowKind.CALL_FOR_EVIDENCE,
        opens=today - dt.timedelta(days=60),
        closes=today - dt.timedelta(days=4),
        url="https://ec.europa.eu/hys/closed",
        external_id="closed",
    )
    FeedbackWindow.objects.create(
        initiative=noise,
        kind=WindowKind.PUBLIC_CONSULTATION,
        opens=today - dt.timedelta(days=2),
        closes=today + dt.timedelta(days=20),
        url="https://ec.europa.eu/hys/open",
        external_id="open",
    )
    old = Initiative.objects.create(title_sv="Livsmedelskontroll")
    Routing.objects.create(initiative=old, body=mhn, status=InboxStatus.ASSESSED)

    document = SourceDocument.objects.create(
        sha256="a" * 64,
        original="originals/a.txt",
        original_name="mhn.txt",
        size=1,
        file_format="txt",
        shape="notice",
        text="",
    )
    meeting = Meeting.objects.create(body=mhn, date=dt.date(2026, 3, 2))
    item = AgendaItem.objects.create(
        meeting=meeting,
        document=document,
        position=1,
        number="1",
        title="Val av justerare",
        text="Val av justerare",
        kind="election",
        eu="none",
    )
    ItemAnalysis.objects.create(
        item=item,
        engine_version="1",
        knowledge_version="1",
        kind="election",
        eu="none",
        confidence=0.95,
    )
    return {"mhn": mhn, "noise": noise, "item": item, "today": today}


@pytest.fixture
def agreements(monkeypatch, world):
    """Another app's deadlines (international relations), registered as that app would."""
    monkeypatch.setattr(
        contributions, "_deadline_providers", dict(contributions._deadline_providers)
    )
    step = BodyDeadline(
        uid="agreement-1@omvarld",
        date=world["today"] + dt.timedelta(days=9),
        title="Vänortsavtal med Tammerfors",
        label="Sista dag att säga upp avtalet",
        body_id=world["mhn"].pk,
        url="/",
        source="Internationella relationer",
    )

    def provide(*, body_ids, date_from, date_to, today):
        return [step] if step.body_id in body_ids and date_from <= step.date <= date_to else []

    register_deadlines("relations", "Internationella relationer", provide)
    return step


def test_an_officer_sees_true_counts_deadlines_without_a_call_to_act_and_reviews(
    visit, make_user, world, agreements
):
    make_user(Role.OFFICER, username="miljo", bodies=[world["mhn"]])
    sign_in(visit, "miljo")

    # The inbox overview counts each routing once, however many areas; Valnämnden is listed.
    page = visit.go("/eu-bevakning/organ/")
    row = page.get_by_role("row", name=re.compile("Miljö- och hälsoskyddsnämnden"))
    expect(row.get_by_role("cell")).to_have_text(
        ["Miljö- och hälsoskyddsnämnden", "1", "1", "0", "0"]
    )
    expect(page.get_by_role("row", name=re.compile("Valnämnden"))).to_be_visible()

    # The deadlines: the period shown is the one used, another app's dates are there, and the
    # closed window shows on request, as closed, without the call to act.
    page = visit.go("/eu-bevakning/tidsfrister/")
    expect(page.get_by_label("Period")).to_have_value("90")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Vänortsavtal med Tammerfors")
    expect(table).to_contain_text("Internationella relationer")
    expect(page.get_by_role("link", name=re.compile("^Lämna synpunkter hos källan"))).to_have_count(
        1
    )
    page.get_by_label("Visa tidigare").check()
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**earlier=on**")
    visit.check()
    closed = page.get_by_role("row", name=re.compile("stängd"))
    expect(closed).to_contain_text("passerad")
    expect(closed.get_by_role("link", name=re.compile("Lämna synpunkter"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Lämna synpunkter hos källan"))).to_have_count(
        1
    )

    # The initiative page offers feedback on the open window only, and says what the match is.
    page.get_by_role("link", name="Buller vid EU-flygplatser", exact=True).first.click()
    visit.check()
    windows = page.locator("h2:has-text('Samråd') + ul")
    expect(windows.get_by_role("link", name=re.compile("Lämna synpunkter"))).to_have_count(1)
    expect(windows).to_contain_text("stängd")
    expect(page.get_by_role("columnheader", name="Hur väl det stämmer")).to_be_visible()

    # A review without any area (the commonest) is saved and shown first, with its reason.
    page = visit.go(f"/eu-analys/arenden/{world['item'].pk}/")
    expect(page.get_by_text("Hur säker motorn är:")).to_be_visible()
    expect(page.get_by_label("Typ av ärende")).to_be_visible()
    page.get_by_label("Motivering").fill("Ett val; ingen EU-fråga.")
    page.get_by_role("button", name="Spara granskning").click()
    visit.check()
    expect(page.get_by_role("heading", name="Granskad kodning")).to_be_visible()
    expect(page.locator(".reviewed-coding")).to_contain_text("Ett val; ingen EU-fråga.")
    expect(page.locator(".reviewed-coding")).to_contain_text(
        "Granskaren bekräftade motorns kodning."
    )

    page = visit.go("/eu-analys/granskning/")
    expect(page.get_by_text("1 ärende granskat; 0 av dem ändrade av granskaren.")).to_be_visible()

    # The officer has bodies: the import tab is there.
    expect(page.get_by_role("link", name="Läs in")).to_be_visible()


def test_a_reader_sees_only_what_a_reader_can_use_and_a_swedish_error_page(visit, make_user, world):
    make_user(Role.READER, username="lasare")
    sign_in(visit, "lasare")
    page = visit.go("/eu-analys/")
    expect(page.get_by_role("link", name="Läs in")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Huvudmeny")
    expect(nav.get_by_role("link", name="Användare")).to_have_count(0)
    expect(nav.get_by_role("link", name="Bakgrundsjobb")).to_have_count(0)

    page = visit.go(f"/eu-analys/arenden/{world['item'].pk}/")
    expect(page.get_by_text("Du kan inte granska ärenden som läsare")).to_be_visible()

    page = visit.go("/finns-inte/")
    expect(page.get_by_role("heading", name="Sidan finns inte")).to_be_visible()
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()
    page = visit.go("/bakgrundsjobb/")
    expect(page.get_by_role("heading", name="Inte tillåtet")).to_be_visible()
    expect(page.get_by_text("Du är inloggad som läsare")).to_be_visible()


def test_a_coordinator_invites_a_user_previews_the_digest_and_reads_tasks_in_swedish(
    visit, make_user, world, agreements
):
    make_user(Role.OFFICER, username="miljo", bodies=[world["mhn"]], email="miljo@example.se")
    make_user(Role.COORDINATOR, username="samordnare")
    sign_in(visit, "samordnare")

    page = visit.go("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Användare").click()
    visit.check()
    page.get_by_role("link", name="Bjud in en användare").click()
    visit.check()
    expect(page.get_by_label("Roll").locator("option")).to_have_text(["Handläggare", "Läsare"])
    page.get_by_label("E-postadress").fill("ny@norrkoping.se")
    page.get_by_label("Förnamn").fill("Nils")
    page.get_by_label("Miljö- och hälsoskyddsnämnden").check()
    page.get_by_role("button", name="Skicka inbjudan").click()
    visit.check()
    expect(page.locator(".messages")).to_contain_text("ny@norrkoping.se är inbjuden")
    expect(page.get_by_role("row", name=re.compile("Nils"))).to_contain_text(
        "Inbjuden, har inte loggat in"
    )
    assert [m.to for m in mail.outbox] == [["ny@norrkoping.se"]]

    page = visit.go("/eu-bevakning/veckosammanfattning/")
    expect(page.get_by_role("heading", name="Veckosammanfattning", level=1)).to_be_visible()
    expect(page.locator(".digest-body")).to_contain_text("Vänortsavtal med Tammerfors")
    expect(page.locator(".digest-body")).to_contain_text("Buller vid EU-flygplatser")
    assert len(mail.outbox) == 1

    page = visit.go("/bakgrundsjobb/")
    expect(page.get_by_role("heading", name="Bakgrundsjobb")).to_be_visible()
    expect(page.locator("#status-filter option")).to_have_text(
        ["Alla", "Väntar", "Körs", "Misslyckades", "Klar"]
    )

    page = visit.go("/api/v1/dokumentation/")
    row = page.locator("tr", has=page.get_by_text("/api/v1/eu-initiatives/", exact=True))
    expect(row).to_contain_text("De bevakade EU-initiativen")


def test_statistics_fit_a_phone_and_say_their_bases(visit, make_user, world):
    make_user(Role.READER, username="lasare")
    sign_in(visit, "lasare")
    page = visit.go("/eu-analys/statistik/")
    expect(page.locator(".figures")).to_contain_text("av 1 ärende")
    page.set_viewport_size({"width": 390, "height": 800})
    visit.check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The 0 % label stands inside its chart, not cut at the left edge.
    for chart in page.locator("svg.chart").all():
        left = chart.bounding_box()["x"]
        label = chart.locator("text.chart-tick", has_text=re.compile(r"^0 %$")).first
        assert label.bounding_box()["x"] >= left
