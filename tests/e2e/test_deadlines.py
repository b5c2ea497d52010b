"""The deadlines page and the subscription page in a real browser, with axe scans; the calendar
address it gives works until the key is replaced."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring.constants import Channel, InboxStatus, Source, Stage, WindowKind
from omvarld.eu_monitoring.models import (
    FeedbackWindow,
    InfluenceAction,
    Initiative,
    Routing,
    StageEvent,
)

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deadlines(make_body):
    today = timezone.localdate()
    mn = make_body("MN", "Miljönämnden")
    un = make_body("UN", "Utbildningsnämnden")
    water = Initiative.objects.create(
        title_sv="Översyn av avloppsdirektivet", com_number="COM(2026) 123"
    )
    Routing.objects.create(initiative=water, body=mn)
    window = FeedbackWindow.objects.create(
        initiative=water,
        kind=WindowKind.PUBLIC_CONSULTATION,
        opens=today - dt.timedelta(days=10),
        closes=today + dt.timedelta(days=12),
        url="https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/42",
        external_id="42",
    )
    StageEvent.objects.create(
        initiative=water,
        stage=Stage.PROPOSAL,
        date=today + dt.timedelta(days=50),
        source=Source.MANUAL,
    )
    school = Initiative.objects.create(title_sv="Europeiska området för utbildning")
    Routing.objects.create(initiative=school, body=un)
    school_window = FeedbackWindow.objects.create(
        initiative=school,
        kind=WindowKind.CALL_FOR_EVIDENCE,
        opens=today - dt.timedelta(days=5),
        closes=today + dt.timedelta(days=4),
        external_id="43",
    )
    InfluenceAction.objects.create(
        initiative=school,
        body=un,
        date=today,
        channel=Channel.OWN_RESPONSE,
        description="Remissvar",
        window=school_window,
    )
    closed = Initiative.objects.create(title_sv="Avslutat ärende")
    Routing.objects.create(initiative=closed, body=mn, status=InboxStatus.CLOSED)
    FeedbackWindow.objects.create(
        initiative=closed, kind=WindowKind.OTHER, closes=today + dt.timedelta(days=2)
    )
    return {"mn": mn, "un": un, "window": window}


def test_officer_reads_deadlines_and_subscribes(visit, make_user, deadlines):
    make_user(Role.OFFICER, username="miljo", bodies=[deadlines["mn"]])
    sign_in(visit, "miljo")

    page = visit.go("/eu-bevakning/tidsfrister/")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Översyn av avloppsdirektivet")
    expect(rows.first).to_contain_text(deadlines["window"].closes.isoformat())
    expect(page.locator("table")).not_to_contain_text("Europeiska området för utbildning")
    expect(page.locator("table")).not_to_contain_text("Avslutat ärende")

    page.locator("select[name=body]").select_option("all")
    page.locator("select[name=period]").select_option("30")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/tidsfrister/?*")
    visit.check()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Europeiska området för utbildning")
    expect(rows.first).to_contain_text("Utbildningsnämnden")

    page.set_viewport_size({"width": 390, "height": 800})
    visit.check()
    page.set_viewport_size({"width": 1280, "height": 800})

    page.locator("a[href='/eu-bevakning/tidsfrister/prenumerera/']").click()
    page.wait_for_url("**/prenumerera/")
    visit.check()
    address = page.locator("code.token").inner_text()
    assert address.endswith("/mina.ics")
    calendar = page.request.get(address)
    assert calendar.status == 200
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    text = calendar.text()
    assert f"UID:window-{deadlines['window'].pk}@omvarld" in text
    assert "Europeiska området" not in text
    expect(page.locator("table tbody tr").first).to_contain_text("Miljönämnden")
    rss = page.locator("table tbody tr").first.locator("a[href$='.rss']").get_attribute("href")
    assert rss is not None
    assert "Översyn av avloppsdirektivet" in page.request.get(rss).text()

    page.locator("form[action$='/ny-nyckel/'] button").click()
    visit.settle()
    visit.check()
    expect(page.locator(".messages")).to_be_visible()
    new_address = page.locator("code.token").inner_text()
    assert new_address != address
    assert page.request.get(address).status == 404
    assert page.request.get(new_address).status == 200
