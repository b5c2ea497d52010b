"""The link to the relations register (issue 11), through its selectors and services only:
events with partners, actions pointing to a partner, contacts made on a trip registered there;
and nothing of it offered when the register is not installed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from omvarld.exchange.models import EventPartner, ReportContact
from omvarld.exchange.selectors import links
from omvarld.exchange.services import events as event_services
from omvarld.exchange.services import reports as report_services
from omvarld.relations.selectors import partners as relation_partners
from omvarld.relations.services.partners import partner_get_or_create

from .factories import EventFactory, ParticipationFactory, SubmittedReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tampere(bodies):
    summary, created = partner_get_or_create(
        user=None,
        name="Tampere",
        name_sv="Tammerfors",
        country="FI",
        kind="municipality",
        body_ids=[bodies["mn"].pk],
    )
    assert created
    return summary


def test_an_event_is_with_partners_of_the_register(users, bodies, tampere, client):
    event = event_services.event_create(
        user=users["officer"],
        title="Vänortsmöte",
        kind="network_meeting",
        starts_on=dt.date(2027, 5, 3),
        ends_on=dt.date(2027, 5, 4),
        bodies=[bodies["mn"]],
        partners=[tampere.id],
    )
    assert list(EventPartner.objects.values_list("partner_id", flat=True)) == [tampere.id]
    client.force_login(users["reader"])
    page = client.get(reverse("exchange:event_detail", kwargs={"pk": event.pk})).content.decode()
    assert f'href="{tampere.url}"' in page
    assert "Tammerfors (Tampere) (Finland)" in page
    event_services.event_update(event=event, user=users["officer"], changes={"partners": []})
    assert not EventPartner.objects.exists()


def test_an_unknown_partner_is_refused(users, bodies):
    with pytest.raises(ValidationError) as error:
        event_services.event_create(
            user=users["officer"],
            title="X",
            kind="conference",
            starts_on=dt.date(2027, 5, 3),
            ends_on=dt.date(2027, 5, 4),
            bodies=[bodies["mn"]],
            partners=[424242],
        )
    assert "partners" in error.value.message_dict


def test_an_action_points_to_a_partner(users, trip, tampere, client):
    with pytest.raises(ValidationError) as error:
        report_services.action_update(
            action=trip["action"], user=users["officer"], changes={"partner_id": 424242}
        )
    assert "partner_id" in error.value.message_dict
    report_services.action_update(
        action=trip["action"], user=users["officer"], changes={"partner_id": tampere.id}
    )
    client.force_login(users["reader"])
    page = client.get(reverse("exchange:action_detail", kwargs={"pk": trip["action"].pk}))
    assert f'href="{tampere.url}"' in page.content.decode()


def _contact(report, user, tampere):
    return report_services.report_contact_add(
        report=report,
        user=user,
        partner_id=tampere.id,
        name="Liisa Virtanen",
        role="Avfallssamordnare",
        email="liisa@example.fi",
        legal_basis="public_task",
        retention_until=dt.date(2028, 12, 31),
    )


def test_a_contact_made_goes_into_the_register(users, trip, tampere):
    link = _contact(trip["report"], users["officer"], tampere)
    assert ReportContact.objects.get() == link
    partner = relation_partners.partner_detail(pk=tampere.id)
    (contact,) = partner.contacts.all()
    assert contact.pk == link.contact_id
    assert contact.name == "Liisa Virtanen"
    assert contact.purpose == "Kontakt från resan: Eurocities miljöforum"


def test_a_traveller_without_rights_in_the_register_is_told_to_write_it_as_text(
    users, bodies, tampere, client
):
    event = EventFactory(bodies=[bodies["un"]])
    ParticipationFactory(event=event, user=users["reader"])
    SubmittedReportFactory(event=event)
    client.force_login(users["reader"])
    response = client.post(
        reverse("exchange:report_contact_add", kwargs={"pk": event.pk}),
        {
            "contact-partner_id": tampere.id,
            "contact-name": "Liisa Virtanen",
            "contact-legal_basis": "public_task",
            "contact-retention_until": "2028-12-31",
        },
    )
    assert response.status_code == 400
    assert "Kontakter som knöts" in response.content.decode()
    assert 'value="Liisa Virtanen"' in response.content.decode()
    assert not ReportContact.objects.exists()


def test_the_api_writes_an_events_partners(users, tampere):
    client = APIClient()
    client.force_authenticate(users["officer"])
    response = client.post(
        "/api/v1/exchange-events/",
        {
            "title": "Vänortsmöte",
            "kind": "network_meeting",
            "starts_on": "2027-05-03",
            "ends_on": "2027-05-04",
            "bodies": ["MN"],
            "partners": [tampere.id],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["partners"] == [tampere.id]


def test_without_the_register_nothing_of_it_is_offered(users, trip, client, monkeypatch):
    monkeypatch.setattr(links, "partners_available", lambda: False)
    client.force_login(users["officer"])
    event = trip["event"]
    form = client.get(reverse("exchange:event_edit", kwargs={"pk": event.pk})).context["form"]
    assert "partners" not in form.fields
    action = client.get(reverse("exchange:action_edit", kwargs={"pk": trip["action"].pk}))
    assert "partner" not in action.context["form"].fields
    report = client.get(reverse("exchange:report_edit", kwargs={"pk": event.pk}))
    assert report.context["contact_form"] is None
    assert (
        client.post(reverse("exchange:report_contact_add", kwargs={"pk": event.pk})).status_code
        == 404
    )
    assert links.partners([1]) == {}
