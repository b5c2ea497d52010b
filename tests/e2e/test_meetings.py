"""The EU-analysis pages in a browser: meetings, items, search, one item and its review."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.meetings.models import AgendaItem, Meeting

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_reads_searches_and_reviews(visit, make_user, imported, council):
    make_user(Role.OFFICER, username="handlaggare", bodies=[council])
    sign_in(visit, "handlaggare")
    page = visit.go("/eu-analys/")
    meeting = Meeting.objects.get()
    page.get_by_role("link", name="2016-03-21").click()
    visit.check()
    expect(page.get_by_role("heading", name="Justerad vatten- och avloppstaxa")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()

    page = visit.go("/eu-analys/arenden/")
    page.get_by_label("Sök").fill("avlopp")
    expect(page.locator("#item-rows tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Justerad vatten- och avloppstaxa").click()
    visit.check()

    item = AgendaItem.objects.get(meeting=meeting, position=2)
    page.get_by_label("EU-politik").check()
    page.get_by_label("Motivering").fill("Taxans nivå beslutas lokalt")
    page.get_by_role("button", name="Spara granskningen").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Granskningen är sparad")
    item.refresh_from_db()
    assert item.eu == "policy"
    assert item.reviewed

    page = visit.go("/eu-analys/granskning/")
    expect(page.get_by_role("link", name="Justerad vatten- och avloppstaxa")).to_be_visible()
