"""The statistics pages in a real browser: charts, tables and exports, with an axe scan."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.knowledge.models import PolicyArea
from omvarld.meetings.models import AgendaItem, Meeting, SourceDocument

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def items(make_body):
    waste = PolicyArea.objects.create(code="waste", label_sv="Avfall", label_en="Waste")
    document = SourceDocument.objects.create(
        sha256="e" * 64,
        original="originals/e.txt",
        original_name="e.txt",
        size=1,
        file_format="txt",
        shape="notice",
        text="",
    )
    bodies = [
        make_body("KF", "Kommunfullmäktige"),
        make_body("MHN", "Miljö- och hälsoskyddsnämnden"),
    ]
    position = 0
    for year in (2019, 2020, 2021):
        for body in bodies:
            meeting = Meeting.objects.create(body=body, date=dt.date(year, 3, 1))
            for eu, kind in (
                ("legal", "decision"),
                ("policy", "motion"),
                ("none", "formal"),
                ("none", "decision"),
            ):
                position += 1
                item = AgendaItem.objects.create(
                    meeting=meeting,
                    document=document,
                    position=position,
                    number=str(position),
                    title=f"Avfallsplan {year} del {position}",
                    text="",
                    kind=kind,
                    eu=eu,
                    funding=eu == "policy",
                )
                item.areas.set([waste])
    return bodies


def test_reader_reads_the_statistics(visit, make_user, items):
    make_user(Role.READER, username="lasare")
    sign_in(visit, "lasare")
    page = visit.go("/eu-analys/statistik/")
    charts = page.locator("svg[role=img]")
    expect(charts).to_have_count(3)
    for chart in charts.all():
        caption = page.locator(f"#{chart.get_attribute('aria-labelledby')}")
        expect(caption).to_be_visible()
    expect(page.locator("#table-year tbody tr")).to_have_count(3)
    expect(page.locator("#table-year tfoot")).to_contain_text("24")
    with page.expect_download() as download:
        page.locator("a[href*='export/year.xlsx']").click()
    assert download.value.suggested_filename == "eu-statistik-per-ar.xlsx"
    page.locator("#table-body").get_by_role("link", name="Miljö- och hälsoskyddsnämnden").click()
    visit.check()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Miljö- och hälsoskyddsnämnden")
    expect(page.locator("table.top-items tbody tr").first).to_contain_text("2021")
    page.locator("table.top-items tbody a").first.click()
    visit.check()
    page = visit.go(f"/eu-analys/statistik/?body={items[0].pk}&year_from=2020&measure=substantive")
    expect(page.locator("#table-year tbody tr")).to_have_count(2)
    page.set_viewport_size({"width": 390, "height": 800})
    visit.go(f"/eu-analys/statistik/organ/{items[1].pk}/")
