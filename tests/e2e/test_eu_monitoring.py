"""EU monitoring in a browser: a committee's inbox with a routed initiative, the council items
resting on the act it amends, an assessment by an officer of the body, and an officer of another
body who cannot assess it. Every page visited gets an axe scan.

The journey runs in English (the header's language switch), so that it does not depend on the
state of the Swedish catalogue; the Swedish pages share the templates.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from omvarld.accounts.constants import Role
from omvarld.eu_monitoring import services
from omvarld.eu_monitoring.constants import ActRelation, InboxStatus, Stage, WindowKind
from omvarld.eu_monitoring.models import (
    FeedbackWindow,
    InfluenceAction,
    Initiative,
    InitiativeAct,
    Routing,
)
from omvarld.knowledge.models import EUAct, PolicyArea
from omvarld.organisation.models import Body

from .conftest import Visit, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Översyn av direktivet om rening av avloppsvatten från tätbebyggelse"


def in_english(visit: Visit) -> Page:
    visit.page.get_by_role("button", name="English").click()
    visit.check()
    return visit.page


@pytest.fixture
def routed(imported, full_knowledge):
    """The urban waste water directive's revision, routed to Nodra (water and sewage)."""
    initiative = Initiative.objects.create(
        title_sv=TITLE, procedure_reference="2022/0345(COD)", stage=Stage.PROPOSAL
    )
    initiative.areas.set([PolicyArea.objects.get(code="water_sewage")])
    InitiativeAct.objects.create(
        initiative=initiative,
        act=EUAct.objects.get(celex="31991L0271"),
        relation=ActRelation.AMENDS,
    )
    today = timezone.localdate()
    FeedbackWindow.objects.create(
        initiative=initiative,
        kind=WindowKind.FEEDBACK_ON_PROPOSAL,
        opens=today - dt.timedelta(days=7),
        closes=today + dt.timedelta(days=21),
        url="https://ec.europa.eu/info/law/better-regulation/have-your-say/initiatives/1",
    )
    services.initiative_route(initiative=initiative)
    return initiative


def test_a_committee_assesses_a_routed_initiative(visit, make_user, routed):
    nodra = Body.objects.get(short_name="NODRA")
    school = Body.objects.get(short_name="UN")
    officer = make_user(
        Role.OFFICER, username="va-handlaggare", bodies=[nodra], first_name="Vera", last_name="Ek"
    )
    make_user(Role.OFFICER, username="skol-handlaggare", bodies=[school])

    sign_in(visit, "va-handlaggare")
    in_english(visit)
    page = visit.go(f"/eu-bevakning/organ/{nodra.pk}/")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("1 new initiative to assess.")).to_be_visible()
    touch = page.get_by_role("link", name="Touches 1 of the municipality's agenda items since 2016")
    touch.click()
    visit.check()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Justerad vatten- och avloppstaxa")).to_be_visible()
    expect(page.get_by_role("link", name="Nodra AB", exact=True)).to_be_visible()

    page = visit.go(f"/eu-bevakning/organ/{nodra.pk}/")
    page.get_by_role("link", name=re.compile(rf"^Assess\W+{re.escape(TITLE)}")).click()
    visit.check()
    page.get_by_label("High").check()
    page.get_by_label("Expected impact").fill("Skärpta krav på reningsverken i Norrköping.")
    page.get_by_label("Responsible officer").select_option(label="Vera Ek")
    page.get_by_label("Proposed action").fill("Svara på samrådet via SKR.")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("The assessment is saved.")
    routing = Routing.objects.get(initiative=routed, body=nodra)
    assert routing.status == InboxStatus.ASSESSED
    assert routing.assessment.responsible == officer
    expect(page.get_by_text("Relevance: High")).to_be_visible()

    # An officer of another body sees the initiative but cannot assess it.
    visit.page.context.clear_cookies()
    sign_in(visit, "skol-handlaggare")
    in_english(visit)
    page = visit.go(f"/eu-bevakning/initiativ/{routed.pk}/")
    expect(page.get_by_role("link", name="Nodra AB", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Assess")).to_have_count(0)
    expect(page.get_by_role("link", name="Change the assessment")).to_have_count(0)
    page = visit.go(f"/eu-bevakning/organ/{nodra.pk}/")
    expect(page.get_by_role("link", name=re.compile("^Change the assessment"))).to_have_count(0)
    response = page.goto(
        f"{visit.base_url}/eu-bevakning/initiativ/{routed.pk}/organ/{nodra.pk}/bedomning/"
    )
    assert response is not None
    assert response.status == 403
    visit.check()
    routing.refresh_from_db()
    assert routing.assessment.relevance == "high"


def test_a_coordinator_routes_records_an_action_and_reads_the_report(
    visit, make_user, routed, tmp_path
):
    nodra = Body.objects.get(short_name="NODRA")
    make_user(Role.COORDINATOR, username="samordnare")
    sign_in(visit, "samordnare")
    in_english(visit)

    page = visit.go("/eu-bevakning/")
    page.get_by_label("Search").fill("2022/0345")
    expect(page.locator("#initiative-rows tbody tr")).to_have_count(1)
    page.get_by_role("link", name=TITLE).click()
    visit.check()

    page.get_by_label("Add a body by hand").select_option(label="Utbildningsnämnden")
    page.get_by_role("button", name="Add", exact=True).click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("Utbildningsnämnden follows the initiative.")

    page.get_by_role("link", name="Record an action").click()
    visit.check()
    page.get_by_label("On behalf of").select_option(label="Nodra AB")
    page.get_by_label("Channel").select_option(label="Own response to a consultation")
    page.get_by_label("What was done").fill("Remissvar om skärpta reningskrav.")
    page.get_by_label("Stance").select_option(label="Supports with changes")
    page.get_by_label("Feedback window answered").select_option(index=1)
    answer = tmp_path / "remissvar.pdf"
    answer.write_bytes(b"%PDF-1.4 remissvar")
    page.get_by_label("Document", exact=True).set_input_files(answer)
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.get_by_role("status")).to_contain_text("The action is recorded.")
    expect(page.get_by_role("cell", name="Remissvar om skärpta reningskrav.")).to_be_visible()

    page = visit.go("/eu-bevakning/organ/")
    page.get_by_role("link", name="Nodra AB").click()
    visit.check()
    page.get_by_role("link", name=re.compile("^Report for")).click()
    visit.check()
    expect(page.get_by_role("row", name="Own response to a consultation 1")).to_be_visible()
    action = InfluenceAction.objects.get()
    assert action.body == nodra
    assert action.document.read() == b"%PDF-1.4 remissvar"
