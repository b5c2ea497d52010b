"""The web app's analyses run on the knowledge base in the database: an administrator's edit of a
cue changes the next analysis, every analysis records the revision it ran on, and the meetings
page offers a new analysis of the items coded before the edit."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from omvarld.accounts.constants import Role
from omvarld.knowledge.models import Cue
from omvarld.meetings.models import AgendaItem, ItemAnalysis
from omvarld.meetings.services import document_import
from omvarld.meetings.services_analysis import items_reanalyse

# Written for the test: wells are no subject of the packaged cues.
NOTICE = """Kommunstyrelsen kallas till sammanträde 2024-03-04.

Följande ärenden behandlas:
• Val av justerare
• Kommunala brunnar för bevattning i stadsparken
"""


def _cue_form(cue: Cue, **changes) -> dict:
    data = {
        "key": cue.key,
        "pattern": cue.pattern,
        "areas": [area.pk for area in cue.areas.all()],
        "eu": cue.eu,
        "weight": cue.weight,
        "why_sv": cue.why_sv,
        "refs": json.dumps(cue.refs),
        "kinds": json.dumps(cue.kinds),
    }
    if cue.funding:
        data["funding"] = "on"
    data.update(changes)
    return data


@pytest.mark.usefixtures("full_knowledge")
def test_an_admin_edit_of_a_cue_changes_the_next_analysis(client_as, council):
    document_import(
        data=NOTICE.encode(), name="ks.txt", body=council, meeting_date=dt.date(2024, 3, 4)
    )
    item = AgendaItem.objects.get(title__startswith="Kommunala brunnar")
    first = item.analyses.get(is_current=True)
    assert (first.eu, first.knowledge_revision) == ("none", 1)
    assert first.knowledge_version.startswith("revision 1 sha256:")

    coordinator = client_as(Role.COORDINATOR)
    offer = "analyserades med en annan version av motorn eller kunskapsbanken"
    assert offer not in coordinator.get("/eu-analys/").content.decode()

    admin = client_as(Role.ADMINISTRATOR)
    cue = Cue.objects.get(key="drinking-water")
    response = admin.post(
        f"/admin/knowledge/cue/{cue.pk}/change/",
        _cue_form(cue, pattern=cue.pattern + "|brunnar"),
        follow=True,
    )
    assert response.status_code == 200
    cue.refresh_from_db()
    assert cue.pattern.endswith("|brunnar")
    assert cue.edited_locally
    assert "Kunskapsbanken har nu revision 2; nästa analys använder den." in (
        response.content.decode()
    )

    # The meetings page offers a new analysis of the two items coded with revision 1.
    page = coordinator.get("/eu-analys/").content.decode()
    assert f"2 ärenden {offer}" in page
    assert "Kunskapsbanken har revision 2." in page

    assert items_reanalyse(items=AgendaItem.objects.all()) == 2
    latest = item.analyses.get(is_current=True)
    assert (latest.eu, latest.knowledge_revision) == ("legal", 2)
    assert latest.evidence[0]["ref"] == "32020L2184"
    item.refresh_from_db()
    assert item.eu == "legal"
    assert ItemAnalysis.objects.filter(item=item).count() == 2  # the first one stays in history
    assert offer not in coordinator.get("/eu-analys/").content.decode()


@pytest.mark.usefixtures("full_knowledge")
def test_an_edit_the_engine_cannot_use_is_refused_in_the_admin(client_as):
    admin = client_as(Role.ADMINISTRATOR)
    cue = Cue.objects.get(key="drinking-water")
    response = admin.post(
        f"/admin/knowledge/cue/{cue.pk}/change/", _cue_form(cue, pattern="brunnar(")
    )
    assert response.status_code == 200  # the form again, with what was typed
    page = response.content.decode()
    assert "EU-analysmotorn kan inte använda detta: invalid pattern" in page
    assert "brunnar(" in page
    cue.refresh_from_db()
    assert not cue.pattern.startswith("brunnar(")
