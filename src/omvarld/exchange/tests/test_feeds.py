"""The calendar page, and a body's iCalendar and RSS feeds read back with real parsers."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from icalendar import Calendar

from omvarld.accounts.models import FeedKey

from .factories import EventFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coming(bodies, users):
    event = EventFactory(
        title="Östersjöstäder, årsmöte",
        bodies=[bodies["mn"]],
        place="Riga",
        country="LV",
        starts_on=dt.date(2027, 2, 10),
        ends_on=dt.date(2027, 2, 12),
    )
    ParticipationFactory(event=event, user=users["officer"])
    EventFactory(
        title="Skolkonferens",
        bodies=[bodies["un"]],
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 3, 1),
    )
    return event


def test_the_calendar_page_lists_coming_events_with_who_goes(client, users, coming, trip):
    client.force_login(users["officer"])
    page = client.get(reverse("exchange:calendar")).content.decode()
    assert "Östersjöstäder, årsmöte" in page
    assert "Skolkonferens" in page
    assert "Maja Miljö" in page
    assert "Eurocities miljöforum" not in page  # over
    assert FeedKey.objects.filter(user=users["officer"]).exists()


def test_a_bodys_icalendar_feed(client, users, coming):
    key = FeedKey.objects.create(user=users["reader"]).key
    response = client.get(reverse("exchange:calendar_ics", kwargs={"key": key, "name": "MN"}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Östersjöstäder, årsmöte"
    assert event.decoded("DTSTART") == dt.date(2027, 2, 10)
    assert event.decoded("DTEND") == dt.date(2027, 2, 13)
    assert str(event["UID"]) == f"exchange-event-{coming.pk}@omvarld"
    assert "Maja Miljö" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Riga, Lettland"


def test_a_bodys_rss_feed(client, users, coming):
    key = FeedKey.objects.create(user=users["reader"]).key
    response = client.get(reverse("exchange:feed_rss", kwargs={"key": key, "name": "UN"}))
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Skolkonferens (2027-03-01)"]


@pytest.mark.parametrize("name", ["MN", "NOPE"])
def test_a_wrong_key_or_body_is_not_found(client, users, coming, name):
    key = FeedKey.objects.create(user=users["reader"]).key
    assert (
        client.get(
            reverse("exchange:calendar_ics", kwargs={"key": "fel", "name": "MN"})
        ).status_code
        == 404
    )
    status = client.get(
        reverse("exchange:calendar_ics", kwargs={"key": key, "name": name})
    ).status_code
    assert status == (200 if name == "MN" else 404)


def test_an_inactive_users_key_stops_working(client, users, coming):
    key = FeedKey.objects.create(user=users["reader"]).key
    users["reader"].is_active = False
    users["reader"].save()
    assert (
        client.get(reverse("exchange:feed_rss", kwargs={"key": key, "name": "MN"})).status_code
        == 404
    )
