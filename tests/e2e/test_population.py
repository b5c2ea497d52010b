"""Issue 13's journey: a coordinator imports SCB's figures from a file, the overview shows them
with their source, and the table under the chart holds the same numbers; the real recorded SCB
answer imports with its problems listed; readers and officers read but cannot import. Every page
gets an axe scan and a CSP check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.core.tests.worker import DB_TASKS, run_worker
from omvarld.organisation.models import Body, Municipality
from omvarld.population.services import population_countries_load

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DATA = Path(__file__).resolve().parents[2] / "src/omvarld/population/tests/data"


def sv(msgid: str) -> str:
    with translation.override("sv"):
        return gettext(msgid)


@pytest.fixture
def norrkoping(db):
    municipality = Municipality.objects.create(
        name="Norrköpings kommun", code="0581", county="Östergötlands län"
    )
    population_countries_load()
    return municipality


def _import(visit, path: Path) -> None:
    page = visit.go("/befolkning/import/")
    page.get_by_label(sv("File from SCB's API (JSON-stat 2.0)")).set_input_files(str(path))
    page.get_by_role("button", name=sv("Import"), exact=True).click()
    page.wait_for_url(re.compile(r"/befolkning/import/\d+/$"))
    run_worker("e2e-population")
    expect(page.get_by_role("status")).to_contain_text(sv("The import is finished."))
    visit.check()


def test_coordinator_imports_and_the_overview_shows_the_figures(visit, make_user, norrkoping):
    make_user(Role.COORDINATOR, username="samordnare")
    sign_in(visit, "samordnare")
    page = visit.go("/befolkning/")
    expect(page.get_by_role("heading", name=sv("No figures yet"))).to_be_visible()

    with override_settings(TASKS=DB_TASKS):
        # A file in SCB's format with DOMAIN.md's two figures for 2016 (built from documentation).
        _import(visit, DATA / "folkmregflandk_0581_2016.json")
        summary = page.get_by_role("table", name=sv("What the import did"))
        expect(
            summary.get_by_role("row", name=re.compile(rf"^{sv('Figures added')}"))
        ).to_contain_text("2")
        page.get_by_role("link", name=sv("See the figures")).click()
    visit.check()

    caption = sv("Residents born abroad per year, %(place)s and Sweden") % {
        "place": "Norrköpings kommun"
    }
    table = page.get_by_role("table", name=caption)
    row = table.get_by_role("row", name=re.compile(r"^2016"))
    cells = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
    assert cells == ["139\xa0363", "113\xa0125", "26\xa0238", "18,8 %", "–"]
    # The chart above it is labelled with the same share.
    chart_caption = sv(
        "Share of the residents born abroad, per year, in %(place)s and in Sweden (per cent). "
        "The figures are in the table below."
    ) % {"place": "Norrköpings kommun"}
    chart = page.get_by_role("img", name=chart_caption)
    expect(chart.locator("text.chart-label")).to_have_text("Norrköpings kommun 18,8 %")
    source = page.locator("#heading-born-abroad").locator("xpath=..").locator(".pop-source")
    expect(source).to_contain_text("FolkmRegFlandK")
    expect(source).to_contain_text("2017-02-21")

    download = page.get_by_role("link", name="CSV").first
    with page.expect_download() as info:
        download.click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "2016;139363;113125;26238;18,8;" in text

    page = visit.go("/befolkning/land/SE/")
    residents = page.get_by_role("table", name=re.compile("Sverige"))
    expect(residents.get_by_role("row", name=re.compile(r"^2016"))).to_contain_text("113\xa0125")
    visit.go("/befolkning/land/")


def test_the_recorded_answer_imports_with_its_problems_listed(
    visit, make_user, norrkoping, shared_data
):
    make_user(Role.COORDINATOR, username="samordnare")
    sign_in(visit, "samordnare")
    recorded = shared_data / "statistics" / "scb-pxwebapi2" / "TAB6471_data.json"
    with override_settings(TASKS=DB_TASKS):
        _import(visit, recorded)
    page = visit.page
    problems = page.get_by_role(
        "table", name=sv("Problems and notes, with their place in the file")
    )
    expect(problems.get_by_role("row", name=re.compile("Region=01"))).to_contain_text(
        "Stockholms län"
    )
    page = visit.go("/befolkning/import/")
    expect(page.get_by_role("table", name=sv("SCB's tables read so far"))).to_contain_text(
        "TAB6471"
    )


@pytest.mark.parametrize("who", ["reader", "officer_other_body"])
def test_readers_and_officers_read_but_cannot_import(visit, make_user, norrkoping, who):
    body = Body.objects.create(
        municipality=norrkoping, short_name="KFN", name="Kulturnämnden", kind="committee"
    )
    role, bodies = (Role.READER, []) if who == "reader" else (Role.OFFICER, [body])
    make_user(role, username="lasare", bodies=bodies)
    sign_in(visit, "lasare")
    page = visit.go("/befolkning/")
    expect(
        page.get_by_text(sv("Ask an international coordinator to fetch or import the figures."))
    ).to_be_visible()
    page = visit.go("/befolkning/import/")
    expect(page.get_by_label(sv("File from SCB's API (JSON-stat 2.0)"))).to_have_count(0)
    visit.go("/befolkning/land/")


def test_anonymous_visitors_are_asked_to_log_in(visit, norrkoping):
    page = visit.go("/befolkning/")
    assert "/konto/logga-in/" in page.url
