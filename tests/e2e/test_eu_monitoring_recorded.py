"""Issue 5's journey on the recorded source payloads: after `eu_import` of EUR-Lex, Have Your Say
and Parliament payloads, the water company's inbox has the urban waste water revision, its open
feedback window is in the company's calendar feed, the initiative page lists the council items
that rest on the directive it amends, and an officer of another body cannot assess it.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from omvarld.accounts.constants import Role
from omvarld.accounts.models import FeedKey
from omvarld.eu_monitoring.models import Initiative
from omvarld.eu_monitoring.tests.factories import FILES
from omvarld.organisation.models import Body

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_recorded_initiative_reaches_the_committee(visit, make_user, imported, full_knowledge):
    for source, path in FILES:
        call_command("eu_import", str(path), source=source, stdout=StringIO(), stderr=StringIO())
    initiative = Initiative.objects.get(procedure_reference="2022/0345(COD)")
    # The payloads are historical (2021-2023): move the last feedback window so it is open now.
    window = initiative.windows.order_by("closes").last()
    today = timezone.localdate()
    window.opens, window.closes = today - dt.timedelta(days=5), today + dt.timedelta(days=20)
    window.save()

    water = Body.objects.get(short_name="NODRA")
    officer = make_user(Role.OFFICER, username="vattenbolaget", bodies=[water])
    sign_in(visit, "vattenbolaget")
    page = visit.go(f"/eu-bevakning/organ/{water.pk}/")
    page.get_by_role("link", name=initiative.title).first.click()
    visit.check()
    # The council item on the water tariff rests on the directive the revision amends.
    expect(page.get_by_role("link", name="Justerad vatten- och avloppstaxa")).to_be_visible()

    key = FeedKey.objects.create(user=officer).key
    calendar = page.request.get(f"{visit.base_url}/eu-bevakning/kalender/{key}/NODRA.ics")
    assert calendar.status == 200
    unfolded = calendar.text().replace("\r\n ", "")
    assert f"UID:window-{window.pk}@omvarld" in unfolded
    assert f"DTSTART;VALUE=DATE:{window.closes:%Y%m%d}" in unfolded

    page = visit.go("/eu-bevakning/tidsfrister/")
    expect(page.get_by_role("link", name=initiative.title).first).to_be_visible()

    # An officer of another body cannot assess the water company's initiative.
    page.get_by_role("button", name="Logga ut").click()
    culture = Body.objects.get(short_name="KFN")
    make_user(Role.OFFICER, username="kultur", bodies=[culture])
    sign_in(visit, "kultur")
    response = page.request.get(
        f"{visit.base_url}/eu-bevakning/initiativ/{initiative.pk}/organ/{water.pk}/bedomning/"
    )
    assert response.status == 403
