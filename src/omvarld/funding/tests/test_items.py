"""Agenda items coded as EU funding linked to a project, read through the meetings app."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from omvarld.funding.models import ProjectItemLink
from omvarld.funding.services import item_link_add, project_create
from omvarld.meetings import selectors as meetings
from omvarld.meetings.models import AgendaItem

NOTICE = """Kommunfullmäktiges sammanträde 21 mars 2016

Kommunfullmäktige i Norrköping kallas att sammanträda måndagen den 21 mars 2016 klockan 16.30.

Följande ärenden behandlas vid sammanträdet

 • Val av justerare
 • Riktlinje för upphandling och inköp
 • Ansökan om medel ur Europeiska socialfonden för projektet Unga in

Norrköping den 8 mars 2016
"""


@pytest.fixture
def council_items(funding_data):
    from omvarld.meetings.services import document_import

    document_import(data=NOTICE.encode("utf-8"), name="kf-2016-03-21.txt")
    return {item.title: item for item in AgendaItem.objects.all()}


@pytest.fixture
def project(bodies, people):
    return project_create(user=people["officer"], title="Unga in", bodies=[bodies["UN"]])


def test_the_meetings_selector_gives_items_by_id(council_items):
    esf = council_items["Ansökan om medel ur Europeiska socialfonden för projektet Unga in"]
    assert esf.funding
    found = meetings.items_by_ids(ids=[i.pk for i in council_items.values()], funding=True)
    assert found == [esf]
    assert found[0].meeting.body.short_name == "KF"


def test_an_item_coded_as_eu_funding_is_linked(council_items, project, people):
    esf = council_items["Ansökan om medel ur Europeiska socialfonden för projektet Unga in"]
    link = item_link_add(
        project=project,
        user=people["officer"],
        item_id=esf.pk,
        note="Fullmäktige beslutade om medfinansieringen.",
    )
    assert (link.body_name, str(link.meeting_date)) == ("Kommunfullmäktige", "2016-03-21")
    assert link.item_title == esf.title
    again = item_link_add(project=project, user=people["officer"], item_id=esf.pk, note="Ändrad")
    assert again.pk == link.pk
    assert ProjectItemLink.objects.get().note == "Ändrad"


def test_an_item_not_coded_as_eu_funding_is_refused(council_items, project, people):
    procurement = council_items["Riktlinje för upphandling och inköp"]
    with pytest.raises(ValidationError) as caught:
        item_link_add(project=project, user=people["officer"], item_id=procurement.pk)
    assert caught.value.message_dict == {"item": ["Välj ett ärende som är kodat som EU-medel."]}


def test_the_project_page_lists_the_decision_and_survives_a_removed_item(
    client, council_items, project, people
):
    esf = council_items["Ansökan om medel ur Europeiska socialfonden för projektet Unga in"]
    client.force_login(people["officer"])
    form = client.get(f"/eu-medel/projekt/{project.pk}/arenden/?q=socialfonden").content.decode()
    assert "Ansökan om medel ur Europeiska socialfonden" in form
    assert "Riktlinje för upphandling" not in form
    client.post(
        f"/eu-medel/projekt/{project.pk}/arenden/",
        {"item": esf.pk, "note": "Fullmäktige beslutade om medfinansieringen."},
    )
    page = client.get(f"/eu-medel/projekt/{project.pk}/").content.decode()
    assert "Kommunfullmäktige den 2016-03-21" in page
    assert f'href="/eu-analys/arenden/{esf.pk}/"' in page
    assert "Fullmäktige beslutade om medfinansieringen." in page
    esf.delete()
    page = client.get(f"/eu-medel/projekt/{project.pk}/").content.decode()
    assert "finns inte längre i plattformen" in page
    assert "Ansökan om medel ur Europeiska socialfonden" in page
