"""Importing in a browser: upload a notice, watch the progress bar fill, read the summary."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.core.tests.worker import DB_TASKS, run_worker
from omvarld.meetings.models import ImportBatch
from omvarld.meetings.tests.factories import APRIL, pdf_bytes

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def sv(msgid: str) -> str:
    """The page's Swedish for an English msgid, as the catalogue has it."""
    with translation.override("sv"):
        return gettext(msgid)


def test_officer_uploads_a_notice_and_follows_the_import(
    visit,
    make_user,
    council,
    tmp_path,
    settings,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_user(Role.OFFICER, username="handlaggare", bodies=[council])
    notice = tmp_path / "kf-2016-04-25.pdf"
    notice.write_bytes(pdf_bytes(APRIL))
    sign_in(visit, "handlaggare")

    with override_settings(TASKS=DB_TASKS):
        page = visit.go("/eu-analys/import/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.get_by_label(sv("Files")).set_input_files(str(notice))
        expect(page.get_by_label(sv("Body"))).to_have_value(str(council.pk))
        page.get_by_role("button", name=sv("Import"), exact=True).click()
        page.wait_for_url(re.compile(r"/eu-analys/import/\d+/$"))
        bar = page.get_by_label(sv("Files processed"))
        expect(bar).to_be_visible()
        # Queued: the worker has not run yet, so the page polls and shows no summary.
        assert ImportBatch.objects.get().status == "queued"
        expect(page.get_by_role("status")).to_have_count(0)
        visit.check()

        run_worker("e2e-import")
        expect(page.get_by_role("status")).to_contain_text(sv("The import is finished."))
    expect(bar).to_have_attribute("value", "1")
    expect(bar).to_have_attribute("max", "1")
    summary = page.get_by_role("table", name=sv("What the import did"))
    items = summary.get_by_role("row", name=re.compile(rf"^{sv('Agenda items')} "))
    expect(items).to_contain_text("3")
    visit.check()

    page.get_by_role("link", name=f"{council.name} 2016-04-25").click()
    visit.check()
    expect(page.get_by_role("link", name="Avfallsplan för Norrköpings kommun")).to_be_visible()

    page = visit.go("/eu-analys/import/")
    expect(page.get_by_role("table", name=sv("Earlier imports"))).to_contain_text(sv("Done"))

    # The officer corrects a code, and the committee's statistics move with it.
    stats_url = f"/eu-analys/statistik/organ/{council.pk}/"
    page = visit.go(stats_url)
    per_year = page.get_by_role("table", name=sv("EU influence per year"))
    before = per_year.get_by_role("row", name=re.compile(r"^2016")).inner_text()
    page = visit.go("/eu-analys/")
    page.get_by_role("link", name="2016-04-25").click()
    page.get_by_role("link", name="Avfallsplan för Norrköpings kommun").click()
    visit.check()
    page.get_by_label(sv("No EU influence")).check()
    page.get_by_label(sv("Reason for the coding")).fill("Planen är lokal")
    page.get_by_role("button", name=sv("Save review")).click()
    expect(page.get_by_role("status")).to_contain_text(sv("The review is saved."))
    page = visit.go(stats_url)
    after = (
        page.get_by_role("table", name=sv("EU influence per year"))
        .get_by_role("row", name=re.compile(r"^2016"))
        .inner_text()
    )
    assert after != before, (before, after)
